import { bedrock } from "../client/bedrock-client";
import { bedrockClient } from "../client/client-option";
import { toBedrockError } from "../errors";
import { converseInput, tokenUsage } from "./converse-input";
import type { ConverseRequest, ConverseResult } from "./types";

/**
 * One Converse call (the same request shape for every model): returns the text, the stop
 * reason and the token usage. It sends on `request.client` when given (a client of another
 * region or account, see {@link ConverseRequest.client}), else on `bedrock`.
 *
 * @example
 * ```ts
 * import { bedrock, converse } from "@org/aws-bedrock";
 *
 * const { text, usage } = await converse({
 *   modelId: "amazon.nova-lite-v1:0",
 *   system: "Answer in one sentence.",
 *   prompt: "What is a Lambda cold start?",
 *   maxTokens: 200,
 * });
 *
 * // in another region (bedrock's settings, created on first use, kept for the container)
 * const answer = await converse({
 *   modelId: "amazon.nova-lite-v1:0",
 *   prompt: "What is a Lambda cold start?",
 *   client: bedrock.for({ region: "us-west-2" }),
 * });
 * ```
 */
export async function converse(request: ConverseRequest): Promise<ConverseResult> {
  try {
    const [client, { ConverseCommand }] = await Promise.all([
      bedrockClient(request.client, request.modelId),
      bedrock.sdk(),
    ]);
    const output = await client.send(new ConverseCommand(converseInput(request)));
    const text = (output.output?.message?.content ?? []).map((block) => block.text ?? "").join("");
    return { text, stopReason: output.stopReason ?? "unknown", usage: tokenUsage(output.usage) };
  } catch (error) {
    throw toBedrockError(error, request.modelId);
  }
}
