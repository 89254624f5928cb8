import type { InvokeModelCommandOutput } from "@aws-sdk/client-bedrock-runtime";
import { bedrock } from "../client/bedrock-client";
import { BedrockValidationError, toBedrockError } from "../errors";

/**
 * Calls a model with InvokeModel: `body` goes out as JSON, the answer comes back parsed.
 * Content type and accept are `application/json`. The type parameter describes the
 * model's answer; it is not checked at run time.
 *
 * @throws a `BedrockError` with the model id, named for the case (`BedrockThrottledError`,
 *   `BedrockValidationError`, `BedrockAccessDeniedError`, `BedrockModelNotReadyError`,
 *   `BedrockModelTimeoutError`, `BedrockUnavailableError`), its `kind` giving the status; a
 *   `BedrockValidationError` too when the model's answer is not JSON. Stopped at the
 *   invocation's deadline (inside `withInvocation`), an `AwsCoreError` of kind `timeout`.
 * @example
 * ```ts
 * import { invokeModelJson } from "@org/aws-bedrock";
 *
 * const answer = await invokeModelJson<{ embedding: number[] }>("amazon.titan-embed-text-v2:0", {
 *   inputText: "hello",
 * });
 * ```
 */
export async function invokeModelJson<TResponse = unknown>(
  modelId: string,
  body: unknown,
): Promise<TResponse> {
  let output: InvokeModelCommandOutput;
  try {
    const [client, { InvokeModelCommand }] = await Promise.all([bedrock.get(), bedrock.sdk()]);
    output = await client.send(
      new InvokeModelCommand({
        modelId,
        contentType: "application/json",
        accept: "application/json",
        body: JSON.stringify(body),
      }),
    );
  } catch (error) {
    throw toBedrockError(error, modelId);
  }
  const text = new TextDecoder().decode(output.body);
  try {
    return JSON.parse(text) as TResponse;
  } catch (error) {
    throw new BedrockValidationError("The model answered with something that is not JSON", {
      modelId,
      cause: error,
    });
  }
}
