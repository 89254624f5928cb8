// Recipe: each tenant's requests on credentials that reach only that tenant's items: one
// role for every tenant, narrowed per tenant by a session policy on the partition key
// (dynamodb:LeadingKeys), on a client kept per tenant.
import { assumeRole } from "@org/aws-core/credentials";
import { documentClient, getTable } from "@org/aws-dynamo";

export interface Order {
  readonly PK: string;
  readonly SK: string;
  readonly total: number;
}

export interface TenantOrderEvent {
  /** From the caller's verified token (an authorizer's claim), never from the request body. */
  readonly tenantId: string;
  readonly orderId: string;
  readonly total: number;
}

// A client key and an STS session name at once: 2 to 64 of these characters.
const TENANT_ID = /^[\w+=,.@-]{2,64}$/;

export const partitionOf = (tenantId: string) => `TENANT#${tenantId}`;

/** What the tenant's credentials may do: the item actions, on its own partition only. */
export function tenantPolicy(tableArn: string, tenantId: string) {
  return {
    Version: "2012-10-17",
    Statement: [
      {
        Effect: "Allow",
        Action: ["dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:Query"],
        Resource: tableArn,
        Condition: {
          "ForAllValues:StringEquals": { "dynamodb:LeadingKeys": [partitionOf(tenantId)] },
        },
      },
    ],
  };
}

/** The tenant's client: the same object for as long as the container keeps it. */
export function tenantClient(tenantId: string) {
  return documentClient.for({
    key: tenantId,
    credentials: assumeRole({
      roleArn: process.env.TENANT_ROLE_ARN ?? "",
      sessionName: tenantId, // in CloudTrail, each call names its tenant
      sessionPolicy: tenantPolicy(process.env.TABLE_ARN ?? "", tenantId),
    }),
  });
}

export const handler = async (event: TenantOrderEvent) => {
  if (typeof event.tenantId !== "string" || !TENANT_ID.test(event.tenantId)) {
    return { statusCode: 400, body: JSON.stringify({ message: "Invalid tenant" }) };
  }
  const orders = getTable<Order>(process.env.TABLE_NAME ?? "", {
    client: tenantClient(event.tenantId),
  });
  const partition = partitionOf(event.tenantId);
  await orders.put({ PK: partition, SK: `ORDER#${event.orderId}`, total: event.total });
  const { items } = await orders.query({ partition });
  return { statusCode: 200, body: JSON.stringify(items) };
};
