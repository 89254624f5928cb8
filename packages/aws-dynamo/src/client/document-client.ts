import { DynamoDBDocumentClient, type TranslateConfig } from "@aws-sdk/lib-dynamodb";
import { defineClient } from "@org/aws-core";
import { dynamo } from "./dynamo-client";

/**
 * How items are converted: `undefined` values are dropped (instead of failing the write),
 * numbers come back as numbers, Sets as Sets, binary as `Uint8Array`.
 */
const DOCUMENT_TRANSLATE_CONFIG: TranslateConfig = {
  marshallOptions: { removeUndefinedValues: true },
  unmarshallOptions: { wrapNumbers: false },
};

/**
 * The DynamoDB DocumentClient of the container (plain JavaScript values in and out), built
 * on first access on top of {@link dynamo}'s client, so both share one connection pool.
 * `documentClient.configure()` configures that underlying client.
 *
 * @example
 * ```ts
 * import { GetCommand } from "@aws-sdk/lib-dynamodb";
 * import { documentClient } from "@org/aws-dynamo";
 *
 * const { Item } = await documentClient.client.send(
 *   new GetCommand({ TableName: "users", Key: { PK: "USER#1" } }),
 * );
 * ```
 */
export const documentClient = /* @__PURE__ */ defineClient({
  name: "dynamodb-document",
  base: dynamo,
  create: (_config, _sdk, dynamoClient) =>
    DynamoDBDocumentClient.from(dynamoClient, DOCUMENT_TRANSLATE_CONFIG),
});
