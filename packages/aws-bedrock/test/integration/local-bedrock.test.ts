import { BedrockRuntimeClient } from "@aws-sdk/client-bedrock-runtime";
import { AwsCoreError, httpStatusOf, resetAll, withInvocation } from "@org/aws-core";
import { type LocalBedrock, startLocalBedrock } from "@org/aws-testing/local";
import { NodeHttpHandler } from "@smithy/node-http-handler";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import {
  BedrockModelStreamError,
  BedrockModelTimeoutError,
  BedrockThrottledError,
  BedrockUnavailableError,
  BedrockValidationError,
} from "../../src/errors";
import {
  BedrockError,
  bedrock,
  type ConverseStreamPart,
  converse,
  converseStream,
  invokeClaude,
  invokeModelJson,
} from "../../src/index";

const CLAUDE = "anthropic.claude-3-haiku-20240307-v1:0";
let local: LocalBedrock;

beforeAll(async () => {
  local = await startLocalBedrock();
  // A region and dummy credentials, so no real AWS profile is ever used.
  process.env.AWS_REGION ??= "us-east-1";
  process.env.AWS_ACCESS_KEY_ID ??= "local";
  process.env.AWS_SECRET_ACCESS_KEY ??= "local";
  process.env.AWS_ENDPOINT_URL_BEDROCK_RUNTIME = local.endpoint;
});
afterAll(() => local?.stop());
afterEach(() => {
  local.model.reset();
  local.requests.length = 0;
  resetAll();
});

async function collect(parts: AsyncIterable<ConverseStreamPart>) {
  const seen: ConverseStreamPart[] = [];
  for await (const part of parts) seen.push(part);
  return seen;
}

const transports = [
  ["HTTP/2 (the SDK's default handler, h2c)", () => {}, "2.0"],
  [
    "HTTP/1.1 (NodeHttpHandler)",
    () =>
      bedrock.inject(
        new BedrockRuntimeClient({ requestHandler: new NodeHttpHandler(), maxAttempts: 3 }),
      ),
    "1.1",
  ],
] as const;

describe.each(transports)("through the real SDK over %s", (_, setUp, httpVersion) => {
  it("invokeModelJson sends JSON and parses the answer", async () => {
    setUp();
    const answer = await invokeModelJson<{ outputText: string }>("amazon.titan-text-lite-v1", {
      inputText: "hello world",
    });
    expect(answer.outputText).toBe("You said: hello world");
    const [request] = local.requests;
    expect(request).toMatchObject({
      operation: "invoke",
      modelId: "amazon.titan-text-lite-v1",
      httpVersion,
    });
    expect(request?.headers["content-type"]).toBe("application/json");
    expect(request?.headers.accept).toBe("application/json");
  });

  it("invokeClaude speaks the messages API, system prompt included", async () => {
    setUp();
    const result = await invokeClaude({
      modelId: CLAUDE,
      system: "Translate from en to es. Answer with the translation only.",
      prompt: "Hello world, my friend!",
      maxTokens: 50,
    });
    expect(result).toEqual({
      text: "You said: Hello world, my friend!",
      stopReason: "end_turn",
      usage: { inputTokens: 4, outputTokens: 6 },
    });
    expect(local.requests[0]?.body).toEqual({
      anthropic_version: "bedrock-2023-05-31",
      max_tokens: 50,
      messages: [{ role: "user", content: "Hello world, my friend!" }],
      system: "Translate from en to es. Answer with the translation only.",
    });
  });

  it("converse returns text, stop reason and usage", async () => {
    setUp();
    local.model.reply("Fixed answer.");
    const result = await converse({
      modelId: "amazon.nova-lite-v1:0",
      prompt: "anything",
      maxTokens: 10,
    });
    expect(result).toEqual({
      text: "Fixed answer.",
      stopReason: "end_turn",
      usage: { inputTokens: 1, outputTokens: 2, totalTokens: 3 },
    });
    expect(local.requests[0]?.body).toMatchObject({ inferenceConfig: { maxTokens: 10 } });
  });

  it("converseStream yields text parts, then the end with usage", async () => {
    setUp();
    local.model.reply("one two three");
    const parts = await collect(
      converseStream({ modelId: "amazon.nova-lite-v1:0", prompt: "count" }),
    );
    expect(parts).toEqual([
      { type: "text", text: "one " },
      { type: "text", text: "two " },
      { type: "text", text: "three" },
      {
        type: "end",
        stopReason: "end_turn",
        usage: { inputTokens: 1, outputTokens: 3, totalTokens: 4 },
      },
    ]);
  });

  it("a stream that fails midway throws a typed error from the iterator", async () => {
    setUp();
    local.model.reply("a b c d e").breakNextStream(2);
    const seen: string[] = [];
    const error = await (async () => {
      for await (const part of converseStream({ modelId: "m", prompt: "x" })) {
        if (part.type === "text") seen.push(part.text);
      }
    })().catch((e) => e);
    expect(error).toBeInstanceOf(BedrockModelStreamError);
    expect(error.modelId).toBe("m");
    // What a handler answers with: its kind's status and the safe message, not the SDK's text.
    expect(error.kind).toBe("unavailable");
    expect(httpStatusOf(error.kind)).toBe(503);
    expect(error.safeMessage).toBe("Service Unavailable");
    expect(error.cause.name).toBe("ModelStreamErrorException");
    expect(seen).toEqual(["a ", "b "]);
  });

  it("a stream cut by Bedrock's own failure midway is a BedrockUnavailableError (503)", async () => {
    setUp();
    local.model.reply("a b c d e").breakNextStream(1, "serviceUnavailableException");
    const seen: string[] = [];
    const error = await (async () => {
      for await (const part of converseStream({ modelId: "m", prompt: "x" })) {
        if (part.type === "text") seen.push(part.text);
      }
    })().catch((e) => e);
    expect(error).toBeInstanceOf(BedrockUnavailableError);
    expect(error).toMatchObject({ modelId: "m", kind: "unavailable" });
    expect(error.safeMessage).toBe("Service Unavailable");
    expect(seen).toEqual(["a "]);
  });

  it("a stream throttled midway is a BedrockThrottledError", async () => {
    setUp();
    local.model.breakNextStream(0, "throttlingException");
    await expect(collect(converseStream({ modelId: "m", prompt: "x" }))).rejects.toBeInstanceOf(
      BedrockThrottledError,
    );
  });
});

describe("a local model with a responder of your own", () => {
  it("answers every operation with it, given the system prompt and the user's text", async () => {
    const own = await startLocalBedrock({
      responder: ({ system, text }) => `${system.length}:${text.toUpperCase()}`,
    });
    const client = new BedrockRuntimeClient({
      endpoint: own.endpoint,
      region: "us-east-1",
      requestHandler: new NodeHttpHandler(),
    });
    try {
      bedrock.inject(client);
      const result = await converse({ modelId: "m", system: "be brief", prompt: "hi there" });
      expect(result.text).toBe("8:HI THERE");
      own.model.reply("queued first");
      expect((await converse({ modelId: "m", prompt: "x" })).text).toBe("queued first");
    } finally {
      bedrock.reset();
      client.destroy();
      await own.stop();
    }
  });
});

describe("errors and retries", () => {
  it("throttling that succeeds on the second (last, by default) attempt", async () => {
    local.model.failNext("ThrottlingException", 1);
    const result = await converse({ modelId: "m", prompt: "hello" });
    expect(result.text).toBe("You said: hello");
    expect(local.requests).toHaveLength(2);
  });

  it("throttling that exhausts the 2 attempts is a BedrockThrottledError with the model id", async () => {
    local.model.failNext("ThrottlingException", Number.POSITIVE_INFINITY);
    const error = await converse({ modelId: "busy-model", prompt: "hello" }).catch((e) => e);
    expect(error).toBeInstanceOf(BedrockThrottledError);
    expect(error).toBeInstanceOf(BedrockError);
    expect(error).toMatchObject({ name: "BedrockThrottledError", kind: "throttled" });
    expect(error.modelId).toBe("busy-model");
    expect(error.cause.name).toBe("ThrottlingException");
    expect(local.requests).toHaveLength(2);
  });

  it("more attempts when configured so", async () => {
    bedrock.configure({ maxAttempts: 3 });
    local.model.failNext("ThrottlingException", 2);
    expect((await converse({ modelId: "m", prompt: "hello" })).text).toBe("You said: hello");
    expect(local.requests).toHaveLength(3);
  });

  it("the Nth call fails as scripted; validation errors are not retried", async () => {
    local.model.failOnCall(2, "ValidationException");
    await converse({ modelId: "m", prompt: "first" });
    await expect(invokeModelJson("m", {})).rejects.toBeInstanceOf(BedrockValidationError);
    expect(local.requests).toHaveLength(2);
  });

  it.each(["InternalServerException", "ServiceUnavailableException"] as const)(
    "%s that outlasts the retries is a BedrockUnavailableError (503), after 2 attempts",
    async (exception) => {
      local.model.failNext(exception, Number.POSITIVE_INFINITY);
      const error = await invokeClaude({ modelId: CLAUDE, prompt: "x" }).catch((e) => e);
      expect(error).toBeInstanceOf(BedrockUnavailableError);
      expect(error).toMatchObject({ modelId: CLAUDE, kind: "unavailable" });
      expect(error.safeMessage).toBe("Service Unavailable");
      expect(error.cause.name).toBe(exception);
      expect(local.requests).toHaveLength(2);
    },
  );

  it("a model timeout is a BedrockModelTimeoutError", async () => {
    local.model.failNext("ModelTimeoutException");
    await expect(invokeClaude({ modelId: CLAUDE, prompt: "x" })).rejects.toBeInstanceOf(
      BedrockModelTimeoutError,
    );
  });

  it("a model slower than requestTimeout: each attempt ends there, then a BedrockUnavailableError", async () => {
    bedrock.configure({ requestTimeout: 200 });
    local.model.latencyMs = 1_000;
    const started = performance.now();
    const error = await converse({ modelId: "slow", prompt: "x" }).catch((e) => e);
    const elapsed = performance.now() - started;
    expect(error).toBeInstanceOf(BedrockUnavailableError);
    expect(error).toMatchObject({ kind: "unavailable", modelId: "slow" });
    expect(error.cause.name).toBe("TimeoutError");
    expect(local.requests).toHaveLength(2);
    // 2 attempts x 200 ms + one backoff (at most 50 ms after a timeout), with some slack.
    expect(elapsed).toBeGreaterThanOrEqual(390);
    expect(elapsed).toBeLessThan(900);
  });

  it("inside withInvocation, the invocation's deadline bounds the whole call", async () => {
    local.model.latencyMs = 5_000;
    const context = { getRemainingTimeInMillis: () => 600 };
    const started = performance.now();
    const error = await withInvocation(
      context,
      () => invokeClaude({ modelId: CLAUDE, prompt: "x" }),
      { marginMs: 300 },
    ).catch((e) => e);
    expect(performance.now() - started).toBeLessThan(1_000);
    // The core's own error, passed through: an AwsCoreError of kind timeout (504).
    expect(error).toBeInstanceOf(AwsCoreError);
    expect(error).not.toBeInstanceOf(BedrockError);
    expect(error).toMatchObject({ name: "InvocationTimeoutError", kind: "timeout" });
    expect(local.requests).toHaveLength(1);
  });

  it("added latency delays the answer", async () => {
    local.model.latencyMs = 150;
    const started = performance.now();
    await converse({ modelId: "m", prompt: "slow" });
    expect(performance.now() - started).toBeGreaterThanOrEqual(140);
  });
});

describe("Bedrock out of reach", () => {
  it("is a BedrockUnavailableError (503, safe message) once the SDK's attempts are spent", async () => {
    // Port 1 on loopback: nothing listens, every connection is refused at once.
    bedrock.inject(
      new BedrockRuntimeClient({
        endpoint: "http://127.0.0.1:1",
        region: "us-east-1",
        maxAttempts: 2,
      }),
    );
    const error = await converse({ modelId: CLAUDE, prompt: "hi" }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BedrockUnavailableError);
    expect(error).toMatchObject({ kind: "unavailable", safeMessage: "Service Unavailable" });
    expect(httpStatusOf((error as BedrockUnavailableError).kind)).toBe(503);
    expect((error as Error).message).toMatch(/^Bedrock could not be reached/);
  });
});
