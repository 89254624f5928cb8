import type { APIGatewayProxyEventV2 } from "aws-lambda";
import { LOCAL_ACCOUNT_ID } from "../lambda/limits";
import { newTraceRoot } from "../lambda/trace-id";
import { isTextContentType } from "./text-content-type";

/** The parts of an HTTP request that go into the event. */
export interface HttpRequestParts {
  readonly method: string;
  /** Path as received, still percent-encoded. */
  readonly rawPath: string;
  /** Query string as received, without `?`. */
  readonly rawQueryString: string;
  /** `IncomingMessage.rawHeaders`: names and values alternating, duplicates kept. */
  readonly rawHeaders: readonly string[];
  readonly body: Buffer;
  readonly sourceIp: string;
  readonly routeKey: string;
  readonly pathParameters: Readonly<Record<string, string>> | undefined;
  /** API Gateway's request id (`requestContext.requestId`, header `apigw-requestid`). */
  readonly requestId: string;
  readonly receivedAt: Date;
  /** What the route's authorizer verified (`requestContext.authorizer`), if it has one. */
  readonly authorizer?: object | undefined;
}

const API_ID = "local";
const HOP_BY_HOP = new Set(["connection", "keep-alive", "transfer-encoding", "upgrade"]);
const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/**
 * Builds the event API Gateway HTTP APIs send with payload format 2.0: lower-cased headers
 * with duplicates joined by commas, cookies moved out of the headers into `cookies`, decoded
 * query parameters joined the same way, the body as text for text content types and
 * base64 otherwise. Fields API Gateway leaves out when empty are left out.
 *
 * @example
 * ```ts
 * const event = toHttpApiEvent({ method: "GET", rawPath: "/users/42", rawQueryString: "", ... });
 * event.routeKey; // "GET /users/{id}"
 * ```
 */
export function toHttpApiEvent(request: HttpRequestParts): APIGatewayProxyEventV2 {
  const { headers, cookies } = eventHeaders(request.rawHeaders);
  headers["x-forwarded-for"] ??= request.sourceIp;
  headers["x-forwarded-proto"] ??= "http";
  headers["x-amzn-trace-id"] ??= `Root=${newTraceRoot(request.receivedAt.getTime())}`;

  const query = queryParameters(request.rawQueryString);
  const path = decodePath(request.rawPath);
  const host = headers.host ?? "localhost";
  const hasBody = request.body.length > 0;
  const asText = isTextContentType(headers["content-type"]);

  return {
    version: "2.0",
    routeKey: request.routeKey,
    rawPath: path,
    rawQueryString: request.rawQueryString,
    ...(cookies.length > 0 ? { cookies } : {}),
    headers,
    ...(query ? { queryStringParameters: query } : {}),
    requestContext: {
      accountId: LOCAL_ACCOUNT_ID,
      ...(request.authorizer ? { authorizer: request.authorizer } : {}),
      apiId: API_ID,
      domainName: host,
      domainPrefix: host.split(".")[0] ?? host,
      http: {
        method: request.method,
        path,
        protocol: "HTTP/1.1",
        sourceIp: request.sourceIp,
        userAgent: headers["user-agent"] ?? "",
      },
      requestId: request.requestId,
      routeKey: request.routeKey,
      stage: "$default",
      time: clfTime(request.receivedAt),
      timeEpoch: request.receivedAt.getTime(),
    },
    ...(hasBody ? { body: request.body.toString(asText ? "utf8" : "base64") } : {}),
    ...(request.pathParameters ? { pathParameters: { ...request.pathParameters } } : {}),
    isBase64Encoded: hasBody && !asText,
  };
}

/**
 * The event's `headers` and `cookies`, from `IncomingMessage.rawHeaders`: names lower-cased,
 * the values of a repeated header joined by commas (`Authorization: a` twice gives
 * `authorization: "a,a"`), cookies moved out, hop-by-hop headers left out. The HTTP front hands
 * its JWT authorizer the `authorization` of these, so the authorizer judges exactly the value
 * the function receives.
 */
export function eventHeaders(rawHeaders: readonly string[]): {
  headers: Record<string, string>;
  cookies: string[];
} {
  const headers: Record<string, string> = {};
  const cookies: string[] = [];
  for (let i = 0; i + 1 < rawHeaders.length; i += 2) {
    const name = (rawHeaders[i] as string).toLowerCase();
    const value = rawHeaders[i + 1] as string;
    if (name === "cookie") {
      cookies.push(
        ...value
          .split(";")
          .map((c) => c.trim())
          .filter(Boolean),
      );
    } else if (!HOP_BY_HOP.has(name)) {
      headers[name] = name in headers ? `${headers[name]},${value}` : value;
    }
  }
  return { headers, cookies };
}

/** Decoded values, duplicates joined with commas; undefined when there are none. */
function queryParameters(rawQueryString: string): Record<string, string> | undefined {
  if (!rawQueryString) return undefined;
  const parameters: Record<string, string> = {};
  for (const [name, value] of new URLSearchParams(rawQueryString)) {
    parameters[name] = name in parameters ? `${parameters[name]},${value}` : value;
  }
  return Object.keys(parameters).length > 0 ? parameters : undefined;
}

/** HTTP APIs hand Lambda the path percent-decoded; a malformed escape is kept as sent. */
export function decodePath(rawPath: string): string {
  try {
    return decodeURIComponent(rawPath);
  } catch {
    return rawPath;
  }
}

// `12/Mar/2020:19:03:58 +0000`, the format of `requestContext.time`.
function clfTime(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${pad(date.getUTCDate())}/${MONTHS[date.getUTCMonth()]}/${date.getUTCFullYear()}:${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())}:${pad(date.getUTCSeconds())} +0000`;
}
