export { type BedrockSdk, bedrock } from "./client/bedrock-client";
export type { BedrockClientOption } from "./client/client-option";
export { converse } from "./converse/converse";
export { converseStream } from "./converse/converse-stream";
export type {
  ConverseRequest,
  ConverseResult,
  ConverseStreamPart,
  TokenUsage,
} from "./converse/types";
export { BedrockError, type BedrockErrorOptions } from "./errors";
export {
  type ClaudeMessage,
  type ClaudeRequest,
  type ClaudeResult,
  invokeClaude,
} from "./invoke/invoke-claude";
export { type InvokeModelJsonOptions, invokeModelJson } from "./invoke/invoke-model-json";
