import { bedrock } from "../client/bedrock-client";
import { toBedrockError } from "../errors";
import { converseInput, tokenUsage } from "./converse-input";
import type { ConverseRequest, ConverseStreamPart, TokenUsage } from "./types";

/**
 * ConverseStream as an async iterable: `{ type: "text", text }` parts as the model writes,
 * then one `{ type: "end", stopReason, usage }`. A failure, before or in the middle of the
 * stream, is thrown by the iterator as a typed error (`BedrockModelStreamError`,
 * `BedrockThrottledError`, ...), never as an unhandled rejection. Leaving the loop early
 * closes the stream.
 *
 * @example
 * ```ts
 * import { converseStream } from "@org/aws-bedrock";
 *
 * for await (const part of converseStream({ modelId, prompt: "Tell me a story" })) {
 *   if (part.type === "text") process.stdout.write(part.text);
 *   else console.log("\n", part.usage.outputTokens, "tokens");
 * }
 * ```
 */
export async function* converseStream(
  request: ConverseRequest,
): AsyncGenerator<ConverseStreamPart> {
  let stopReason = "unknown";
  let usage: TokenUsage = tokenUsage(undefined);
  try {
    const [client, { ConverseStreamCommand }] = await Promise.all([bedrock.get(), bedrock.sdk()]);
    const output = await client.send(new ConverseStreamCommand(converseInput(request)));
    for await (const event of output.stream ?? []) {
      const text = event.contentBlockDelta?.delta?.text;
      if (text) yield { type: "text", text };
      if (event.messageStop?.stopReason) stopReason = event.messageStop.stopReason;
      if (event.metadata?.usage) usage = tokenUsage(event.metadata.usage);
    }
  } catch (error) {
    throw toBedrockError(error, request.modelId);
  }
  yield { type: "end", stopReason, usage };
}
