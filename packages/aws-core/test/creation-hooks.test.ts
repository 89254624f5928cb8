import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { defineClient, onClientCreate, resetAll, SingletonCreationError } from "../src/index";

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

describe("creation hooks", () => {
  it("run once, right after creation, with the configured client, own hooks first", async () => {
    const dynamo = defineDynamo();
    const seen: string[] = [];
    removers.push(
      onClientCreate((client, { name }) => {
        seen.push(`all:${name}:${client instanceof DynamoDBClient}`);
      }),
    );
    dynamo.onCreate(() => {
      seen.push("own");
    });
    expect(seen).toEqual([]);

    const client = dynamo.client;
    dynamo.get();
    expect(seen).toEqual(["own", "all:dynamodb:true"]);
    // The shared configuration is kept: the client was built by the definition as usual.
    expect(await client.config.maxAttempts()).toBe(7);
  });

  it("may put a wrapped client in place of the created one", () => {
    const dynamo = defineDynamo();
    const wrapped = new DynamoDBClient({ region: "eu-west-1" });
    dynamo.onCreate(() => wrapped);
    expect(dynamo.client).toBe(wrapped);
  });

  it("instrument every client of every package through onClientCreate, until removed", () => {
    const middlewareName = "test-instrumentation";
    const remove = onClientCreate((client) => {
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
      onClientCreate((client) => {
        (client as DynamoDBClient).middlewareStack.add((next) => next, {
          step: "initialize",
          name: "named-instrumentation",
        });
      }),
    );
    const stack = sharing.client.middlewareStack;
    expect(base.isCreated()).toBe(true);
    expect(stack.identify().filter((m) => m.includes("named-instrumentation"))).toHaveLength(1);
  });

  it("fail the creation when a hook throws, and the next access tries again", () => {
    const dynamo = defineDynamo();
    let calls = 0;
    dynamo.onCreate(() => {
      calls += 1;
      if (calls === 1) throw new Error("tracer not ready");
    });
    expect(() => dynamo.client).toThrow(SingletonCreationError);
    expect(dynamo.isCreated()).toBe(false);
    expect(dynamo.client).toBeInstanceOf(DynamoDBClient);
  });

  it("leave injected clients alone", () => {
    const dynamo = defineDynamo();
    const hook = vi.fn();
    dynamo.onCreate(hook);
    removers.push(onClientCreate(hook));
    dynamo.inject(new DynamoDBClient({ region: "eu-west-1" }));
    dynamo.get();
    expect(hook).not.toHaveBeenCalled();
  });
});
