import {
  AccessDeniedException,
  BedrockRuntimeClient,
  ConverseCommand,
  ConverseStreamCommand,
  InternalServerException,
  InvokeModelCommand,
  ModelNotReadyException,
  ServiceUnavailableException,
} from "@aws-sdk/client-bedrock-runtime";
import { resetAll } from "@org/aws-core";
import { mockClient } from "aws-sdk-client-mock";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import {
  BedrockAccessDeniedError,
  BedrockError,
  BedrockModelNotReadyError,
  BedrockModelStreamError,
  BedrockUnavailableError,
  BedrockValidationError,
  bedrock,
  converse,
  converseStream,
  getBedrockClient,
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

describe("the client", () => {
  it("is one lazy instance in both forms, its SDK loaded on first use", async () => {
    expect(await getBedrockClient()).toBe(await bedrock.get());
    expect(bedrock.isLoaded()).toBe(true);
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

  it("leaves an error it does not know as it is", async () => {
    const unknown = new RangeError("something else");
    bedrockMock.on(InvokeModelCommand).rejects(unknown);
    expect(await invokeModelJson("model-a", {}).catch((e) => e)).toBe(unknown);
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
