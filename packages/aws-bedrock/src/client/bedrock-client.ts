import { BedrockRuntimeClient } from "@aws-sdk/client-bedrock-runtime";
import { defineClient } from "@org/aws-core";

/**
 * The Bedrock Runtime client of the container, created on first access with the shared
 * configuration from `@org/aws-core`, and a longer request timeout: models answer in
 * seconds, so 25 s by default, below API Gateway's 29 s limit. Local endpoints come from
 * `AWS_ENDPOINT_URL_BEDROCK_RUNTIME`.
 *
 * @example
 * ```ts
 * import { bedrock } from "@org/aws-bedrock";
 *
 * bedrock.configure({ requestTimeout: 60_000 }); // optional, before first use
 * const client = bedrock.client;
 * ```
 */
export const bedrock = /* @__PURE__ */ defineClient({
  name: "bedrock-runtime",
  create: (config) => new BedrockRuntimeClient(config),
  defaults: { requestTimeout: 25_000 },
});

/**
 * The function form of {@link bedrock}: the same client.
 *
 * @example
 * ```ts
 * const client = getBedrockClient();
 * ```
 */
export const getBedrockClient = bedrock.get;
