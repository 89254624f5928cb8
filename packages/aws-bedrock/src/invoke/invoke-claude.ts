import { invokeModelJson } from "./invoke-model-json";

/** One turn of a Claude conversation. */
export interface ClaudeMessage {
  readonly role: "user" | "assistant";
  readonly content: string | ReadonlyArray<{ readonly type: "text"; readonly text: string }>;
}

/** A Claude messages request through InvokeModel. */
export interface ClaudeRequest {
  /** e.g. `anthropic.claude-3-haiku-20240307-v1:0`, or an inference profile id. */
  readonly modelId: string;
  /** Shorthand for one user message. */
  readonly prompt?: string | undefined;
  readonly messages?: readonly ClaudeMessage[] | undefined;
  readonly system?: string | undefined;
  /** Default 1,024. */
  readonly maxTokens?: number | undefined;
  readonly temperature?: number | undefined;
  readonly stopSequences?: readonly string[] | undefined;
}

/** What Claude answered. */
export interface ClaudeResult {
  readonly text: string;
  readonly stopReason: string;
  readonly usage: { readonly inputTokens: number; readonly outputTokens: number };
}

interface ClaudeResponseBody {
  content?: { type: string; text?: string }[];
  stop_reason?: string;
  usage?: { input_tokens?: number; output_tokens?: number };
}

/** Bedrock's version of the Anthropic messages API. */
const ANTHROPIC_VERSION = "bedrock-2023-05-31";

/**
 * Calls an Anthropic Claude model with the messages API through InvokeModel: a
 * translation, a summary or any single-turn prompt is one line.
 *
 * @example
 * ```ts
 * import { invokeClaude } from "@org/aws-bedrock";
 *
 * const { text } = await invokeClaude({
 *   modelId: "anthropic.claude-3-haiku-20240307-v1:0",
 *   system: "Translate from en to es. Answer with the translation only.",
 *   prompt: "good morning",
 * });
 * ```
 */
export async function invokeClaude(request: ClaudeRequest): Promise<ClaudeResult> {
  const messages = request.messages ?? [{ role: "user", content: request.prompt ?? "" }];
  const answer = await invokeModelJson<ClaudeResponseBody>(request.modelId, {
    anthropic_version: ANTHROPIC_VERSION,
    max_tokens: request.maxTokens ?? 1024,
    messages,
    ...(request.system ? { system: request.system } : {}),
    ...(request.temperature !== undefined ? { temperature: request.temperature } : {}),
    ...(request.stopSequences ? { stop_sequences: request.stopSequences } : {}),
  });
  return {
    text: (answer.content ?? [])
      .filter((block) => block.type === "text")
      .map((block) => block.text ?? "")
      .join(""),
    stopReason: answer.stop_reason ?? "unknown",
    usage: {
      inputTokens: answer.usage?.input_tokens ?? 0,
      outputTokens: answer.usage?.output_tokens ?? 0,
    },
  };
}
