import { getSingletonCreations, markInvocationStart, onSingletonCreated } from "@org/aws-core";
import type {
  APIGatewayProxyEventV2,
  APIGatewayProxyStructuredResultV2,
  Context,
} from "aws-lambda";
import type { AppApi, RouteKey } from "./api";
import { NotFoundHttpError, safeBodyOf, statusOf } from "./http-errors";
import { createLogger, type Logger } from "./logger";
import { createRequest, type HttpRequest } from "./request";

/** What a route returns: a body (200 JSON) or a full result. */
export type RouteResult = { statusCode: number; body?: unknown; headers?: Record<string, string> };
export type Route = (request: HttpRequest) => Promise<RouteResult> | RouteResult;

/** Routes by `"<METHOD> <path>"`, with `{param}` segments as API Gateway writes them. */
export type Routes<K extends RouteKey = RouteKey> = Record<K, Route>;

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
 * The handler base for HTTP APIs (payload 2.0): routing by route key, JSON
 * parsing, typed errors answered by their `kind` (400/401/403/404/409/429/500/503/504) with
 * their caller-safe message only,
 * structured JSON logs with the request id and the cold-start flag.
 *
 * @example
 * ```ts
 * // api.ts: the routes and who may call them (read by the CDK app and the local runner too)
 * export const usersApi = defineApi({
 *   function: "users-api",
 *   runtime: "nodejs24.x",
 *   routes: { "GET /users/{id}": { auth: "jwt" } },
 * });
 *
 * // handler.ts: exactly those routes, or the code does not compile
 * export const handler = createHttpHandler(usersApi, {
 *   "GET /users/{id}": async ({ pathParameters }) => ({ statusCode: 200, body: await users.getUser(pathParameters.id!) }),
 * });
 * ```
 */
export function createHttpHandler<K extends RouteKey>(api: AppApi<K>, routes: Routes<K>) {
  const name = api.function;
  const byKey: Readonly<Record<string, Route>> = routes;
  return async (
    event: APIGatewayProxyEventV2,
    context: Context,
  ): Promise<APIGatewayProxyStructuredResultV2> => {
    const coldStart = markInvocationStart();
    const log = createLogger({ function: name, requestId: context.awsRequestId, coldStart });
    try {
      const route = Object.hasOwn(byKey, event.routeKey) ? byKey[event.routeKey] : undefined;
      if (!route) throw new NotFoundHttpError();
      const result = await route(createRequest(event, context, log));
      return json(result.statusCode, result.body ?? null, result.headers);
    } catch (error) {
      // The caller gets the safe message; the log keeps the details (never a token).
      const statusCode = statusOf(error);
      const detail = {
        statusCode,
        error: error instanceof Error ? `${error.name}: ${error.message}` : String(error),
      };
      if (statusCode >= 500)
        log.error("request failed", { ...detail, stack: (error as Error)?.stack });
      else log.info("request refused", detail);
      return json(statusCode, safeBodyOf(error));
    } finally {
      logClientCreations(log);
    }
  };
}
