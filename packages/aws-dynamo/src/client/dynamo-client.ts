import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { defineClient } from "@org/aws-core";

/**
 * The DynamoDB client of the container, created on first access with the shared
 * configuration from `@org/aws-core`. Local endpoints come from `AWS_ENDPOINT_URL_DYNAMODB`.
 *
 * @example
 * ```ts
 * import { ListTablesCommand } from "@aws-sdk/client-dynamodb";
 * import { dynamo } from "@org/aws-dynamo";
 *
 * dynamo.configure({ requestTimeout: 1_000 }); // optional, before first use
 * const { TableNames } = await dynamo.client.send(new ListTablesCommand({}));
 * ```
 */
export const dynamo = /* @__PURE__ */ defineClient({
  name: "dynamodb",
  create: (config) => new DynamoDBClient(config),
});
