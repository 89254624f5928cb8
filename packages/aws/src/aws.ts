import type { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import { bedrock } from "@org/aws-bedrock";
import { cognito } from "@org/aws-cognito";
import { type FacadeClient, facadeClient } from "./facade-client";

/** The clients of {@link aws}. */
export interface Aws {
  /**
   * The DocumentClient of `@org/aws-dynamo`; `sdk()` has its commands (`GetCommand`,
   * `PutCommand`, `UpdateCommand`, `DeleteCommand`, `QueryCommand`, `ScanCommand`, the batch
   * and transaction commands) of `@aws-sdk/lib-dynamodb`.
   */
  readonly documentClient: FacadeClient<
    DynamoDBDocumentClient,
    typeof import("./document-commands")
  >;
  /** The Bedrock Runtime client of `@org/aws-bedrock` (the same object). */
  readonly bedrock: typeof bedrock;
  /** The Cognito user pools client of `@org/aws-cognito` (the same object). */
  readonly cognito: typeof cognito;
}

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
  documentClient: /* @__PURE__ */ facadeClient(
    "dynamodb-document",
    async () => (await import("./dynamo-clients")).documentClient,
    () => import("./document-commands"),
  ),
  bedrock,
  cognito,
};
