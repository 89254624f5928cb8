import type { ConverseRequest, TokenUsage } from "./types";

/** The SDK input shared by Converse and ConverseStream. */
export function converseInput(request: ConverseRequest) {
  const inferenceConfig = Object.fromEntries(
    Object.entries({
      maxTokens: request.maxTokens,
      temperature: request.temperature,
      topP: request.topP,
      stopSequences: request.stopSequences,
    }).filter(([, value]) => value !== undefined),
  );
  return {
    modelId: request.modelId,
    messages: request.messages ?? [
      { role: "user" as const, content: [{ text: request.prompt ?? "" }] },
    ],
    ...(request.system ? { system: [{ text: request.system }] } : {}),
    ...(Object.keys(inferenceConfig).length ? { inferenceConfig } : {}),
  };
}

/** Usage with zeros where the model said nothing. */
export function tokenUsage(
  usage:
    | {
        inputTokens?: number | undefined;
        outputTokens?: number | undefined;
        totalTokens?: number | undefined;
      }
    | undefined,
): TokenUsage {
  const inputTokens = usage?.inputTokens ?? 0;
  const outputTokens = usage?.outputTokens ?? 0;
  return {
    inputTokens,
    outputTokens,
    totalTokens: usage?.totalTokens ?? inputTokens + outputTokens,
  };
}
