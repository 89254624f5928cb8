// Recipe: a table in another account, reached through a role there that trusts this
// function's role; the function's own table stays on its own credentials.
import { assumeRole } from "@org/aws-core/credentials";
import { documentClient, getTable } from "@org/aws-dynamo";

export interface SaleEvent {
  readonly orderId: string;
  readonly day: string;
  readonly total: number;
}

// The reporting account's client, declared at module scope: no client is created and STS is
// not called until its first command. The role's credentials are then kept by the client and
// assumed again shortly before they expire.
export const reports = documentClient.for({
  key: "reports",
  credentials: assumeRole({ roleArn: process.env.REPORTS_ROLE_ARN ?? "" }),
});

export const handler = async (event: SaleEvent) => {
  const orders = getTable(process.env.TABLE_NAME ?? "");
  const sales = getTable(process.env.REPORTS_TABLE_NAME ?? "", { client: reports });
  await orders.put({ PK: `ORDER#${event.orderId}`, SK: "ORDER", total: event.total });
  const day = await sales.update(
    { PK: `DAY#${event.day}`, SK: "SALES" },
    {},
    { add: { orders: 1, total: event.total } },
  );
  return { statusCode: 200, body: JSON.stringify(day) };
};
