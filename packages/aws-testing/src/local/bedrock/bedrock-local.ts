import type { IncomingMessage, ServerResponse } from "node:http";
import type { Http2ServerRequest, Http2ServerResponse } from "node:http2";
import { setTimeout as sleep } from "node:timers/promises";
import { createDualProtocolServer } from "./dual-protocol-server";
import { eventFrame, exceptionFrame } from "./event-stream";
import {
  BEDROCK_ERROR_STATUS,
  type BedrockErrorName,
  countTokens,
  LocalBedrockModel,
  type ModelResponder,
} from "./local-model";
import { converseTurn, invokeTurn, isAnthropic } from "./model-request";

type Request = IncomingMessage | Http2ServerRequest;
type Response = ServerResponse | Http2ServerResponse;

/** The operations of the Bedrock Runtime API the local server speaks. */
export type BedrockOperation =
  | "invoke"
  | "invoke-with-response-stream"
  | "converse"
  | "converse-stream";

/** One request the local server received. */
export interface RecordedBedrockRequest {
  readonly operation: BedrockOperation;
  readonly modelId: string;
  readonly body: unknown;
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
  readonly httpVersion: string;
}

/** Options of {@link startLocalBedrock}. */
export interface LocalBedrockOptions {
  /** Port on 127.0.0.1; default: a free one. */
  readonly port?: number | undefined;
  /** How the model answers; default: it echoes the user's text (`You said: ...`). */
  readonly responder?: ModelResponder | undefined;
}

/** A running local Bedrock Runtime. */
export interface LocalBedrock {
  /** `http://127.0.0.1:<port>`: the value for `AWS_ENDPOINT_URL_BEDROCK_RUNTIME`. */
  readonly endpoint: string;
  readonly port: number;
  /** The deterministic model: queue replies, script errors, break streams, add latency. */
  readonly model: LocalBedrockModel;
  /** Every request received, oldest first. */
  readonly requests: RecordedBedrockRequest[];
  /** Stops the server and closes its connections. */
  stop(): Promise<void>;
}

const ROUTE = /^\/model\/([^/]+)\/(invoke|invoke-with-response-stream|converse|converse-stream)$/;

function sendJson(
  res: Response,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
) {
  res.writeHead(status, {
    "content-type": "application/json",
    "x-amzn-requestid": crypto.randomUUID(),
    ...headers,
  });
  res.end(JSON.stringify(body));
}

function sendError(res: Response, name: BedrockErrorName, message: string) {
  sendJson(
    res,
    BEDROCK_ERROR_STATUS[name],
    { message },
    { "x-amzn-errortype": `${name}:http://internal.amazon.com/coral/com.amazon.bedrock/` },
  );
}

async function streamFrames(res: Response, frames: Uint8Array[]) {
  res.writeHead(200, {
    "content-type": "application/vnd.amazon.eventstream",
    "x-amzn-requestid": crypto.randomUUID(),
    "x-amzn-bedrock-content-type": "application/json",
  });
  // HTTP/1.1 and HTTP/2 responses both write; their write() overloads just do not unify.
  const write = (frame: Uint8Array) => (res as ServerResponse).write(frame);
  for (const frame of frames) {
    if (res.destroyed) return;
    write(frame);
    await sleep(1);
  }
  res.end();
}

const words = (text: string) => text.split(/(?<=\s)/).filter(Boolean);

/**
 * Starts a local Bedrock Runtime on 127.0.0.1 in this process: InvokeModel,
 * InvokeModelWithResponseStream, Converse and ConverseStream, over HTTP/1.1 and h2c on one
 * port, with AWS's event-stream framing and error headers, answered by a deterministic
 * {@link LocalBedrockModel}. Point the SDK at it with `AWS_ENDPOINT_URL_BEDROCK_RUNTIME`.
 *
 * @example
 * ```ts
 * import { startLocalBedrock } from "@org/aws-testing/local";
 *
 * const bedrock = await startLocalBedrock({
 *   responder: ({ system, text }) => (system.includes("French") ? "Bonjour" : `You said: ${text}`),
 * });
 * process.env.AWS_ENDPOINT_URL_BEDROCK_RUNTIME = bedrock.endpoint;
 * bedrock.model.failNext("ThrottlingException", 2);
 * // ... call the real SDK; then look at bedrock.requests
 * await bedrock.stop();
 * ```
 */
export async function startLocalBedrock(options: LocalBedrockOptions = {}): Promise<LocalBedrock> {
  const model = new LocalBedrockModel(options.responder);
  const requests: RecordedBedrockRequest[] = [];

  async function answer(req: Request, res: Response, raw: Buffer) {
    const route = ROUTE.exec(new URL(req.url ?? "/", "http://local").pathname);
    if (req.method !== "POST" || !route) {
      return sendError(res, "ResourceNotFoundException", `No route for ${req.method} ${req.url}`);
    }
    const modelId = decodeURIComponent(route[1] as string);
    const operation = route[2] as BedrockOperation;
    let body: Record<string, unknown>;
    try {
      body = raw.length ? JSON.parse(raw.toString("utf8")) : {};
    } catch {
      requests.push({
        operation,
        modelId,
        body: raw.toString("utf8"),
        headers: req.headers,
        httpVersion: req.httpVersion,
      });
      return sendError(res, "ValidationException", "The request body is not valid JSON");
    }
    requests.push({ operation, modelId, body, headers: req.headers, httpVersion: req.httpVersion });

    if (model.latencyMs > 0) await sleep(model.latencyMs);
    const error = model.nextError();
    if (error) return sendError(res, error, `Local model: scripted ${error}`);

    const isConverse = operation.startsWith("converse");
    if (isConverse && (!Array.isArray(body.messages) || body.messages.length === 0)) {
      return sendError(res, "ValidationException", "messages must be a non-empty array");
    }
    const turn = isConverse ? converseTurn(body) : invokeTurn(body);
    const text = model.answer(turn);
    const usage = { inputTokens: countTokens(turn.text), outputTokens: countTokens(text) };
    const anthropic = isAnthropic(body);

    if (operation === "converse") {
      return sendJson(res, 200, {
        output: { message: { role: "assistant", content: [{ text }] } },
        stopReason: "end_turn",
        usage: { ...usage, totalTokens: usage.inputTokens + usage.outputTokens },
        metrics: { latencyMs: model.latencyMs },
      });
    }
    if (operation === "invoke") {
      return sendJson(
        res,
        200,
        anthropic
          ? {
              id: `msg_${crypto.randomUUID()}`,
              type: "message",
              role: "assistant",
              model: modelId,
              content: [{ type: "text", text }],
              stop_reason: "end_turn",
              usage: { input_tokens: usage.inputTokens, output_tokens: usage.outputTokens },
            }
          : { outputText: text, stopReason: "end_turn", ...usage },
      );
    }

    const streamBreak = model.takeStreamBreak();
    const parts = words(text);
    const cut = streamBreak ? Math.min(streamBreak.afterParts, parts.length) : parts.length;
    const frames: Uint8Array[] = [];
    const chunk = (payload: unknown) =>
      eventFrame("chunk", { bytes: Buffer.from(JSON.stringify(payload)).toString("base64") });

    if (operation === "converse-stream") {
      frames.push(eventFrame("messageStart", { role: "assistant" }));
      for (const part of parts.slice(0, cut)) {
        frames.push(
          eventFrame("contentBlockDelta", { contentBlockIndex: 0, delta: { text: part } }),
        );
      }
      if (!streamBreak) {
        frames.push(eventFrame("contentBlockStop", { contentBlockIndex: 0 }));
        frames.push(eventFrame("messageStop", { stopReason: "end_turn" }));
        frames.push(
          eventFrame("metadata", {
            usage: { ...usage, totalTokens: usage.inputTokens + usage.outputTokens },
            metrics: { latencyMs: model.latencyMs },
          }),
        );
      }
    } else if (anthropic) {
      frames.push(
        chunk({
          type: "message_start",
          message: { role: "assistant", usage: { input_tokens: usage.inputTokens } },
        }),
      );
      for (const part of parts.slice(0, cut)) {
        frames.push(
          chunk({
            type: "content_block_delta",
            index: 0,
            delta: { type: "text_delta", text: part },
          }),
        );
      }
      if (!streamBreak) {
        frames.push(
          chunk({
            type: "message_delta",
            delta: { stop_reason: "end_turn" },
            usage: { output_tokens: usage.outputTokens },
          }),
        );
        frames.push(chunk({ type: "message_stop" }));
      }
    } else {
      for (const part of parts.slice(0, cut)) frames.push(chunk({ outputText: part }));
      if (!streamBreak) frames.push(chunk({ stopReason: "end_turn", ...usage }));
    }
    if (streamBreak) {
      frames.push(
        exceptionFrame(streamBreak.exception, {
          message: `Local model: stream broken by script (${streamBreak.exception})`,
          originalStatusCode: 500,
          originalMessage: "scripted failure",
        }),
      );
    }
    return streamFrames(res, frames);
  }

  const { server, close } = createDualProtocolServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      answer(req, res, Buffer.concat(chunks)).catch((error: unknown) => {
        if (!res.headersSent)
          sendJson(
            res,
            500,
            { message: String(error) },
            { "x-amzn-errortype": "InternalServerException" },
          );
      });
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, "127.0.0.1", () => resolve());
  });
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : 0;
  return { endpoint: `http://127.0.0.1:${port}`, port, model, requests, stop: close };
}
