// Recipe: a global table whose items each have a home region, written and read there on that
// region's client, so two regions never race on one item (a global table keeps the last
// write) and a strongly consistent read sees the write.
import { documentClient, getTable } from "@org/aws-dynamo";

export interface Order {
  readonly PK: string;
  readonly SK: string;
  readonly total: number;
  readonly homeRegion: string;
}

export interface OrderEvent {
  readonly customerId: string;
  readonly orderId: string;
  readonly total: number;
  /** The customer's home region: one of the table's replicas (`REPLICA_REGIONS`). */
  readonly homeRegion: string;
}

// The replicas, e.g. "us-east-1,eu-west-1": a region that comes with a request must be one of
// them, so a request cannot make clients for regions the table is not in.
const isReplica = (region: string) =>
  (process.env.REPLICA_REGIONS ?? "").split(",").includes(region);

export const handler = async (event: OrderEvent) => {
  const { homeRegion } = event;
  if (!isReplica(homeRegion)) {
    return { statusCode: 400, body: JSON.stringify({ message: "Unknown home region" }) };
  }
  // The function's own client in its own region; another region's, created on its first use
  // and kept for the container, elsewhere.
  const client =
    homeRegion === process.env.AWS_REGION
      ? documentClient
      : documentClient.for({ region: homeRegion });
  const orders = getTable<Order>(process.env.TABLE_NAME ?? "", { client });
  const key = { PK: `CUSTOMER#${event.customerId}`, SK: `ORDER#${event.orderId}` };
  await orders.put({ ...key, total: event.total, homeRegion });
  // Strongly consistent only in the region of the write: the other replicas have the item
  // typically within a second.
  const order = await orders.get(key, { consistentRead: true });
  return { statusCode: 200, body: JSON.stringify(order) };
};
