import type { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import type { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import { bedrock } from "@org/aws-bedrock";
import { cognito } from "@org/aws-cognito";
import { type OnUseClient, onUseView } from "./on-use-view";

/** The clients of {@link aws}. */
export interface Aws {
  /** The DynamoDB client of `@org/aws-dynamo` (`dynamo`); `sdk()` is `@aws-sdk/client-dynamodb`. */
  readonly dynamo: OnUseClient<DynamoDBClient, typeof import("@aws-sdk/client-dynamodb")>;
  /** The DocumentClient of `@org/aws-dynamo`; `sdk()` is `@aws-sdk/lib-dynamodb`. */
  readonly documentClient: OnUseClient<
    DynamoDBDocumentClient,
    typeof import("@aws-sdk/lib-dynamodb")
  >;
  /** The Bedrock Runtime client of `@org/aws-bedrock`. */
  readonly bedrock: typeof bedrock;
  /** The Cognito user pools client of `@org/aws-cognito`. */
  readonly cognito: typeof cognito;
}

const dynamoPackage = () => import("@org/aws-dynamo");

/**
 * Every client of the container in one object, as in a central `aws` module, without its
 * cost: each client's code loads the first time a request uses it, so a route that only
 * reads DynamoDB never loads Bedrock's or Cognito's SDK. The clients are the packages' own
 * singletons: configure them there, or share settings with `configureAwsDefaults()`.
 *
 * @example
 * ```ts
 * import { aws } from "@org/aws";
 *
 * export const handler = async (event) => {
 *   const [db, { GetCommand }] = await Promise.all([aws.documentClient.get(), aws.documentClient.sdk()]);
 *   const { Item } = await db.send(new GetCommand({ TableName: "users", Key: { id: event.id } }));
 *   return Item;
 * };
 * ```
 */
export const aws: Aws = {
  dynamo: /* @__PURE__ */ onUseView(
    "dynamodb",
    async () => (await dynamoPackage()).dynamo,
    () => import("@aws-sdk/client-dynamodb"),
  ),
  documentClient: /* @__PURE__ */ onUseView(
    "dynamodb-document",
    async () => (await dynamoPackage()).documentClient,
    () => import("@aws-sdk/lib-dynamodb"),
  ),
  bedrock,
  cognito,
};
