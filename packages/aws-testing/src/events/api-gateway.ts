import type {
  APIGatewayProxyEvent,
  APIGatewayProxyEventV2,
  APIGatewayProxyEventV2WithJWTAuthorizer,
} from "aws-lambda";

/** What an API Gateway request is made of; everything has a default. */
export interface HttpRequestOptions {
  /** Default `GET`. */
  readonly method?: string;
  /** Default `/`. */
  readonly path?: string;
  /** The route that matched, e.g. `GET /users/{id}`. Default `<method> <path>`. */
  readonly routeKey?: string;
  /** A string is sent as is; anything else as JSON. */
  readonly body?: unknown;
  readonly headers?: Record<string, string>;
  readonly query?: Record<string, string>;
  readonly pathParameters?: Record<string, string>;
  /**
   * Authorizer claims, as if API Gateway had verified a Cognito access token: `token_use`
   * is `"access"` unless given (`token_use: "id"` for an id token's claims).
   */
  readonly claims?: Record<string, unknown>;
  /** Send the body base64-encoded (binary payloads). */
  readonly base64?: boolean;
}

function encodeBody(options: HttpRequestOptions): { body?: string; isBase64Encoded: boolean } {
  if (options.body === undefined) return { isBase64Encoded: false };
  const text = typeof options.body === "string" ? options.body : JSON.stringify(options.body);
  return options.base64
    ? { body: Buffer.from(text).toString("base64"), isBase64Encoded: true }
    : { body: text, isBase64Encoded: false };
}

/**
 * An API Gateway HTTP API (payload 2.0) event, with a JWT authorizer's claims when `claims`
 * is given. Header names are lower-cased, as HTTP APIs deliver them.
 *
 * @example
 * ```ts
 * const event = httpApiEvent({
 *   method: "POST",
 *   path: "/translations",
 *   body: { text: "hello", direction: "en-es" },
 *   claims: { sub: "user-1", username: "ada" },
 * });
 * ```
 */
export function httpApiEvent(
  options: HttpRequestOptions = {},
): APIGatewayProxyEventV2 & Partial<APIGatewayProxyEventV2WithJWTAuthorizer> {
  const method = options.method ?? "GET";
  const path = options.path ?? "/";
  const headers = Object.fromEntries(
    Object.entries({ "content-type": "application/json", ...options.headers }).map(([k, v]) => [
      k.toLowerCase(),
      v,
    ]),
  );
  const query = options.query ?? {};
  const now = new Date();
  const routeKey = options.routeKey ?? `${method} ${path}`;
  return {
    version: "2.0",
    routeKey,
    rawPath: path,
    rawQueryString: new URLSearchParams(query).toString(),
    headers,
    ...(Object.keys(query).length ? { queryStringParameters: query } : {}),
    ...(options.pathParameters ? { pathParameters: options.pathParameters } : {}),
    requestContext: {
      accountId: "123456789012",
      apiId: "local",
      domainName: "localhost",
      domainPrefix: "localhost",
      http: {
        method,
        path,
        protocol: "HTTP/1.1",
        sourceIp: "127.0.0.1",
        userAgent: headers["user-agent"] ?? "test",
      },
      requestId: crypto.randomUUID(),
      routeKey,
      stage: "$default",
      time: now.toISOString(),
      timeEpoch: now.getTime(),
      ...(options.claims
        ? {
            authorizer: {
              principalId: "",
              integrationLatency: 0,
              jwt: { claims: { token_use: "access", ...options.claims } as never, scopes: [] },
            },
          }
        : {}),
    },
    ...encodeBody(options),
  } as APIGatewayProxyEventV2 & Partial<APIGatewayProxyEventV2WithJWTAuthorizer>;
}

/**
 * An API Gateway REST API (payload 1.0) event, with a Cognito authorizer's claims (all
 * string-valued, as REST APIs deliver them) when `claims` is given.
 *
 * @example
 * ```ts
 * const event = restApiEvent({ method: "GET", path: "/users/1", claims: { sub: "1", "cognito:groups": "admin" } });
 * ```
 */
export function restApiEvent(options: HttpRequestOptions = {}): APIGatewayProxyEvent {
  const method = options.method ?? "GET";
  const path = options.path ?? "/";
  const headers = { "Content-Type": "application/json", ...options.headers };
  const claims = options.claims
    ? Object.fromEntries(
        Object.entries({ token_use: "access", ...options.claims }).map(([k, v]) => [
          k,
          Array.isArray(v) ? v.join(",") : String(v),
        ]),
      )
    : undefined;
  return {
    resource: path,
    path,
    httpMethod: method,
    headers,
    multiValueHeaders: Object.fromEntries(Object.entries(headers).map(([k, v]) => [k, [v]])),
    queryStringParameters: options.query ?? null,
    multiValueQueryStringParameters: options.query
      ? Object.fromEntries(Object.entries(options.query).map(([k, v]) => [k, [v]]))
      : null,
    pathParameters: options.pathParameters ?? null,
    stageVariables: null,
    requestContext: {
      accountId: "123456789012",
      apiId: "local",
      httpMethod: method,
      path,
      protocol: "HTTP/1.1",
      requestId: crypto.randomUUID(),
      requestTimeEpoch: Date.now(),
      resourceId: "local",
      resourcePath: path,
      stage: "test",
      identity: { sourceIp: "127.0.0.1", userAgent: "test" } as never,
      authorizer: claims ? { claims } : null,
    },
    body: null,
    ...encodeBody(options),
  } as APIGatewayProxyEvent;
}
