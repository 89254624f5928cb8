import { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import { documentClient } from "./document-client";

// What libraries call: sending creates the container's DocumentClient on first use.
const send: DynamoDBDocumentClient["send"] = ((command: never, options?: never) =>
  documentClient.client.send(command, options)) as DynamoDBDocumentClient["send"];

/**
 * A stand-in for the container's DocumentClient ({@link documentClient}) to hand to
 * libraries that want a client when they are declared, at import: dynamodb-toolbox's
 * `Table`, ElectroDB's `Entity` and `Service`. Nothing is created until the library sends
 * its first command; other members are read from the real client, which creates it. Checks
 * such as `"send" in client` and `instanceof DynamoDBDocumentClient` do not create it.
 *
 * @example
 * ```ts
 * import { Table } from "dynamodb-toolbox/table";
 * import { lazyDocumentClient } from "@org/aws-dynamo";
 *
 * // At module scope: no client yet, so no cost at init.
 * export const table = new Table({
 *   name: process.env.TABLE_NAME!,
 *   partitionKey: { name: "PK", type: "string" },
 *   documentClient: lazyDocumentClient,
 * });
 * ```
 */
export const lazyDocumentClient: DynamoDBDocumentClient = /* @__PURE__ */ new Proxy(
  {} as DynamoDBDocumentClient,
  {
    get(_, property) {
      if (property === "send") return send;
      const client = documentClient.client;
      const value: unknown = Reflect.get(client, property, client);
      return typeof value === "function" ? value.bind(client) : value;
    },
    has: (_, property) => property === "send" || property in DynamoDBDocumentClient.prototype,
    getPrototypeOf: () => DynamoDBDocumentClient.prototype,
  },
);
