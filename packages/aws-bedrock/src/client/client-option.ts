import type { BedrockRuntimeClient } from "@aws-sdk/client-bedrock-runtime";
import type { LazyClient } from "@org/aws-core";
import { clientSource } from "@org/aws-core/internal";
import { BedrockError } from "../errors";
import { bedrock } from "./bedrock-client";

/**
 * The `client` option of the helpers of `@org/aws-bedrock`: a Bedrock Runtime client of your
 * own (an SDK v3 `BedrockRuntimeClient`, used as it is), or a `LazyClient` of one, such as
 * `bedrock.for({ region: "us-west-2" })` (created on its first use). Without it, the helpers
 * use {@link bedrock}.
 *
 * @example
 * ```ts
 * import { bedrock, type BedrockClientOption, invokeClaude } from "@org/aws-bedrock";
 *
 * const client: BedrockClientOption = bedrock.for({ region: "us-west-2" });
 * const { text } = await invokeClaude({ modelId, prompt: "hi", client });
 * ```
 */
export type BedrockClientOption = BedrockRuntimeClient | LazyClient<BedrockRuntimeClient, unknown>;

/**
 * @internal The client a helper sends on: `option` resolved (a LazyClient's own, loaded on
 * first use), else {@link bedrock}'s. The command classes still come from `bedrock.sdk()`,
 * which loads the SDK module without creating `bedrock`'s client.
 *
 * @throws a `BedrockError` of kind `internal` for an `option` that is neither an SDK v3 client
 *   nor a `LazyClient`.
 */
export function bedrockClient(
  option: BedrockClientOption | undefined,
  modelId: string,
): Promise<BedrockRuntimeClient> {
  if (option === undefined) return bedrock.get();
  const source = clientSource<BedrockRuntimeClient>(option, bedrock.name);
  if (typeof source !== "string") return source.get();
  throw new BedrockError(
    `The client option is neither a BedrockRuntimeClient nor a LazyClient of one (such as bedrock.for({ region })): got ${source}`,
    { kind: "internal", modelId },
  );
}
