import type { BedrockClientOption } from "../client/client-option";
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
  /**
   * The client to send on, for a model of another region or account: a `LazyClient` such as
   * `bedrock.for({ region: "us-west-2" })`, or a `BedrockRuntimeClient` of your own (used as
   * it is, with the invocation's deadline of `withInvocation` added to it). Default: `bedrock`.
   */
  readonly client?: BedrockClientOption | undefined;
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
 * translation, a summary or any single-turn prompt is one line. It sends on `request.client`
 * when given (see {@link ClaudeRequest.client}), else on `bedrock`.
 *
 * @example
 * ```ts
 * import { bedrock, invokeClaude } from "@org/aws-bedrock";
 *
 * const { text } = await invokeClaude({
 *   modelId: "anthropic.claude-3-haiku-20240307-v1:0",
 *   system: "Translate from en to es. Answer with the translation only.",
 *   prompt: "good morning",
 * });
 * // a model enabled in another region only
 * const there = await invokeClaude({
 *   modelId: "anthropic.claude-3-haiku-20240307-v1:0",
 *   prompt: "good morning",
 *   client: bedrock.for({ region: "us-west-2" }),
 * });
 * ```
 */
export async function invokeClaude(request: ClaudeRequest): Promise<ClaudeResult> {
  const messages = request.messages ?? [{ role: "user", content: request.prompt ?? "" }];
  const answer = await invokeModelJson<ClaudeResponseBody>(
    request.modelId,
    {
      anthropic_version: ANTHROPIC_VERSION,
      max_tokens: request.maxTokens ?? 1024,
      messages,
      ...(request.system ? { system: request.system } : {}),
      ...(request.temperature !== undefined ? { temperature: request.temperature } : {}),
      ...(request.stopSequences ? { stop_sequences: request.stopSequences } : {}),
    },
    { client: request.client },
  );
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
