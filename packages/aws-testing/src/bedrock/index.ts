import { BedrockRuntimeClient } from "@aws-sdk/client-bedrock-runtime";
import { bedrock } from "@org/aws-bedrock";
import type { AwsClientStub } from "aws-sdk-client-mock";
import { mockSingletonClient } from "../mocks/mock-singleton-client";

/**
 * Mocks the Bedrock Runtime client of `@org/aws-bedrock`.
 *
 * @example
 * ```ts
 * import { claudeAnswer, InvokeModelCommand, mockBedrock } from "@org/aws-testing/bedrock";
 *
 * mockBedrock().on(InvokeModelCommand).resolves(claudeAnswer("Hola"));
 * ```
 */
export function mockBedrock(): AwsClientStub<BedrockRuntimeClient> {
  return mockSingletonClient(bedrock, BedrockRuntimeClient);
}

/**
 * An InvokeModel output as Claude's messages API answers, for `invokeClaude`.
 *
 * @example
 * ```ts
 * bedrockMock.on(InvokeModelCommand).resolves(claudeAnswer("Bonjour", { outputTokens: 1 }));
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
 * bedrockMock.on(ConverseCommand).resolves(converseAnswer("Hello"));
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

export {
  ConverseCommand,
  ConverseStreamCommand,
  InvokeModelCommand,
  InvokeModelWithResponseStreamCommand,
  ThrottlingException,
} from "@aws-sdk/client-bedrock-runtime";
