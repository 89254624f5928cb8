import { getSingletonCreations, markInvocationStart, onSingletonCreated } from "@org/aws-core";
import type {
  APIGatewayProxyEventV2,
  APIGatewayProxyStructuredResultV2,
  Context,
} from "aws-lambda";
import { NotFoundHttpError, statusOf } from "./http-errors";
import { createLogger, type Logger } from "./logger";
import { createRequest, type HttpRequest } from "./request";

/** What a route returns: a body (200 JSON) or a full result. */
export type RouteResult = { statusCode: number; body?: unknown; headers?: Record<string, string> };
export type Route = (request: HttpRequest) => Promise<RouteResult> | RouteResult;

/** Routes by `"<METHOD> <path>"`, with `{param}` segments as API Gateway writes them. */
export type Routes = Record<string, Route>;

const json = (statusCode: number, body: unknown, headers: Record<string, string> = {}) => ({
  statusCode,
  headers: { "content-type": "application/json", ...headers },
  body: JSON.stringify(body),
});

let creationLogged = false;

// The registry's client creation timings, logged once per container after the first
// invocation; later lazy creations are logged as they happen.
function logClientCreations(log: Logger) {
  if (creationLogged) return;
  creationLogged = true;
  log.info("clients created", {
    clients: getSingletonCreations().map(({ name, durationMs, coldStart }) => ({
      name,
      durationMs: Math.round(durationMs * 100) / 100,
      coldStart,
    })),
  });
  onSingletonCreated(({ name, durationMs, coldStart }) =>
    log.info("client created", { client: name, durationMs, coldStart }),
  );
}

/**
 * The Python original's BaseHandler for HTTP APIs (payload 2.0): routing by route key, JSON
 * parsing, typed errors answered as 400/401/403/404/409/429/500 without stack traces,
 * structured JSON logs with the request id and the cold-start flag.
 *
 * @example
 * ```ts
 * export const handler = createHttpHandler("users-api", {
 *   "GET /users/{id}": async ({ pathParameters }) => ({ statusCode: 200, body: await users.getUser(pathParameters.id!) }),
 * });
 * ```
 */
export function createHttpHandler(name: string, routes: Routes) {
  return async (
    event: APIGatewayProxyEventV2,
    context: Context,
  ): Promise<APIGatewayProxyStructuredResultV2> => {
    const coldStart = markInvocationStart();
    const log = createLogger({ function: name, requestId: context.awsRequestId, coldStart });
    try {
      const route = routes[event.routeKey];
      if (!route) throw new NotFoundHttpError(`No route for ${event.routeKey}`);
      const result = await route(createRequest(event, context, log));
      return json(result.statusCode, result.body ?? null, result.headers);
    } catch (error) {
      const statusCode = statusOf(error);
      const message = error instanceof Error ? error.message : String(error);
      if (statusCode >= 500) {
        log.error("request failed", { error: message, stack: (error as Error)?.stack });
        return json(statusCode, { message: "Internal Server Error" });
      }
      log.info("request refused", { statusCode, error: message });
      const details = (error as { details?: unknown }).details;
      return json(statusCode, { message, ...(details ? { details } : {}) });
    } finally {
      logClientCreations(log);
    }
  };
}
