export {
  type ApiRoute,
  type AppApi,
  apiRoutes,
  defineApi,
  type LambdaNodeRuntime,
  type RouteAuth,
  type RouteKey,
} from "./api";
export { observeClientCreations } from "./client-creations";
export { BadRequestError, HttpError, NotFoundHttpError, safeBodyOf, statusOf } from "./http-errors";
export { createHttpHandler, type Route, type RouteResult, type Routes } from "./http-handler";
export { createLogger, type Logger, type LogLevel, startInvocationLog } from "./logger";
export { createMetrics, publishClientCreation } from "./metrics";
export { createRequest, type HttpRequest, MAX_JSON_BODY_BYTES } from "./request";
export { validate } from "./validate";
