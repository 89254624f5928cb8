export { type BedrockSdk, bedrock, getBedrockClient } from "./client/bedrock-client";
export { converse } from "./converse/converse";
export { converseStream } from "./converse/converse-stream";
export type {
  ConverseRequest,
  ConverseResult,
  ConverseStreamPart,
  TokenUsage,
} from "./converse/types";
export {
  BedrockAccessDeniedError,
  BedrockError,
  BedrockModelNotReadyError,
  BedrockModelStreamError,
  BedrockModelTimeoutError,
  BedrockThrottledError,
  BedrockUnavailableError,
  BedrockValidationError,
  toBedrockError,
} from "./errors";
export {
  ANTHROPIC_VERSION,
  type ClaudeMessage,
  type ClaudeRequest,
  type ClaudeResult,
  invokeClaude,
} from "./invoke/invoke-claude";
export { invokeModelJson } from "./invoke/invoke-model-json";
