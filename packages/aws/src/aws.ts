import type { BedrockRuntimeClient } from "@aws-sdk/client-bedrock-runtime";
import type { CognitoIdentityProviderClient } from "@aws-sdk/client-cognito-identity-provider";
import type { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import { bedrock } from "@org/aws-bedrock";
import { cognito } from "@org/aws-cognito";
import type { LazyClient } from "@org/aws-core";
import { lazyClientView } from "./facade-client";

/**
 * The clients of {@link aws}: each a `LazyClient` of `@org/aws-core`, with the same members
 * as every client of every `@org/aws-*` package (`client`, `get()`, `sdk()`, `configure()`,
 * `inject()`, `reset()`, `peek()`, `onCreate()`).
 */
export interface Aws {
  /**
   * The DocumentClient of `@org/aws-dynamo` (the same instance), that package loaded on
   * first use. `sdk()` gives the DocumentClient's commands of `@aws-sdk/lib-dynamodb`
   * (`GetCommand`, `PutCommand`, `UpdateCommand`, `DeleteCommand`, `QueryCommand`,
   * `ScanCommand`, the batch and transaction commands). Before the load, `client` throws,
   * `peek()` is `undefined`, and `configure()`, `inject()` and `onCreate()` are applied when
   * it loads.
   */
  readonly documentClient: LazyClient<DynamoDBDocumentClient, typeof import("./document-commands")>;
  /** The Bedrock Runtime client of `@org/aws-bedrock` (the same object). */
  readonly bedrock: LazyClient<
    BedrockRuntimeClient,
    typeof import("@aws-sdk/client-bedrock-runtime")
  >;
  /** The Cognito user pools client of `@org/aws-cognito` (the same object). */
  readonly cognito: LazyClient<
    CognitoIdentityProviderClient,
    typeof import("@aws-sdk/client-cognito-identity-provider")
  >;
}

/**
 * Every client of the container in one object, as in a central `aws` module, without its
 * cost: each client's code loads the first time a request uses it, so a route that only
 * reads DynamoDB never loads Bedrock's or Cognito's SDK. The clients are the packages' own
 * singletons: configure them here or there (the same client), or share settings with
 * `configureAwsDefaults()`.
 *
 * @example
 * ```ts
 * import { aws } from "@org/aws";
 *
 * export const handler = async (event: { id: string }) => {
 *   const [db, { GetCommand }] = await Promise.all([aws.documentClient.get(), aws.documentClient.sdk()]);
 *   const { Item } = await db.send(new GetCommand({ TableName: "users", Key: { id: event.id } }));
 *   return Item;
 * };
 * // once loaded, aws.documentClient.client is the client, synchronously
 * ```
 */
export const aws: Aws = {
  documentClient: /* @__PURE__ */ lazyClientView("dynamodb-document", async () => {
    const { documentClient, documentCommands } = await import("./dynamo-clients");
    return { target: documentClient, sdk: documentCommands };
  }),
  bedrock,
  cognito,
};
