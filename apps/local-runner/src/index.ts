export {
  FunctionThrottledError,
  LocalRunnerConfigError,
  LocalRunnerError,
  RequestTooLargeError,
  RunnerStoppedError,
  RuntimeClientMissingError,
  UnknownFunctionError,
} from "./errors";
export { type HttpRequestParts, toHttpApiEvent } from "./http-api/http-api-event";
export { fromLambdaResult, type HttpResponseParts } from "./http-api/http-api-response";
export type { AuthorizerDecision, JwtAuthorizerOptions } from "./http-api/jwt-authorizer";
export type { Route, RouteAuthorization } from "./http-api/route";
export { isTextContentType } from "./http-api/text-content-type";
export type { InvocationFailure, InvocationResult, InvocationSuccess } from "./invocation-result";
export type { LambdaErrorPayload } from "./lambda/lambda-error";
export { MAX_REQUEST_PAYLOAD_BYTES, MAX_RESPONSE_PAYLOAD_BYTES } from "./lambda/limits";
export { NODE_RUNTIMES, type NodeRuntime, nodeBinaryFor } from "./lambda/node-runtime";
export { resolveRuntimeClient as checkRuntimeClient } from "./lambda/runtime-client";
export {
  type FunctionOptions,
  type LocalRunner,
  type LocalRunnerOptions,
  startLocalRunner,
} from "./local-runner";
export { type LogEntry, type LogSink, stdoutLogSink } from "./log-sink";
export type { Report } from "./report";
