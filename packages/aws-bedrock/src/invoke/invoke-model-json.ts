import type { InvokeModelCommandOutput } from "@aws-sdk/client-bedrock-runtime";
import { bedrock } from "../client/bedrock-client";
import { type BedrockClientOption, bedrockClient } from "../client/client-option";
import { BedrockValidationError, toBedrockError } from "../errors";

/** Options of {@link invokeModelJson}. */
export interface InvokeModelJsonOptions {
  /**
   * The client to send on, for a model of another region or account: a `LazyClient` such as
   * `bedrock.for({ region: "us-west-2" })`, or a `BedrockRuntimeClient` of your own (used as
   * it is, with the invocation's deadline of `withInvocation` added to it). Default: `bedrock`.
   */
  readonly client?: BedrockClientOption | undefined;
}

/**
 * Calls a model with InvokeModel: `body` goes out as JSON, the answer comes back parsed.
 * Content type and accept are `application/json`. The type parameter describes the
 * model's answer; it is not checked at run time. It sends on `options.client` when given,
 * else on `bedrock`.
 *
 * @throws a `BedrockError` with the model id, named for the case (`BedrockThrottledError`,
 *   `BedrockValidationError`, `BedrockAccessDeniedError`, `BedrockModelNotReadyError`,
 *   `BedrockModelTimeoutError`, `BedrockUnavailableError`), its `kind` giving the status; a
 *   `BedrockValidationError` too when the model's answer is not JSON. Stopped at the
 *   invocation's deadline (inside `withInvocation`), an `AwsCoreError` of kind `timeout`. A
 *   `client` that is neither a `BedrockRuntimeClient` nor a `LazyClient`: a `BedrockError` of
 *   kind `internal`.
 * @example
 * ```ts
 * import { bedrock, invokeModelJson } from "@org/aws-bedrock";
 *
 * const answer = await invokeModelJson<{ embedding: number[] }>("amazon.titan-embed-text-v2:0", {
 *   inputText: "hello",
 * });
 * // the same model in another region
 * const there = await invokeModelJson<{ embedding: number[] }>(
 *   "amazon.titan-embed-text-v2:0",
 *   { inputText: "hello" },
 *   { client: bedrock.for({ region: "us-west-2" }) },
 * );
 * ```
 */
export async function invokeModelJson<TResponse = unknown>(
  modelId: string,
  body: unknown,
  options: InvokeModelJsonOptions = {},
): Promise<TResponse> {
  let output: InvokeModelCommandOutput;
  try {
    const [client, { InvokeModelCommand }] = await Promise.all([
      bedrockClient(options?.client, modelId),
      bedrock.sdk(),
    ]);
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
