import type { APIGatewayProxyEventV2, Context } from "aws-lambda";
import { BadRequestError } from "./http-errors";
import type { Logger } from "./logger";

/** What a route handler gets. */
export interface HttpRequest {
  readonly event: APIGatewayProxyEventV2;
  readonly context: Context;
  readonly method: string;
  readonly path: string;
  readonly pathParameters: Readonly<Record<string, string | undefined>>;
  readonly query: Readonly<Record<string, string | undefined>>;
  readonly log: Logger;
  /** The body parsed as JSON; a `BadRequestError` when it is missing or not JSON. */
  json(): unknown;
}

/** Largest JSON body the sample apps accept. */
export const MAX_JSON_BODY_BYTES = 64 * 1024;

export function createRequest(
  event: APIGatewayProxyEventV2,
  context: Context,
  log: Logger,
): HttpRequest {
  return {
    event,
    context,
    log,
    method: event.requestContext.http.method,
    path: event.rawPath,
    pathParameters: event.pathParameters ?? {},
    query: event.queryStringParameters ?? {},
    json() {
      if (!event.body) throw new BadRequestError("A JSON body is required");
      const text = event.isBase64Encoded
        ? Buffer.from(event.body, "base64").toString("utf8")
        : event.body;
      if (Buffer.byteLength(text) > MAX_JSON_BODY_BYTES) {
        throw new BadRequestError(`The body is over ${MAX_JSON_BODY_BYTES} bytes`);
      }
      try {
        return JSON.parse(text);
      } catch {
        throw new BadRequestError("The body is not valid JSON");
      }
    },
  };
}
