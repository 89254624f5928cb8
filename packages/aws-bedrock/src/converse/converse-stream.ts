import { bedrock } from "../client/bedrock-client";
import { bedrockClient } from "../client/client-option";
import { BedrockModelStreamError, toBedrockError } from "../errors";
import { converseInput, tokenUsage } from "./converse-input";
import type { ConverseRequest, ConverseStreamPart, TokenUsage } from "./types";

/**
 * ConverseStream as an async iterable: `{ type: "text", text }` parts as the model writes,
 * then one `{ type: "end", stopReason, usage }`. A failure, before or in the middle of the
 * stream, is thrown by the iterator as a `BedrockError` (named `BedrockModelStreamError`,
 * `BedrockThrottledError`, ...), never as an unhandled rejection; so is a stream that ends
 * before the model's `messageStop` (the SDK ends a stream that paused longer than
 * `requestTimeout` as if it were complete). Leaving the loop early closes the stream. It sends
 * on `request.client` when given (see {@link ConverseRequest.client}), else on `bedrock`.
 *
 * Time bounds: the client's `requestTimeout` (11 s by default) bounds the wait for the stream
 * to start, and inside `withInvocation` the invocation's deadline bounds that wait too (with
 * the retries). Once the stream has started, `requestTimeout` bounds each pause between
 * parts, not the stream's whole length, and the deadline no longer applies: for a long
 * answer, stop at a limit of your own (`maxTokens`, or `break` out of the loop at a time).
 *
 * @example
 * ```ts
 * import { bedrock, converseStream } from "@org/aws-bedrock";
 *
 * for await (const part of converseStream({ modelId, prompt: "Tell me a story" })) {
 *   if (part.type === "text") process.stdout.write(part.text);
 *   else console.log("\n", part.usage.outputTokens, "tokens");
 * }
 *
 * // in another region
 * const west = bedrock.for({ region: "us-west-2" });
 * for await (const part of converseStream({ modelId, prompt: "hi", client: west })) {
 *   if (part.type === "text") process.stdout.write(part.text);
 * }
 * ```
 */
export async function* converseStream(
  request: ConverseRequest,
): AsyncGenerator<ConverseStreamPart> {
  let stopReason: string | undefined;
  let usage: TokenUsage = tokenUsage(undefined);
  try {
    const [client, { ConverseStreamCommand }] = await Promise.all([
      bedrockClient(request.client, request.modelId),
      bedrock.sdk(),
    ]);
    const output = await client.send(new ConverseStreamCommand(converseInput(request)));
    for await (const event of output.stream ?? []) {
      const text = event.contentBlockDelta?.delta?.text;
      if (text) yield { type: "text", text };
      if (event.messageStop) stopReason = event.messageStop.stopReason ?? "unknown";
      if (event.metadata?.usage) usage = tokenUsage(event.metadata.usage);
    }
  } catch (error) {
    throw toBedrockError(error, request.modelId);
  }
  if (stopReason === undefined) {
    throw new BedrockModelStreamError(
      "The stream ended before the model's messageStop: it paused longer than requestTimeout, or the connection closed",
      { modelId: request.modelId },
    );
  }
  yield { type: "end", stopReason, usage };
}
