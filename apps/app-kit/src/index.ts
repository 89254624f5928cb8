export {
  type ApiRoute,
  type AppApi,
  apiRoutes,
  defineApi,
  type LambdaNodeRuntime,
  type RouteAuth,
  type RouteKey,
} from "./api";
export { BadRequestError, HttpError, NotFoundHttpError, safeBodyOf, statusOf } from "./http-errors";
export { createHttpHandler, type Route, type RouteResult, type Routes } from "./http-handler";
export { createLogger, type LogContext, type Logger, type LogLevel } from "./logger";
export { createRequest, type HttpRequest, MAX_JSON_BODY_BYTES } from "./request";
export { validate } from "./validate";
