import {
  BedrockRuntimeClient,
  ConverseCommand,
  ConverseStreamCommand,
  InvokeModelCommand,
} from "@aws-sdk/client-bedrock-runtime";
import { defineClient, getClientCreations, resetAll } from "@org/aws-core";
import { mockClient } from "aws-sdk-client-mock";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import {
  type BedrockClientOption,
  BedrockError,
  bedrock,
  converse,
  converseStream,
  invokeClaude,
  invokeModelJson,
} from "../../src/index";

// Stubs send() of the class: the helpers' clients, whoever created them, answer from here.
const bedrockMock = mockClient(BedrockRuntimeClient);
const DUMMY = { accessKeyId: "test", secretAccessKey: "test" };
const encode = (value: unknown) => new TextEncoder().encode(JSON.stringify(value));

const claudeBody = encode({
  content: [{ type: "text", text: "Hola" }],
  stop_reason: "end_turn",
  usage: { input_tokens: 1, output_tokens: 1 },
});

beforeEach(() => {
  vi.stubEnv("AWS_REGION", "us-east-1");
  bedrockMock.reset();
  bedrockMock.on(InvokeModelCommand).resolves({ body: claudeBody as never });
  bedrockMock.on(ConverseCommand).resolves({
    output: { message: { role: "assistant", content: [{ text: "ok" }] } },
    stopReason: "end_turn",
    usage: { inputTokens: 1, outputTokens: 1, totalTokens: 2 },
    metrics: { latencyMs: 1 },
  });
  bedrockMock.on(ConverseStreamCommand).callsFake(async () => ({ stream: events() }));
});
afterEach(() => {
  vi.unstubAllEnvs();
  resetAll();
});

async function* events() {
  yield { contentBlockDelta: { contentBlockIndex: 0, delta: { text: "ok" } } };
  yield { messageStop: { stopReason: "end_turn" as const } };
}

async function drain<T>(parts: AsyncIterable<T>): Promise<T[]> {
  const all: T[] = [];
  for await (const part of parts) all.push(part);
  return all;
}

// Each helper, called with a `client` option, and the command it sends.
const helpers = [
  [
    "invokeModelJson",
    InvokeModelCommand,
    (client: BedrockClientOption) => invokeModelJson("model-a", { a: 1 }, { client }),
  ],
  [
    "invokeClaude",
    InvokeModelCommand,
    (client: BedrockClientOption) => invokeClaude({ modelId: "model-a", prompt: "hi", client }),
  ],
  [
    "converse",
    ConverseCommand,
    (client: BedrockClientOption) => converse({ modelId: "model-a", prompt: "hi", client }),
  ],
  [
    "converseStream",
    ConverseStreamCommand,
    (client: BedrockClientOption) =>
      drain(converseStream({ modelId: "model-a", prompt: "hi", client })),
  ],
] as const;

describe("the client option", () => {
  it.each(helpers)(
    "%s sends on a BedrockRuntimeClient given, without creating bedrock's",
    async (_, Command, call) => {
      const own = new BedrockRuntimeClient({ region: "us-west-2", credentials: DUMMY });
      await call(own);
      const calls = bedrockMock.commandCalls(Command as typeof InvokeModelCommand);
      expect(calls).toHaveLength(1);
      expect(calls[0]?.thisValue).toBe(own);
      expect(calls[0]?.args[0].input).toMatchObject({ modelId: "model-a" });
      expect(bedrock.peek()).toBeUndefined();
    },
  );

  it.each(helpers)(
    "%s sends on a LazyClient given (bedrock.for), created on first use",
    async (_, Command, call) => {
      const west = bedrock.for({ region: "us-west-2" });
      expect(west.peek()).toBeUndefined();
      await call(west);
      const calls = bedrockMock.commandCalls(Command as typeof InvokeModelCommand);
      expect(calls).toHaveLength(1);
      const used = calls[0]?.thisValue as BedrockRuntimeClient;
      expect(used).toBe(west.peek());
      expect(await used.config.region()).toBe("us-west-2");
      expect(bedrock.peek()).toBeUndefined();
    },
  );

  it("takes any LazyClient of a BedrockRuntimeClient (one of defineClient)", async () => {
    const own = new BedrockRuntimeClient({ region: "eu-central-1", credentials: DUMMY });
    const eu = defineClient({ name: "bedrock-eu", create: () => own });
    const { text } = await invokeClaude({ modelId: "model-a", prompt: "hi", client: eu });
    expect(text).toBe("Hola");
    expect(bedrockMock.commandCalls(InvokeModelCommand)[0]?.thisValue).toBe(own);
    expect(getClientCreations().map((creation) => creation.name)).toEqual(["bedrock-eu"]);
  });

  it("uses bedrock without the option, as before", async () => {
    await invokeClaude({ modelId: "model-a", prompt: "hi", client: undefined });
    expect(bedrockMock.commandCalls(InvokeModelCommand)[0]?.thisValue).toBe(bedrock.peek());
    expect(bedrock.peek()).toBeInstanceOf(BedrockRuntimeClient);
  });

  const invalid: [string, unknown][] = [
    ["a string", "us-west-2"],
    ["null", null],
    ["an empty object", {}],
    ["an object with send() but no middlewareStack", { send: async () => ({}) }],
    ["an array", []],
    ["a function", () => bedrock],
  ];

  describe.each(helpers)("%s refuses what is not a client", (_, Command, call) => {
    it.each(invalid)("%s: a BedrockError of kind internal, nothing sent", async (_what, value) => {
      const error = await call(value as BedrockClientOption).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(BedrockError);
      expect(error).toMatchObject({
        name: "BedrockError",
        kind: "internal",
        modelId: "model-a",
        safeMessage: "Internal Server Error",
      });
      expect((error as BedrockError).message).toMatch(
        /client option is neither a BedrockRuntimeClient nor a LazyClient/,
      );
      expect((error as BedrockError).safeMessage).not.toMatch(/client|model-a|us-west-2/);
      expect(bedrockMock.commandCalls(Command as typeof InvokeModelCommand)).toHaveLength(0);
      expect(bedrock.peek()).toBeUndefined();
    });
  });

  it("names what it got, never the value itself", async () => {
    const error = (await invokeModelJson(
      "model-a",
      {},
      {
        client: "secret-looking-value" as never,
      },
    ).catch((e: unknown) => e)) as BedrockError;
    expect(error.message).toContain("got a string");
    expect(error.message).not.toContain("secret-looking-value");
  });
});
