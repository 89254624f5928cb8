import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import {
  AwsCoreError,
  defineClient,
  getClientCreations,
  prime,
  resetAll,
  type SdkClientConfig,
} from "../src/index";
import { InvalidConfigError, missingPackage, SingletonCreationError } from "../src/internal";

beforeEach(() => {
  vi.stubEnv("AWS_REGION", "eu-west-1");
  vi.stubEnv("AWS_ACCESS_KEY_ID", "AKIDTEST");
  vi.stubEnv("AWS_SECRET_ACCESS_KEY", "secret");
});
afterEach(() => {
  vi.unstubAllEnvs();
  resetAll();
});

type DynamoSdk = typeof import("@aws-sdk/client-dynamodb");

// The real import, counted; `failures` makes the first imports fail as a missing chunk would.
function defineDynamo({ failures = 0 } = {}) {
  const steps: string[] = [];
  let attempts = 0;
  const load = vi.fn(async (): Promise<DynamoSdk> => {
    attempts += 1;
    steps.push("load");
    if (attempts <= failures) throw new Error("Cannot find module './chunk-dynamodb.mjs'");
    return import("@aws-sdk/client-dynamodb");
  });
  const create = vi.fn((config: SdkClientConfig, sdk: DynamoSdk) => {
    steps.push("create");
    return new sdk.DynamoDBClient(config);
  });
  return { steps, load, create, dynamo: defineClient({ name: "dynamodb", load, create }) };
}

describe("defineClient with load", () => {
  it("loads nothing and creates nothing until first use", () => {
    const { load, create, dynamo } = defineDynamo();
    expect(load).not.toHaveBeenCalled();
    expect(create).not.toHaveBeenCalled();
    expect(dynamo.peek()).toBeUndefined();
  });

  it("get() loads the SDK, then creates the client from it", async () => {
    const { steps, create, dynamo } = defineDynamo();
    const client = await dynamo.get();
    expect(steps).toEqual(["load", "create"]);
    expect(client).toBeInstanceOf(DynamoDBClient);
    // create got the resolved configuration and the loaded module.
    expect(create.mock.calls[0]?.[0]).toMatchObject({ region: "eu-west-1" });
    expect(create.mock.calls[0]?.[1].DynamoDBClient).toBe(DynamoDBClient);
    // Loaded: client is now a synchronous read of the same instance.
    expect(dynamo.client).toBe(client);
  });

  it("loads the module once and creates one client under concurrent first uses", async () => {
    const { load, create, dynamo } = defineDynamo();
    const clients = await Promise.all(Array.from({ length: 20 }, () => dynamo.get()));
    expect(load).toHaveBeenCalledTimes(1);
    expect(create).toHaveBeenCalledTimes(1);
    expect(new Set(clients).size).toBe(1);
    expect(clients[0]).toBeInstanceOf(DynamoDBClient);
    expect(dynamo.peek()).toBe(clients[0]);
    expect(getClientCreations().map((c) => c.name)).toEqual(["dynamodb"]);
  });

  it("sdk() gives the loaded module, loading it once, without creating the client", async () => {
    const { load, create, dynamo } = defineDynamo();
    const [first, second] = await Promise.all([dynamo.sdk(), dynamo.sdk()]);
    expect(first).toBe(second);
    // The module the client is made from is the one handlers take commands from.
    expect(first.DynamoDBClient).toBe(DynamoDBClient);
    expect(load).toHaveBeenCalledTimes(1);
    expect(create).not.toHaveBeenCalled();
    expect(dynamo.peek()).toBeUndefined();
    // Once loaded, client creates synchronously.
    expect(dynamo.client).toBeInstanceOf(DynamoDBClient);
    await dynamo.sdk();
    expect(load).toHaveBeenCalledTimes(1);
  });

  it("refuses client before its SDK is loaded, with a clear AwsCoreError", () => {
    const { load, create, dynamo } = defineDynamo();
    let error: unknown;
    try {
      void dynamo.client;
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(AwsCoreError);
    expect(error).toMatchObject({ name: "AwsCoreError", kind: "internal" });
    expect((error as Error).message).toBe(
      "The dynamodb client loads its SDK on first use: await its get() (or prime() it at init) before reading .client",
    );
    // Reading client starts no load and caches nothing.
    expect(load).not.toHaveBeenCalled();
    expect(create).not.toHaveBeenCalled();
    expect(dynamo.peek()).toBeUndefined();
  });

  it("does not cache a failed load: the next use tries again, and concurrent ones share a try", async () => {
    const { load, dynamo } = defineDynamo({ failures: 1 });
    const [first, second] = await Promise.allSettled([dynamo.get(), dynamo.get()]);
    expect(load).toHaveBeenCalledTimes(1);
    for (const result of [first, second]) {
      expect(result.status).toBe("rejected");
      const error = (result as PromiseRejectedResult).reason;
      expect(error).toBeInstanceOf(SingletonCreationError);
      expect(error).toMatchObject({ name: "SingletonCreationError", kind: "internal" });
      expect(error.message).toMatch(/^Creating "dynamodb" failed \(the next use retries\)/);
      expect(error.cause.message).toContain("chunk-dynamodb");
    }
    expect(() => dynamo.client).toThrow(/loads its SDK on first use/);

    expect(await dynamo.get()).toBeInstanceOf(DynamoDBClient);
    expect(load).toHaveBeenCalledTimes(2);
  });

  it("does not cache a failed creation either, and does not load again for it", async () => {
    const { load, create, dynamo } = defineDynamo();
    create.mockImplementationOnce(() => {
      throw new Error("bad config");
    });
    await expect(dynamo.get()).rejects.toBeInstanceOf(SingletonCreationError);
    expect(await dynamo.get()).toBeInstanceOf(DynamoDBClient);
    expect(create).toHaveBeenCalledTimes(2);
    expect(load).toHaveBeenCalledTimes(1);
  });

  it("names the package to install when an optional SDK peer is missing", async () => {
    const notFound = Object.assign(new Error("Cannot find package '@aws-sdk/client-x'"), {
      code: "ERR_MODULE_NOT_FOUND",
    });
    const x = defineClient({
      name: "x",
      load: () =>
        Promise.reject(notFound).catch(missingPackage("@aws-sdk/client-x", "The x client")),
      create: () => new DynamoDBClient({ region: "eu-west-1" }),
    });
    const error = await x.get().catch((caught: unknown) => caught);
    // Our own error passes through the load unwrapped: its message says what to do.
    expect(error).toBeInstanceOf(InvalidConfigError);
    expect((error as Error).message).toBe(
      "The x client needs @aws-sdk/client-x: install it (npm install @aws-sdk/client-x)",
    );
    expect(error).toMatchObject({ setting: "dependencies", cause: notFound });

    // Any other failure of the import is passed on as it is.
    const other = new Error("syntax error in chunk");
    expect(() => missingPackage("@aws-sdk/client-x", "The x client")(other)).toThrow(other);
  });

  it("passes the resolved configuration, with its defaults and configure() options, to create", async () => {
    const { create, dynamo } = defineDynamo();
    dynamo.configure({ maxAttempts: 5 });
    await dynamo.get();
    expect(create.mock.calls[0]?.[0]).toMatchObject({ region: "eu-west-1", maxAttempts: 5 });
    expect(() => dynamo.configure({ maxAttempts: 2 })).toThrow(InvalidConfigError);
  });

  it("returns an injected client without loading the module", async () => {
    const { load, create, dynamo } = defineDynamo();
    const mine = new DynamoDBClient({ region: "us-east-1" });
    dynamo.inject(mine);
    expect(dynamo.client).toBe(mine);
    expect(await dynamo.get()).toBe(mine);
    expect(load).not.toHaveBeenCalled();
    expect(create).not.toHaveBeenCalled();
  });

  it("runs its creation hooks once, on the created client", async () => {
    const { dynamo } = defineDynamo();
    const hook = vi.fn();
    dynamo.onCreate(hook);
    const client = await dynamo.get();
    await dynamo.get();
    expect(hook).toHaveBeenCalledTimes(1);
    expect(hook.mock.calls[0]?.[0]).toBe(client);
    expect(hook.mock.calls[0]?.[1]).toMatchObject({ name: "dynamodb" });
  });

  it("is loaded ahead by prime(), off the request path", async () => {
    const { load, dynamo } = defineDynamo();
    const [result] = await prime([dynamo], { when: "always" });
    expect(result).toMatchObject({ name: "dynamodb", primed: true });
    expect(load).toHaveBeenCalledTimes(1);
    expect(dynamo.peek()).toBeInstanceOf(DynamoDBClient);
    // Primed: client reads synchronously.
    expect(dynamo.client).toBe(dynamo.peek());
  });

  it("forgets its client on reset, keeping the loaded module", async () => {
    const { load, dynamo } = defineDynamo();
    const first = await dynamo.get();
    dynamo.reset();
    expect(dynamo.peek()).toBeUndefined();
    const second = dynamo.client;
    expect(second).not.toBe(first);
    expect(load).toHaveBeenCalledTimes(1);
  });
});
