import { BedrockRuntimeClient } from "@aws-sdk/client-bedrock-runtime";
import { bedrock } from "@org/aws-bedrock";
import type { AwsClientStub } from "aws-sdk-client-mock";
import { mockClient } from "../mocks/mock-client";

/**
 * Mocks the Bedrock Runtime client of `@org/aws-bedrock` (`bedrock`: what `converse`,
 * `converseStream`, `invokeClaude` and `invokeModelJson` use). Its SDK loads on first use;
 * the mock is there at once (`bedrock.client` and `await bedrock.get()` return it), and
 * `bedrock.sdk()` still loads the real SDK module for its command classes. Match on commands
 * imported from `@aws-sdk/client-bedrock-runtime`, the copy `@org/aws-bedrock` loads.
 *
 * @example
 * ```ts
 * import { InvokeModelCommand } from "@aws-sdk/client-bedrock-runtime";
 * import { claudeAnswer, mockBedrock } from "@org/aws-testing/bedrock";
 *
 * mockBedrock().on(InvokeModelCommand).resolves(claudeAnswer("Hola"));
 * ```
 */
export function mockBedrock(): AwsClientStub<BedrockRuntimeClient> {
  return mockClient(bedrock, BedrockRuntimeClient);
}

/**
 * An InvokeModel output as Claude's messages API answers, for `invokeClaude`.
 *
 * @example
 * ```ts
 * import { InvokeModelCommand } from "@aws-sdk/client-bedrock-runtime";
 *
 * mockBedrock().on(InvokeModelCommand).resolves(claudeAnswer("Bonjour", { outputTokens: 1 }));
 * ```
 */
export function claudeAnswer(
  text: string,
  usage: { inputTokens?: number; outputTokens?: number } = {},
) {
  const body = {
    type: "message",
    role: "assistant",
    content: [{ type: "text", text }],
    stop_reason: "end_turn",
    usage: { input_tokens: usage.inputTokens ?? 1, output_tokens: usage.outputTokens ?? 1 },
  };
  return {
    body: new TextEncoder().encode(JSON.stringify(body)) as never,
    contentType: "application/json",
  };
}

/**
 * A Converse output with this text, for `converse`.
 *
 * @example
 * ```ts
 * import { ConverseCommand } from "@aws-sdk/client-bedrock-runtime";
 *
 * mockBedrock().on(ConverseCommand).resolves(converseAnswer("Hello"));
 * ```
 */
export function converseAnswer(text: string) {
  return {
    output: { message: { role: "assistant" as const, content: [{ text }] } },
    stopReason: "end_turn" as const,
    usage: { inputTokens: 1, outputTokens: 1, totalTokens: 2 },
    metrics: { latencyMs: 1 },
  };
}
