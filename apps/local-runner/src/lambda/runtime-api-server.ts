import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { type LambdaErrorPayload, parseRuntimeError, responseTooLargeError } from "./lambda-error";
import { MAX_RESPONSE_PAYLOAD_BYTES } from "./limits";

/** One event waiting to be handed to the runtime on `/next`. */
export interface NextInvocation {
  readonly requestId: string;
  /** The event as JSON text. */
  readonly payload: string;
  /** Sets `Lambda-Runtime-Deadline-Ms`, counted from the moment the event is delivered. */
  readonly timeoutMs: number;
  readonly functionArn: string;
  readonly traceId: string;
}

/** What the runtime did; each call happens at the moment the request arrives. */
export interface RuntimeApiListener {
  /** The runtime called `/next`: the first call ends its init phase. */
  onPoll(): void;
  /** The event was written to the runtime: its invocation starts now. */
  onDelivered(requestId: string): void;
  onResponse(requestId: string, body: Buffer): void;
  onError(requestId: string, error: LambdaErrorPayload): void;
  onInitError(error: LambdaErrorPayload): void;
}

const PREFIX = "/2018-06-01/runtime";
const INVOCATION_PATH = /^\/2018-06-01\/runtime\/invocation\/([^/]+)\/(response|error)$/;
const ACCEPTED = JSON.stringify({ status: "OK" });

/**
 * The Lambda Runtime API for one container, on 127.0.0.1 and a port of its own.
 *
 * One server per container (rather than one shared server) because the runtime client gives no
 * way to say which container a request comes from: its paths and headers are the same for all,
 * and `AWS_LAMBDA_RUNTIME_API` must be a bare `host:port`. A port each makes every request
 * unambiguous at the cost of one listening socket per container.
 */
export class RuntimeApiServer {
  private waitingPoll: ServerResponse | undefined;
  private queued: NextInvocation | undefined;
  private current: string | undefined;

  private constructor(
    private readonly server: Server,
    private readonly listener: RuntimeApiListener,
  ) {}

  /**
   * Starts a server on a free port of 127.0.0.1.
   *
   * @example
   * ```ts
   * const api = await RuntimeApiServer.start(listener);
   * spawn(node, [ricBin, "index.handler"], { env: { AWS_LAMBDA_RUNTIME_API: api.address } });
   * ```
   */
  static async start(listener: RuntimeApiListener): Promise<RuntimeApiServer> {
    const server = createServer();
    const api = new RuntimeApiServer(server, listener);
    server.on("request", (req, res) => api.handle(req, res));
    await new Promise<void>((resolve, reject) => {
      server.once("error", reject);
      server.listen(0, "127.0.0.1", () => resolve());
    });
    return api;
  }

  /** `127.0.0.1:<port>`: the value of `AWS_LAMBDA_RUNTIME_API`. */
  get address(): string {
    return `127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  /** Hands `invocation` to the runtime now if it is polling, or on its next `/next`. */
  deliver(invocation: NextInvocation): void {
    this.queued = invocation;
    this.flush();
  }

  /** Closes the server and drops its connections (a runtime may hold `/next` open forever). */
  async close(): Promise<void> {
    await new Promise<void>((resolve) => {
      this.server.close(() => resolve());
      this.server.closeAllConnections();
    });
  }

  private handle(req: IncomingMessage, res: ServerResponse): void {
    const path = req.url ?? "";
    if (req.method === "GET" && path === `${PREFIX}/invocation/next`) {
      this.poll(res);
      return;
    }
    if (req.method === "POST" && path === `${PREFIX}/init/error`) {
      void readBody(req, MAX_RESPONSE_PAYLOAD_BYTES).then(({ body }) => {
        reply(res, 202, ACCEPTED);
        this.listener.onInitError(parseRuntimeError(body.toString(), errorTypeHeader(req)));
      });
      return;
    }
    const match = req.method === "POST" ? INVOCATION_PATH.exec(path) : null;
    if (!match) {
      reply(res, 404, JSON.stringify({ errorMessage: "Not found", errorType: "NotFound" }));
      return;
    }
    const requestId = decodeURIComponent(match[1] as string);
    void readBody(req, MAX_RESPONSE_PAYLOAD_BYTES).then(({ body, tooLarge }) => {
      if (requestId !== this.current) {
        reply(
          res,
          400,
          JSON.stringify({ errorMessage: "Invalid request ID", errorType: "InvalidRequestID" }),
        );
        return;
      }
      this.current = undefined;
      if (match[2] === "error") {
        reply(res, 202, ACCEPTED);
        this.listener.onError(requestId, parseRuntimeError(body.toString(), errorTypeHeader(req)));
      } else if (tooLarge) {
        const error = responseTooLargeError(MAX_RESPONSE_PAYLOAD_BYTES);
        reply(res, 413, JSON.stringify(error));
        this.listener.onError(requestId, error);
      } else {
        reply(res, 202, ACCEPTED);
        this.listener.onResponse(requestId, body);
      }
    });
  }

  private poll(res: ServerResponse): void {
    this.waitingPoll = res;
    // A runtime that dies while polling must not be handed an event later.
    res.once("close", () => {
      if (this.waitingPoll === res) this.waitingPoll = undefined;
    });
    this.listener.onPoll();
    this.flush();
  }

  private flush(): void {
    const res = this.waitingPoll;
    const next = this.queued;
    if (!res || !next) return;
    this.waitingPoll = undefined;
    this.queued = undefined;
    this.current = next.requestId;
    const body = Buffer.from(next.payload);
    res.writeHead(200, {
      // The runtime interface client fails on a `/next` answer without this header.
      "Content-Type": "application/json",
      "Content-Length": body.length,
      "Lambda-Runtime-Aws-Request-Id": next.requestId,
      "Lambda-Runtime-Deadline-Ms": String(Date.now() + next.timeoutMs),
      "Lambda-Runtime-Invoked-Function-Arn": next.functionArn,
      "Lambda-Runtime-Trace-Id": next.traceId,
    });
    res.end(body);
    this.listener.onDelivered(next.requestId);
  }
}

function errorTypeHeader(req: IncomingMessage): string | undefined {
  const value = req.headers["lambda-runtime-function-error-type"];
  return typeof value === "string" ? value : undefined;
}

function reply(res: ServerResponse, status: number, body: string): void {
  res.writeHead(status, { "Content-Type": "application/json" }).end(body);
}

/** Reads a request body, keeping at most `limit` bytes (the rest is read and dropped). */
function readBody(
  req: IncomingMessage,
  limit: number,
): Promise<{ body: Buffer; tooLarge: boolean }> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size <= limit) chunks.push(chunk);
    });
    const done = () => resolve({ body: Buffer.concat(chunks), tooLarge: size > limit });
    req.on("end", done);
    req.on("error", done);
  });
}
