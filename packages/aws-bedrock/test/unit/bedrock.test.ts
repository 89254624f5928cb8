import {
  AccessDeniedException,
  BedrockRuntimeClient,
  ConflictException,
  ConverseCommand,
  ConverseStreamCommand,
  InternalServerException,
  InvokeModelCommand,
  ModelErrorException,
  ModelNotReadyException,
  ResourceNotFoundException,
  ServiceUnavailableException,
} from "@aws-sdk/client-bedrock-runtime";
import { AwsCoreError, httpStatusOf, resetAll } from "@org/aws-core";
import { mockClient } from "aws-sdk-client-mock";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import {
  BedrockAccessDeniedError,
  BedrockConflictError,
  BedrockModelNotFoundError,
  BedrockModelNotReadyError,
  BedrockModelStreamError,
  BedrockModelTimeoutError,
  BedrockThrottledError,
  BedrockUnavailableError,
  BedrockValidationError,
} from "../../src/errors";
import * as entry from "../../src/index";
import {
  BedrockError,
  bedrock,
  converse,
  converseStream,
  invokeClaude,
  invokeModelJson,
} from "../../src/index";

const bedrockMock = mockClient(BedrockRuntimeClient);
const encode = (value: unknown) => new TextEncoder().encode(JSON.stringify(value));

beforeEach(() => {
  vi.stubEnv("AWS_REGION", "us-east-1");
  bedrockMock.reset();
});
afterEach(() => {
  vi.unstubAllEnvs();
  resetAll();
});

describe("the entry", () => {
  it("exports these runtime names, no more", () => {
    expect(Object.keys(entry).sort()).toEqual([
      "BedrockError",
      "bedrock",
      "converse",
      "converseStream",
      "invokeClaude",
      "invokeModelJson",
    ]);
  });
});

describe("the client", () => {
  it("is a LazyClient: its SDK loads on first use, then client is the same instance", async () => {
    expect(bedrock.name).toBe("bedrock-runtime");
    expect(() => bedrock.client).toThrow(AwsCoreError);
    expect(() => bedrock.client).toThrow(/await its get\(\)/);
    const client = await bedrock.get();
    expect(bedrock.client).toBe(client);
    expect(bedrock.peek()).toBe(client);
    expect((await bedrock.sdk()).BedrockRuntimeClient).toBe(BedrockRuntimeClient);
    expect(client).toBeInstanceOf(BedrockRuntimeClient);
  });

  it("sdk() is the whole SDK module, for commands the helpers do not use", async () => {
    const sdk = await bedrock.sdk();
    expect(typeof sdk.InvokeModelWithResponseStreamCommand).toBe("function");
    expect(typeof sdk.ConverseCommand).toBe("function");
  });

  it("defaults to 2 attempts of at most 11 s each; configure() overrides them", async () => {
    const client = await bedrock.get();
    expect(await client.config.maxAttempts()).toBe(2);
    expect(await handlerConfig(client)).toMatchObject({
      requestTimeout: 11_000,
      throwOnRequestTimeout: true,
    });

    resetAll();
    bedrock.configure({ requestTimeout: 60_000, maxAttempts: 4 });
    const configured = await bedrock.get();
    expect(await configured.config.maxAttempts()).toBe(4);
    expect(await handlerConfig(configured)).toMatchObject({ requestTimeout: 60_000 });
  });

  it("calls onCreate hooks with the client it creates", async () => {
    const seen: unknown[] = [];
    const remove = bedrock.onCreate((client, creation) => {
      seen.push(client, creation.name);
    });
    try {
      const client = await bedrock.get();
      expect(seen).toEqual([client, "bedrock-runtime"]);
    } finally {
      remove();
    }
  });
});

// The options the SDK's HTTP/2 handler was created with (it resolves them on first request).
async function handlerConfig(client: BedrockRuntimeClient): Promise<Record<string, unknown>> {
  const handler = client.config.requestHandler as unknown as { configProvider: Promise<object> };
  return { ...(await handler.configProvider) };
}

describe("the errors", () => {
  const cases = [
    [BedrockThrottledError, "throttled", 429],
    [BedrockValidationError, "validation", 400],
    [BedrockAccessDeniedError, "internal", 500],
    [BedrockModelNotFoundError, "internal", 500],
    [BedrockConflictError, "conflict", 409],
    [BedrockModelNotReadyError, "unavailable", 503],
    [BedrockUnavailableError, "unavailable", 503],
    [BedrockModelTimeoutError, "timeout", 504],
    [BedrockModelStreamError, "unavailable", 503],
  ] as const;

  it.each(cases)(
    "%o takes (message, options), its kind fixed by the class",
    (Type, kind, status) => {
      const cause = new Error("sdk");
      const error = new Type("it failed", { modelId: "m-1", cause });
      expect(error).toBeInstanceOf(BedrockError);
      expect(error).toBeInstanceOf(AwsCoreError);
      expect(error.name).toBe(Type.name);
      expect(error).toMatchObject({
        kind,
        modelId: "m-1",
        cause,
        message: "it failed (model m-1)",
      });
      expect(httpStatusOf(error.kind)).toBe(status);
      expect(error.safeMessage).not.toMatch(/m-1/);
      // The kind comes through AwsCoreError's option, not an overriding getter.
      for (const proto of [Type.prototype, BedrockError.prototype]) {
        expect(Object.getOwnPropertyDescriptor(proto, "kind")).toBeUndefined();
        expect(Object.getOwnPropertyDescriptor(proto, "safeMessage")).toBeUndefined();
      }
    },
  );

  it("BedrockError is internal by default, takes a kind, and needs no model", () => {
    expect(new BedrockError("x")).toMatchObject({
      kind: "internal",
      modelId: undefined,
      message: "x",
    });
    expect(new BedrockError("x", { kind: "conflict", safeMessage: "Taken" })).toMatchObject({
      kind: "conflict",
      safeMessage: "Taken",
    });
  });

  it("a validation error says so safely; a safe message given wins", () => {
    expect(new BedrockValidationError("bad body").safeMessage).toBe(
      "The model could not process this request",
    );
    expect(new BedrockValidationError("bad", { safeMessage: "Prompt too long" }).safeMessage).toBe(
      "Prompt too long",
    );
  });
});

describe("invokeModelJson", () => {
  it("sends JSON with content type and accept, and parses JSON back", async () => {
    bedrockMock.on(InvokeModelCommand).resolves({ body: encode({ ok: true }) as never });
    expect(await invokeModelJson<{ ok: boolean }>("model-a", { a: 1 })).toEqual({ ok: true });
    expect(bedrockMock.commandCalls(InvokeModelCommand)[0]?.args[0].input).toEqual({
      modelId: "model-a",
      contentType: "application/json",
      accept: "application/json",
      body: '{"a":1}',
    });
  });

  it("refuses an answer that is not JSON, naming the model", async () => {
    bedrockMock
      .on(InvokeModelCommand)
      .resolves({ body: new TextEncoder().encode("<html>") as never });
    const error = (await invokeModelJson("model-a", {}).catch((e) => e)) as BedrockError;
    expect(error).toBeInstanceOf(BedrockValidationError);
    expect(error.message).toMatch(/model-a/);
  });

  it.each([
    [new AccessDeniedException({ message: "no access", $metadata: {} }), BedrockAccessDeniedError],
    [new ModelNotReadyException({ message: "warming", $metadata: {} }), BedrockModelNotReadyError],
    [
      new InternalServerException({ message: "internal failure", $metadata: {} }),
      BedrockUnavailableError,
    ],
    [
      new ServiceUnavailableException({ message: "unavailable", $metadata: {} }),
      BedrockUnavailableError,
    ],
    [
      Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:1"), { code: "ECONNREFUSED" }),
      BedrockUnavailableError,
    ],
    [Object.assign(new Error("socket hang up"), { code: "ECONNRESET" }), BedrockUnavailableError],
    [
      new ResourceNotFoundException({ message: "no such model", $metadata: {} }),
      BedrockModelNotFoundError,
    ],
    [new ConflictException({ message: "token in use", $metadata: {} }), BedrockConflictError],
    [new ModelErrorException({ message: "model failed", $metadata: {} }), BedrockUnavailableError],
    [
      Object.assign(new Error("new failure"), { name: "NewServerException", $fault: "server" }),
      BedrockUnavailableError,
    ],
    [
      Object.assign(new Error("bad gateway"), {
        name: "UnknownError",
        $metadata: { httpStatusCode: 502 },
      }),
      BedrockUnavailableError,
    ],
    [
      Object.assign(new Error("Connection timed out after 1000 ms"), { name: "TimeoutError" }),
      BedrockUnavailableError,
    ],
  ])("maps %s", async (sdkError, type) => {
    bedrockMock.on(InvokeModelCommand).rejects(sdkError);
    const error = (await invokeModelJson("model-a", {}).catch((e) => e)) as BedrockError;
    expect(error).toBeInstanceOf(type);
    expect(error).toBeInstanceOf(BedrockError);
    expect(error).toMatchObject({ modelId: "model-a", cause: sdkError });
    expect(error.safeMessage).not.toMatch(/model-a|127\.0\.0\.1|ECONN|Exception/);
  });

  it.each([
    [new ResourceNotFoundException({ message: "no such model", $metadata: {} }), "internal"],
    [new ConflictException({ message: "token in use", $metadata: {} }), "conflict"],
    [new ModelErrorException({ message: "model failed", $metadata: {} }), "unavailable"],
  ])("maps %s to its kind", async (sdkError, kind) => {
    bedrockMock.on(InvokeModelCommand).rejects(sdkError);
    const error = (await invokeModelJson("model-a", {}).catch((e) => e)) as BedrockError;
    expect(error.kind).toBe(kind);
  });

  it("maps an error it does not know to a BedrockError of kind internal, keeping the cause", async () => {
    const unknown = new RangeError("something else");
    bedrockMock.on(InvokeModelCommand).rejects(unknown);
    const error = (await invokeModelJson("model-a", {}).catch((e) => e)) as BedrockError;
    expect(error).toBeInstanceOf(BedrockError);
    expect(error).toMatchObject({ kind: "internal", modelId: "model-a", cause: unknown });
    expect(error.message).toMatch(/something else/);
    expect(error.safeMessage).toBe("Internal Server Error");
  });

  it("passes core's own errors (the invocation's deadline) through unchanged", async () => {
    const deadline = new AwsCoreError("stopped at the invocation's deadline", { kind: "timeout" });
    bedrockMock.on(InvokeModelCommand).rejects(deadline);
    expect(await invokeModelJson("model-a", {}).catch((e) => e)).toBe(deadline);
  });
});

describe("invokeClaude", () => {
  it("builds the messages body and joins the text blocks", async () => {
    bedrockMock.on(InvokeModelCommand).resolves({
      body: encode({
        content: [
          { type: "text", text: "Hola" },
          { type: "text", text: " mundo" },
        ],
        stop_reason: "end_turn",
        usage: { input_tokens: 3, output_tokens: 2 },
      }) as never,
    });
    const result = await invokeClaude({
      modelId: "claude",
      system: "sys",
      prompt: "hi",
      temperature: 0,
    });
    expect(result).toEqual({
      text: "Hola mundo",
      stopReason: "end_turn",
      usage: { inputTokens: 3, outputTokens: 2 },
    });
    expect(
      JSON.parse(bedrockMock.commandCalls(InvokeModelCommand)[0]?.args[0].input.body as string),
    ).toEqual({
      anthropic_version: "bedrock-2023-05-31",
      max_tokens: 1024,
      messages: [{ role: "user", content: "hi" }],
      system: "sys",
      temperature: 0,
    });
  });
});

describe("converse", () => {
  it("maps the request and the answer", async () => {
    bedrockMock.on(ConverseCommand).resolves({
      output: { message: { role: "assistant", content: [{ text: "a" }, { text: "b" }] } },
      stopReason: "max_tokens",
      usage: { inputTokens: 1, outputTokens: 2, totalTokens: 3 },
      metrics: { latencyMs: 1 },
    });
    expect(await converse({ modelId: "m", prompt: "p", system: "s", topP: 0.5 })).toEqual({
      text: "ab",
      stopReason: "max_tokens",
      usage: { inputTokens: 1, outputTokens: 2, totalTokens: 3 },
    });
    expect(bedrockMock.commandCalls(ConverseCommand)[0]?.args[0].input).toEqual({
      modelId: "m",
      messages: [{ role: "user", content: [{ text: "p" }] }],
      system: [{ text: "s" }],
      inferenceConfig: { topP: 0.5 },
    });
  });

  it("streams text and ends with usage; a failing stream throws a typed error", async () => {
    async function* events() {
      yield { contentBlockDelta: { contentBlockIndex: 0, delta: { text: "x" } } };
      yield { messageStop: { stopReason: "end_turn" as const } };
      yield {
        metadata: {
          usage: { inputTokens: 1, outputTokens: 1, totalTokens: 2 },
          metrics: { latencyMs: 1 },
        },
      };
    }
    bedrockMock.on(ConverseStreamCommand).resolves({ stream: events() });
    const parts = [];
    for await (const part of converseStream({ modelId: "m", prompt: "p" })) parts.push(part);
    expect(parts).toEqual([
      { type: "text", text: "x" },
      {
        type: "end",
        stopReason: "end_turn",
        usage: { inputTokens: 1, outputTokens: 1, totalTokens: 2 },
      },
    ]);

    async function* broken() {
      yield { contentBlockDelta: { contentBlockIndex: 0, delta: { text: "x" } } };
      throw Object.assign(new Error("model broke"), { name: "ModelStreamErrorException" });
    }
    bedrockMock.on(ConverseStreamCommand).resolves({ stream: broken() });
    const iterate = async () => {
      for await (const _ of converseStream({ modelId: "m", prompt: "p" })) {
      }
    };
    await expect(iterate()).rejects.toBeInstanceOf(BedrockModelStreamError);
  });
});

describe("converseStream, cut short", () => {
  it("a stream that ends before messageStop (a pause past requestTimeout) is a BedrockModelStreamError", async () => {
    async function* truncated() {
      yield { messageStart: { role: "assistant" as const } };
      yield { contentBlockDelta: { contentBlockIndex: 0, delta: { text: "Once upon" } } };
    }
    bedrockMock.on(ConverseStreamCommand).resolves({ stream: truncated() });
    const seen: string[] = [];
    const error = await (async () => {
      for await (const part of converseStream({ modelId: "m", prompt: "p" })) {
        if (part.type === "text") seen.push(part.text);
      }
    })().catch((e: unknown) => e);
    expect(seen).toEqual(["Once upon"]);
    expect(error).toBeInstanceOf(BedrockModelStreamError);
    expect(error).toMatchObject({
      name: "BedrockModelStreamError",
      kind: "unavailable",
      modelId: "m",
    });
  });
});
