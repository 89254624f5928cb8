import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import {
  ClientAlreadyCreatedError,
  defineLoadOnUseClient,
  getSingletonCreations,
  prime,
  resetAll,
  SingletonCreationError,
} from "../src/index";

beforeEach(() => {
  vi.stubEnv("AWS_REGION", "eu-west-1");
  vi.stubEnv("AWS_ACCESS_KEY_ID", "AKIDTEST");
  vi.stubEnv("AWS_SECRET_ACCESS_KEY", "secret");
});
afterEach(() => {
  vi.unstubAllEnvs();
  resetAll();
});

// The real import, counted; `failures` makes the first imports fail as a missing chunk would.
function defineDynamo({ failures = 0 } = {}) {
  let attempts = 0;
  const load = vi.fn(async () => {
    attempts += 1;
    if (attempts <= failures) throw new Error("Cannot find module './chunk-dynamodb.mjs'");
    return import("@aws-sdk/client-dynamodb");
  });
  const create = vi.fn((sdk: typeof import("@aws-sdk/client-dynamodb"), config: object) => {
    return new sdk.DynamoDBClient(config);
  });
  return { load, create, dynamo: defineLoadOnUseClient({ name: "dynamodb", load, create }) };
}

describe("defineLoadOnUseClient", () => {
  it("loads nothing and creates nothing until first use", () => {
    const { load, create, dynamo } = defineDynamo();
    expect(load).not.toHaveBeenCalled();
    expect(create).not.toHaveBeenCalled();
    expect(dynamo.isLoaded()).toBe(false);
    expect(dynamo.isCreated()).toBe(false);
    expect(dynamo.peek()).toBeUndefined();
  });

  it("loads the module once and creates one client under concurrent first calls", async () => {
    const { load, create, dynamo } = defineDynamo();
    const clients = await Promise.all(Array.from({ length: 20 }, () => dynamo.get()));
    expect(load).toHaveBeenCalledTimes(1);
    expect(create).toHaveBeenCalledTimes(1);
    expect(new Set(clients).size).toBe(1);
    expect(clients[0]).toBeInstanceOf(DynamoDBClient);
    expect(dynamo.peek()).toBe(clients[0]);
    expect(getSingletonCreations().map((c) => c.name)).toEqual(["dynamodb"]);
    // The module the client was made from is the one handlers take commands from.
    expect((await dynamo.sdk()).DynamoDBClient).toBe(DynamoDBClient);
  });

  it("does not cache a failed load: the next use tries again, and concurrent ones share a try", async () => {
    const { load, dynamo } = defineDynamo({ failures: 1 });
    const [first, second] = await Promise.allSettled([dynamo.get(), dynamo.get()]);
    expect(load).toHaveBeenCalledTimes(1);
    for (const result of [first, second]) {
      expect(result.status).toBe("rejected");
      const error = (result as PromiseRejectedResult).reason;
      expect(error).toBeInstanceOf(SingletonCreationError);
      expect(error.message).toMatch(/^Creating "dynamodb" failed \(the next access retries\)/);
      expect(error.cause.message).toContain("chunk-dynamodb");
    }
    expect(dynamo.isLoaded()).toBe(false);

    expect(await dynamo.get()).toBeInstanceOf(DynamoDBClient);
    expect(load).toHaveBeenCalledTimes(2);
    expect(dynamo.isLoaded()).toBe(true);
  });

  it("does not cache a failed creation either", async () => {
    const { create, dynamo } = defineDynamo();
    create.mockImplementationOnce(() => {
      throw new Error("bad config");
    });
    await expect(dynamo.get()).rejects.toBeInstanceOf(SingletonCreationError);
    expect(await dynamo.get()).toBeInstanceOf(DynamoDBClient);
    expect(create).toHaveBeenCalledTimes(2);
  });

  it("passes the resolved configuration, with its defaults and configure() options, to create", async () => {
    const { create, dynamo } = defineDynamo();
    dynamo.configure({ maxAttempts: 5 });
    await dynamo.get();
    expect(create.mock.calls[0]?.[1]).toMatchObject({ region: "eu-west-1", maxAttempts: 5 });
    expect(() => dynamo.configure({ maxAttempts: 2 })).toThrow(ClientAlreadyCreatedError);
  });

  it("returns an injected client without loading the module", async () => {
    const { load, dynamo } = defineDynamo();
    const mine = new DynamoDBClient({ region: "us-east-1" });
    dynamo.inject(mine);
    expect(await dynamo.get()).toBe(mine);
    expect(load).not.toHaveBeenCalled();
  });

  it("runs its creation hooks once, on the created client", async () => {
    const { dynamo } = defineDynamo();
    const hook = vi.fn();
    dynamo.onCreate(hook);
    const client = await dynamo.get();
    await dynamo.get();
    expect(hook).toHaveBeenCalledTimes(1);
    expect(hook.mock.calls[0]?.[0]).toBe(client);
  });

  it("is loaded ahead by prime(), off the request path", async () => {
    const { load, dynamo } = defineDynamo();
    const [result] = await prime([dynamo], { when: "always" });
    expect(result).toMatchObject({ name: "dynamodb", primed: true });
    expect(load).toHaveBeenCalledTimes(1);
    expect(dynamo.isLoaded()).toBe(true);
    expect(dynamo.isCreated()).toBe(true);
  });

  it("forgets its client on reset, keeping the loaded module", async () => {
    const { load, dynamo } = defineDynamo();
    const first = await dynamo.get();
    dynamo.reset();
    const second = await dynamo.get();
    expect(second).not.toBe(first);
    expect(load).toHaveBeenCalledTimes(1);
  });
});
