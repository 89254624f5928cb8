import type { Message } from "@aws-sdk/client-bedrock-runtime";
import type { BedrockClientOption } from "../client/client-option";

/** A Converse request; give `prompt` for one user message, or the whole `messages`. */
export interface ConverseRequest {
  readonly modelId: string;
  readonly prompt?: string | undefined;
  readonly messages?: Message[] | undefined;
  readonly system?: string | undefined;
  readonly maxTokens?: number | undefined;
  readonly temperature?: number | undefined;
  readonly topP?: number | undefined;
  readonly stopSequences?: string[] | undefined;
  /**
   * The client to send on, for a model of another region or account: a `LazyClient` such as
   * `bedrock.for({ region: "us-west-2" })`, or a `BedrockRuntimeClient` of your own (used as
   * it is, with the invocation's deadline of `withInvocation` added to it). Default: `bedrock`.
   */
  readonly client?: BedrockClientOption | undefined;
}

/** Token counts of one call. */
export interface TokenUsage {
  readonly inputTokens: number;
  readonly outputTokens: number;
  readonly totalTokens: number;
}

/** What {@link converse} returns. */
export interface ConverseResult {
  readonly text: string;
  readonly stopReason: string;
  readonly usage: TokenUsage;
}

/** One part of a streamed answer: text as it arrives, then the end with the usage. */
export type ConverseStreamPart =
  | { readonly type: "text"; readonly text: string }
  | { readonly type: "end"; readonly stopReason: string; readonly usage: TokenUsage };
