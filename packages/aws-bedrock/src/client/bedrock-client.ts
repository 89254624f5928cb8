import type { BedrockRuntimeClient } from "@aws-sdk/client-bedrock-runtime";
import { defineClient, type LazyClient } from "@org/aws-core";
import { missingPackage } from "@org/aws-core/internal";

/**
 * What {@link bedrock} loads on first use: the module `@aws-sdk/client-bedrock-runtime`
 * (`BedrockRuntimeClient` and every command class).
 */
export type BedrockSdk = typeof import("@aws-sdk/client-bedrock-runtime");

const SDK_PACKAGE = "@aws-sdk/client-bedrock-runtime";

/**
 * The Bedrock Runtime client of the container, a `LazyClient` of `@org/aws-core`. Its SDK
 * (`@aws-sdk/client-bedrock-runtime`, an optional peer) loads on first use, so a route that
 * never calls a model never loads it, and a bundle builds without it; then the first use
 * fails with an error that names the package to install. Local endpoints come from
 * `AWS_ENDPOINT_URL_BEDROCK_RUNTIME`.
 *
 * Defaults, for models that answer in seconds yet within an API Gateway request:
 * `requestTimeout` 11 s per attempt and `maxAttempts` 2.
 * - Inside `withInvocation` of `@org/aws-core` (app-kit's handlers, the Middy middleware of
 *   `@org/aws-core/middy`), the invocation's deadline bounds the whole call, retries
 *   included.
 * - Outside it, the bound is attempts x requestTimeout + the SDK's backoff: 2 x 11 s + one
 *   backoff (at most 50 ms after a timeout or a server error, at most 1 s after throttling,
 *   up to 5 s more if Bedrock sends `Retry-After`), so at most 28 s: below API Gateway's 29 s.
 * - `requestTimeout` is a time without activity: for `converseStream` it bounds the wait for
 *   the stream to start and each pause in it, not the whole stream (see `converseStream`).
 *
 * Code-set `maxAttempts` wins over `AWS_MAX_ATTEMPTS`; `configure()` this client (after any
 * `configureAwsDefaults()`, which would override these defaults too) to change them.
 *
 * @example
 * ```ts
 * import { bedrock } from "@org/aws-bedrock";
 *
 * bedrock.configure({ requestTimeout: 60_000 }); // optional, before first use
 * const [client, { InvokeModelWithResponseStreamCommand }] = await Promise.all([
 *   bedrock.get(),
 *   bedrock.sdk(),
 * ]);
 * const output = await client.send(new InvokeModelWithResponseStreamCommand({ modelId, body }));
 * // once loaded (after get() or prime([bedrock])), bedrock.client is the client, synchronously
 * ```
 */
export const bedrock: LazyClient<BedrockRuntimeClient, BedrockSdk> = /* @__PURE__ */ defineClient({
  name: "bedrock-runtime",
  // The `.catch` on the import itself lets a bundler build without the package.
  load: () =>
    import("@aws-sdk/client-bedrock-runtime").catch(
      missingPackage(SDK_PACKAGE, "The bedrock-runtime client"),
    ),
  create: (config, sdk) => new sdk.BedrockRuntimeClient(config),
  defaults: { maxAttempts: 2, requestTimeout: 11_000 },
});
