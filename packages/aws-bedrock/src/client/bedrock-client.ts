import type { BedrockRuntimeClient } from "@aws-sdk/client-bedrock-runtime";
import { defineLoadOnUseClient, type LoadOnUseClient } from "@org/aws-core";

/**
 * What {@link bedrock} loads on first use: `BedrockRuntimeClient`, `ConverseCommand`,
 * `ConverseStreamCommand` and `InvokeModelCommand` of `@aws-sdk/client-bedrock-runtime`.
 */
export type BedrockSdk = typeof import("./bedrock-sdk");

/**
 * The Bedrock Runtime client of the container. Its SDK module loads on first use (a route
 * that never calls a model never loads it), and the client is created then, with the
 * shared configuration from `@org/aws-core` and a longer request timeout: models answer in
 * seconds, so 25 s by default, below API Gateway's 29 s limit. Local endpoints come from
 * `AWS_ENDPOINT_URL_BEDROCK_RUNTIME`.
 *
 * @example
 * ```ts
 * import { bedrock } from "@org/aws-bedrock";
 *
 * bedrock.configure({ requestTimeout: 60_000 }); // optional, before first use
 * const [client, { ConverseCommand }] = await Promise.all([bedrock.get(), bedrock.sdk()]);
 * ```
 */
export const bedrock: LoadOnUseClient<BedrockRuntimeClient, BedrockSdk> =
  /* @__PURE__ */ defineLoadOnUseClient({
    name: "bedrock-runtime",
    load: () => import("./bedrock-sdk"),
    create: (sdk, config) => new sdk.BedrockRuntimeClient(config),
    defaults: { requestTimeout: 25_000 },
  });

/**
 * The function form of {@link bedrock}: the same client, loaded on first use.
 *
 * @example
 * ```ts
 * const client = await getBedrockClient();
 * ```
 */
export const getBedrockClient = bedrock.get;
