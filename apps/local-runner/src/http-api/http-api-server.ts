import { randomBytes } from "node:crypto";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { FunctionThrottledError, RequestTooLargeError } from "../errors";
import type { InvocationResult } from "../invocation-result";
import { eventHeaders, toHttpApiEvent } from "./http-api-event";
import { fromLambdaResult, GATEWAY_RESPONSES, type HttpResponseParts } from "./http-api-response";
import type { JwtAuthorizer } from "./jwt-authorizer";
import type { Route } from "./route";
import { RouteTable } from "./route-table";

/** API Gateway HTTP APIs refuse request bodies over 10 MB before anything else. */
const MAX_HTTP_BODY_BYTES = 10 * 1024 * 1024;
/** HTTP APIs take at most 10 KB of request line and headers together. */
const MAX_HEADER_BYTES = 10 * 1024;

const REFUSALS = {
  401: GATEWAY_RESPONSES.unauthorized,
  403: GATEWAY_RESPONSES.forbidden,
  503: GATEWAY_RESPONSES.serviceUnavailable,
} as const;

/** What the HTTP front needs. */
export interface HttpApiServerOptions {
  /** Port on 127.0.0.1; 0 for a free one. */
  readonly port: number;
  readonly routes: readonly Route[];
  readonly invoke: (functionName: string, event: unknown) => Promise<InvocationResult>;
  /** Checks the token of every route with `authorization`; required when there are such routes. */
  readonly authorizer?: JwtAuthorizer | undefined;
  /** Told why the authorizer refused a request (the caller is told only the status). */
  readonly onRefused?: ((route: Route, reason: string) => void) | undefined;
}

/**
 * A stand-in for an API Gateway HTTP API with Lambda proxy integrations (payload format 2.0),
 * listening on 127.0.0.1.
 *
 * @example
 * ```ts
 * const api = await HttpApiServer.start({ port: 0, routes, invoke: runner.invoke });
 * await fetch(`http://127.0.0.1:${api.port}/health`);
 * await api.close();
 * ```
 */
export class HttpApiServer {
  private constructor(private readonly server: Server) {}

  static async start(options: HttpApiServerOptions): Promise<HttpApiServer> {
    const table = new RouteTable(options.routes);
    const server = createServer({ maxHeaderSize: MAX_HEADER_BYTES }, (req, res) => {
      handle(req, table, options).then(
        (response) => send(res, response),
        () => send(res, GATEWAY_RESPONSES.internalError),
      );
    });
    await new Promise<void>((resolve, reject) => {
      server.once("error", reject);
      server.listen(options.port, "127.0.0.1", () => resolve());
    });
    return new HttpApiServer(server);
  }

  get port(): number {
    return (this.server.address() as AddressInfo).port;
  }

  async close(): Promise<void> {
    await new Promise<void>((resolve) => {
      this.server.close(() => resolve());
      this.server.closeAllConnections();
    });
  }
}

async function handle(
  req: IncomingMessage,
  table: RouteTable,
  options: HttpApiServerOptions,
): Promise<HttpResponseParts & { requestId: string }> {
  const requestId = randomBytes(11).toString("base64");
  const receivedAt = new Date();
  const url = req.url ?? "/";
  const queryStart = url.indexOf("?");
  const rawPath = queryStart >= 0 ? url.slice(0, queryStart) : url;
  const rawQueryString = queryStart >= 0 ? url.slice(queryStart + 1) : "";
  const method = req.method ?? "GET";

  const body = await readBody(req);
  if (!body) return { ...GATEWAY_RESPONSES.tooLarge, requestId };

  const match = table.match(method, rawPath.slice(1).split("/").map(decodeSegment));
  if (!match) return { ...GATEWAY_RESPONSES.notFound, requestId };

  let authorizer: object | undefined;
  const { authorization } = match.route;
  if (authorization) {
    // startLocalRunner refuses JWT routes without an authorizer: this cannot happen.
    if (!options.authorizer) return { ...GATEWAY_RESPONSES.internalError, requestId };
    // The value the function will receive: repeated Authorization headers joined by commas,
    // as API Gateway joins them in the event, never a valid token. `req.headers.authorization`
    // would be the first one only: a good token followed by garbage would pass.
    const credential = eventHeaders(req.rawHeaders).headers.authorization;
    const decision = await options.authorizer.authorize(credential, authorization);
    if (!decision.allow) {
      options.onRefused?.(
        match.route,
        `${decision.statusCode} ${match.routeKey}: ${decision.reason}`,
      );
      return { ...REFUSALS[decision.statusCode], requestId };
    }
    authorizer = decision.context;
  }

  const event = toHttpApiEvent({
    method,
    rawPath,
    rawQueryString,
    rawHeaders: req.rawHeaders,
    body,
    sourceIp: req.socket.remoteAddress ?? "127.0.0.1",
    routeKey: match.routeKey,
    pathParameters: match.pathParameters,
    requestId,
    receivedAt,
    authorizer,
  });
  try {
    const result = await options.invoke(match.route.function, event);
    const response = result.ok ? fromLambdaResult(result.payload) : GATEWAY_RESPONSES.internalError;
    return { ...response, requestId };
  } catch (error) {
    // Lambda refuses an event over 6 MB without running the function.
    if (error instanceof RequestTooLargeError) return { ...GATEWAY_RESPONSES.tooLarge, requestId };
    // A function at its reserved concurrency: Lambda refuses the call, the API says 429.
    if (error instanceof FunctionThrottledError)
      return { ...GATEWAY_RESPONSES.throttled, requestId };
    throw error;
  }
}

/** The body, or undefined when it is over API Gateway's limit. */
function readBody(req: IncomingMessage): Promise<Buffer | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_HTTP_BODY_BYTES) chunks.push(chunk);
    });
    req.on("end", () => resolve(size <= MAX_HTTP_BODY_BYTES ? Buffer.concat(chunks) : undefined));
    req.on("error", reject);
  });
}

function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

function send(res: ServerResponse, response: HttpResponseParts & { requestId?: string }): void {
  if (res.headersSent) return;
  res.statusCode = response.statusCode;
  for (const [name, value] of Object.entries(response.headers)) res.setHeader(name, value);
  if (response.cookies.length > 0) res.setHeader("set-cookie", [...response.cookies]);
  if (response.requestId) res.setHeader("apigw-requestid", response.requestId);
  res.setHeader("content-length", response.body.length);
  res.end(response.body);
}
