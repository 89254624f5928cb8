import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import {
  type ClientCreation,
  defineClient,
  getClientCreations,
  onCreate,
  resetAll,
  withInvocation,
} from "../src/index";
import { SingletonCreationError } from "../src/internal";

beforeEach(() => {
  vi.stubEnv("AWS_REGION", "eu-west-1");
});
const removers: (() => void)[] = [];
afterEach(() => {
  for (const remove of removers.splice(0)) remove();
  vi.unstubAllEnvs();
  resetAll();
});

const defineDynamo = (name = "dynamodb") =>
  defineClient({ name, create: (config) => new DynamoDBClient({ ...config, maxAttempts: 7 }) });
const context = { getRemainingTimeInMillis: () => 60_000 };

describe("creation hooks", () => {
  it("run once, right after creation, with the configured client, own hooks first", async () => {
    const dynamo = defineDynamo();
    const seen: string[] = [];
    removers.push(
      onCreate((client, { name }) => {
        seen.push(`all:${name}:${client instanceof DynamoDBClient}`);
      }),
    );
    dynamo.onCreate((client, { name }) => {
      seen.push(`own:${name}:${client instanceof DynamoDBClient}`);
    });
    expect(seen).toEqual([]);

    const client = dynamo.client;
    await dynamo.get();
    expect(seen).toEqual(["own:dynamodb:true", "all:dynamodb:true"]);
    // The shared configuration is kept: the client was built by the definition as usual.
    expect(await client.config.maxAttempts()).toBe(7);
  });

  it("get the creation: name, time, duration and cold start, as the registry records it", () => {
    const creations: ClientCreation[] = [];
    removers.push(onCreate((_, creation) => void creations.push(creation)));
    const before = Date.now();
    void defineDynamo("at-init").client;
    withInvocation(context, () => defineDynamo("first-invocation").client);
    withInvocation(context, () => defineDynamo("second-invocation").client);

    expect(creations.map(({ name, coldStart }) => [name, coldStart])).toEqual([
      ["at-init", true],
      ["first-invocation", true],
      ["second-invocation", false],
    ]);
    for (const creation of creations) {
      expect(creation.durationMs).toBeGreaterThanOrEqual(0);
      expect(creation.createdAt).toBeInstanceOf(Date);
      expect(creation.createdAt.getTime()).toBeGreaterThanOrEqual(before);
    }
    // The same records as getClientCreations().
    expect(getClientCreations()).toEqual(creations);
  });

  it("may put a wrapped client in place of the created one", () => {
    const dynamo = defineDynamo();
    const wrapped = new DynamoDBClient({ region: "eu-west-1" });
    dynamo.onCreate(() => wrapped);
    expect(dynamo.client).toBe(wrapped);
  });

  it("a client's own hook stops when removed", () => {
    const dynamo = defineDynamo();
    const hook = vi.fn();
    const remove = dynamo.onCreate(hook);
    void dynamo.client;
    remove();
    dynamo.reset();
    void dynamo.client;
    expect(hook).toHaveBeenCalledTimes(1);
  });

  it("instrument every client of every package through onCreate, until removed", () => {
    const middlewareName = "test-instrumentation";
    const remove = onCreate((client) => {
      (client as DynamoDBClient).middlewareStack.add((next) => next, {
        step: "initialize",
        name: middlewareName,
      });
    });
    removers.push(remove);
    const instrumented = defineDynamo("one").client;
    remove();
    const plain = defineDynamo("two").client;
    expect(instrumented.middlewareStack.identify()).toContainEqual(
      expect.stringContaining(middlewareName),
    );
    expect(plain.middlewareStack.identify()).not.toContainEqual(
      expect.stringContaining(middlewareName),
    );
  });

  it("run once per middleware stack for clients that share one, so a named middleware is added once", () => {
    const base = defineDynamo("base");
    // A client built on another's stack, as a DocumentClient on its DynamoDBClient.
    const sharing = defineClient({
      name: "sharing",
      create: () => {
        const client = new DynamoDBClient({ region: "eu-west-1" });
        (client as { middlewareStack: unknown }).middlewareStack = base.client.middlewareStack;
        return client;
      },
    });
    removers.push(
      onCreate((client) => {
        (client as DynamoDBClient).middlewareStack.add((next) => next, {
          step: "initialize",
          name: "named-instrumentation",
        });
      }),
    );
    const stack = sharing.client.middlewareStack;
    expect(base.peek()).toBeDefined();
    expect(stack.identify().filter((m) => m.includes("named-instrumentation"))).toHaveLength(1);
  });

  it("fail the creation when a hook throws, and the next access tries again", () => {
    const dynamo = defineDynamo();
    let calls = 0;
    dynamo.onCreate(() => {
      calls += 1;
      if (calls <= 2) throw new Error("tracer not ready");
    });
    expect(() => dynamo.client).toThrow(SingletonCreationError);
    expect(() => dynamo.client).toThrow(/^Creating "dynamodb" failed .*tracer not ready/);
    expect(dynamo.peek()).toBeUndefined();
    expect(getClientCreations()).toEqual([]);
    expect(dynamo.client).toBeInstanceOf(DynamoDBClient);
    // Only the creation that finished is recorded.
    expect(getClientCreations().map((c) => c.name)).toEqual(["dynamodb"]);
  });

  it("leave injected clients alone", async () => {
    const dynamo = defineDynamo();
    const hook = vi.fn();
    dynamo.onCreate(hook);
    removers.push(onCreate(hook));
    dynamo.inject(new DynamoDBClient({ region: "eu-west-1" }));
    await dynamo.get();
    expect(hook).not.toHaveBeenCalled();
  });

  it("stay registered through resetAll()", () => {
    const hook = vi.fn();
    removers.push(onCreate(hook));
    resetAll();
    void defineDynamo().client;
    expect(hook).toHaveBeenCalledOnce();
  });
});
