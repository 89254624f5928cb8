import { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import { AwsCoreError, resetAll } from "@org/aws-core";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";

// aws.documentClient before @org/aws-dynamo has loaded: each test imports a fresh copy of
// the facade (and of @org/aws-dynamo), whose view has not loaded yet.
async function fresh() {
  vi.resetModules();
  const [{ aws }, dynamoPackage] = await Promise.all([
    import("../src/index"),
    import("@org/aws-dynamo"),
  ]);
  return { view: aws.documentClient, ...dynamoPackage };
}

beforeEach(() => {
  vi.stubEnv("AWS_REGION", "eu-west-1");
  vi.stubEnv("AWS_ACCESS_KEY_ID", "AKIDTEST");
  vi.stubEnv("AWS_SECRET_ACCESS_KEY", "secret");
});
afterEach(() => {
  vi.unstubAllEnvs();
  resetAll();
});

describe("aws.documentClient before its load", () => {
  it("client throws an AwsCoreError saying to await get(); peek() is undefined", async () => {
    const { view, documentClient } = await fresh();
    expect(() => view.client).toThrow(AwsCoreError);
    expect(() => view.client).toThrow(/dynamodb-document.*await its get\(\)/);
    expect(view.peek()).toBeUndefined();
    view.reset(); // nothing to forget
    const db = await view.get();
    expect(view.client).toBe(db);
    expect(db).toBe(documentClient.client);
  });

  it("configure() and onCreate() are applied when it loads, before the client is created", async () => {
    const { view, documentClient, dynamo } = await fresh();
    const seen: unknown[] = [];
    view.configure({ maxAttempts: 7 });
    view.onCreate((client, creation) => {
      seen.push(client, creation.name);
    });
    const db = await view.get();
    expect(seen).toEqual([db, "dynamodb-document"]);
    expect(db).toBe(documentClient.client);
    expect(await dynamo.client.config.maxAttempts()).toBe(7);
  });

  it("sdk() loads it too: client works after it", async () => {
    const { view, documentClient } = await fresh();
    const { GetCommand } = await view.sdk();
    expect(typeof GetCommand).toBe("function");
    expect(view.client).toBe(documentClient.client);
  });

  it("inject() is applied when it loads; reset() before the load forgets it", async () => {
    const { view, dynamo, documentClient } = await fresh();
    const mine = DynamoDBDocumentClient.from(dynamo.client);
    view.inject(mine);
    expect(await view.get()).toBe(mine);
    expect(documentClient.client).toBe(mine);

    const again = await fresh();
    again.view.inject(DynamoDBDocumentClient.from(again.dynamo.client));
    again.view.reset();
    const created = await again.view.get();
    expect(created).toBe(again.documentClient.client);
    expect(again.documentClient.peek()).toBe(created);
  });

  it("inject() refuses what is not an SDK client at once", async () => {
    const { view } = await fresh();
    expect(() => view.inject({ send() {} } as never)).toThrow(/Not an AWS SDK v3 client/);
  });

  it("resetAll() forgets the calls made before the load, but not the hooks", async () => {
    const { view, dynamo } = await fresh();
    const hook = vi.fn();
    view.configure({ maxAttempts: 9 });
    view.onCreate(hook);
    resetAll();
    await view.get();
    expect(await dynamo.client.config.maxAttempts()).not.toBe(9);
    expect(hook).toHaveBeenCalledOnce();
  });

  it("a hook removed before the load is never called; one removed after stops being called", async () => {
    const { view } = await fresh();
    const removedEarly = vi.fn();
    const removedLater = vi.fn();
    view.onCreate(removedEarly)();
    const removeLater = view.onCreate(removedLater);
    await view.get();
    expect(removedEarly).not.toHaveBeenCalled();
    expect(removedLater).toHaveBeenCalledOnce();
    removeLater();
    view.reset();
    await view.get();
    expect(removedLater).toHaveBeenCalledOnce();
  });

  it("a configure() the client can no longer take is thrown by the first use", async () => {
    // @org/aws-dynamo's client was created directly, before the view loaded.
    const { view, documentClient } = await fresh();
    void documentClient.client;
    view.configure({ maxAttempts: 4 });
    await expect(view.get()).rejects.toThrow(/already created/);
    // Reported once: the client is there for the next use.
    expect(await view.get()).toBe(documentClient.client);
  });
});
