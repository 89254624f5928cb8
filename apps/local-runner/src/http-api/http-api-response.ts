/** An HTTP response ready to write. */
export interface HttpResponseParts {
  readonly statusCode: number;
  readonly headers: Readonly<Record<string, string>>;
  /** Each becomes its own `set-cookie` header. */
  readonly cookies: readonly string[];
  readonly body: Buffer;
}

/** API Gateway's answers when it cannot or will not return the function's response. */
export const GATEWAY_RESPONSES = {
  unauthorized: jsonResponse(401, { message: "Unauthorized" }),
  forbidden: jsonResponse(403, { message: "Forbidden" }),
  notFound: jsonResponse(404, { message: "Not Found" }),
  tooLarge: jsonResponse(413, { message: "Request Entity Too Large" }),
  throttled: jsonResponse(429, { message: "Too Many Requests" }),
  internalError: jsonResponse(500, { message: "Internal Server Error" }),
  serviceUnavailable: jsonResponse(503, { message: "Service Unavailable" }),
} as const;

/**
 * Turns a function's result into an HTTP response the way API Gateway does for payload
 * format 2.0. A JSON object with `statusCode` is a response (`headers`, `cookies`, `body`,
 * `isBase64Encoded`); anything else is the body of a 200 `application/json` response, a string
 * as it is and any other value as JSON. A malformed response gives 500, as in API Gateway.
 *
 * @example
 * ```ts
 * fromLambdaResult({ statusCode: 201, body: "created" }).statusCode; // 201
 * fromLambdaResult({ ok: true }).body.toString(); // '{"ok":true}'
 * ```
 */
export function fromLambdaResult(result: unknown): HttpResponseParts {
  if (result === null || typeof result !== "object" || !("statusCode" in result)) {
    const body = typeof result === "string" ? result : JSON.stringify(result);
    return {
      statusCode: 200,
      headers: { "content-type": "application/json" },
      cookies: [],
      body: Buffer.from(body),
    };
  }
  const {
    statusCode,
    headers = {},
    cookies = [],
    body,
    isBase64Encoded,
  } = result as Record<string, unknown>;
  const valid =
    typeof statusCode === "number" &&
    Number.isInteger(statusCode) &&
    statusCode >= 100 &&
    statusCode <= 599 &&
    isHeaderMap(headers) &&
    Array.isArray(cookies) &&
    cookies.every((c) => typeof c === "string") &&
    (body === undefined || body === null || typeof body === "string");
  if (!valid) return GATEWAY_RESPONSES.internalError;

  const responseHeaders: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers))
    responseHeaders[name.toLowerCase()] = String(value);
  const bytes = Buffer.from(body ?? "", isBase64Encoded === true ? "base64" : "utf8");
  // API Gateway labels a response that names no type as plain text.
  if (bytes.length > 0 && !("content-type" in responseHeaders)) {
    responseHeaders["content-type"] = "text/plain; charset=utf-8";
  }
  return { statusCode, headers: responseHeaders, cookies, body: bytes };
}

function isHeaderMap(value: unknown): value is Record<string, string | number | boolean> {
  return (
    value !== null &&
    typeof value === "object" &&
    !Array.isArray(value) &&
    Object.values(value).every((v) => ["string", "number", "boolean"].includes(typeof v))
  );
}

function jsonResponse(statusCode: number, body: unknown): HttpResponseParts {
  return {
    statusCode,
    headers: { "content-type": "application/json" },
    cookies: [],
    body: Buffer.from(JSON.stringify(body)),
  };
}
