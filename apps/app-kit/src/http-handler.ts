import { isColdStart, withInvocation } from "@org/aws-core";
import type {
  APIGatewayProxyEventV2,
  APIGatewayProxyStructuredResultV2,
  Context,
} from "aws-lambda";
import type { AppApi, RouteKey } from "./api";
import { observeClientCreations } from "./client-creations";
import { NotFoundHttpError, safeBodyOf, statusOf } from "./http-errors";
import { createLogger, type Logger, startInvocationLog } from "./logger";
import { createMetrics, publishClientCreation } from "./metrics";
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

/**
 * The handler base for HTTP APIs (payload 2.0): routing by route key, JSON parsing, typed
 * errors answered by their `kind` (400/401/403/404/409/429/500/503/504) with their
 * caller-safe message only, AWS calls that end at the invocation's deadline (504), logs
 * through Powertools Logger (request id and cold start on every line), and metrics through
 * Powertools Metrics (the cold start, each client's creation time).
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
  // Made by the first invocation, so the init does not pay for Powertools' setup; a plain
  // memo, not a singleton, so it does not show among the clients it reports.
  let telemetry: ReturnType<typeof createTelemetry> | undefined;
  const createTelemetry = () => {
    const logger = createLogger(name);
    const metrics = createMetrics(name);
    // Reported at the start of each invocation, once the logger knows it (so even the
    // creations of the init carry its id), and at its end.
    const observeCreations = observeClientCreations((creation) => {
      const { name: client, durationMs, coldStart } = creation;
      logger.info("client created", { client, durationMs, coldStart });
      publishClientCreation(metrics, creation);
    });
    return { logger, metrics, observeCreations };
  };
  return (event: APIGatewayProxyEventV2, context: Context) =>
    withInvocation(context, async (): Promise<APIGatewayProxyStructuredResultV2> => {
      telemetry ??= createTelemetry();
      const { logger, metrics, observeCreations } = telemetry;
      // withInvocation has counted this invocation.
      if (isColdStart()) metrics.captureColdStartMetric();
      const log = startInvocationLog(logger, context);
      observeCreations();
      try {
        const route = Object.hasOwn(byKey, event.routeKey) ? byKey[event.routeKey] : undefined;
        if (!route) throw new NotFoundHttpError();
        const result = await route(createRequest(event, context, log));
        return json(result.statusCode, result.body ?? null, result.headers);
      } catch (error) {
        return answerError(error, log);
      } finally {
        observeCreations();
      }
    });
}

// The caller gets the safe message; the log keeps the details (never a token).
function answerError(error: unknown, log: Logger): APIGatewayProxyStructuredResultV2 {
  const statusCode = statusOf(error);
  const detail = {
    statusCode,
    error: error instanceof Error ? `${error.name}: ${error.message}` : String(error),
  };
  if (statusCode >= 500) log.error("request failed", { ...detail, stack: (error as Error)?.stack });
  else log.info("request refused", detail);
  return json(statusCode, safeBodyOf(error));
}
