// Recipe: ElectroDB on the container's DocumentClient, created on the first query.
import { lazyDocumentClient } from "@org/aws-dynamo";
import { Entity } from "electrodb";

// Declared at module scope, as the library expects: no client is created here.
export const Order = new Entity(
  {
    model: { entity: "order", version: "1", service: "shop" },
    attributes: {
      orderId: { type: "string", required: true },
      customerId: { type: "string", required: true },
      total: { type: "number", required: true },
    },
    indexes: {
      byId: {
        pk: { field: "PK", composite: ["customerId"] },
        sk: { field: "SK", composite: ["orderId"] },
      },
    },
  },
  { client: lazyDocumentClient, table: process.env.TABLE_NAME ?? "app" },
);
