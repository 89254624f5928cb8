import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import {
  defineClient,
  getClientCreations,
  isColdStart,
  lazyAsyncSingleton,
  lazySingleton,
  resetAll,
  withInvocation,
} from "../src/index";

beforeEach(() => {
  vi.stubEnv("AWS_REGION", "eu-west-1");
  vi.stubEnv("AWS_LAMBDA_INITIALIZATION_TYPE", undefined);
});
afterEach(() => {
  vi.unstubAllEnvs();
  resetAll();
});

// A client of any shape: the registry does not care what create returns.
const client = (name: string) => defineClient({ name, create: () => ({ name }) });
const context = { getRemainingTimeInMillis: () => 60_000 };

describe("the registry", () => {
  it("records client creations, oldest first", () => {
    void client("a").client;
    void client("b").client;
    expect(getClientCreations().map((c) => c.name)).toEqual(["a", "b"]);
    const [creation] = getClientCreations();
    expect(creation?.durationMs).toBeGreaterThanOrEqual(0);
    expect(creation?.createdAt).toBeInstanceOf(Date);
  });

  it("does not record lazySingleton or lazyAsyncSingleton values, only clients", async () => {
    lazySingleton("table-cache", () => new Map()).get();
    await lazyAsyncSingleton("secret", async () => "s3cr3t").get();
    expect(getClientCreations()).toEqual([]);

    void client("dynamodb").client;
    expect(getClientCreations().map((c) => c.name)).toEqual(["dynamodb"]);
  });

  it("does not record injected clients", () => {
    defineClient({ name: "injected", create: (config) => new DynamoDBClient(config) }).inject(
      new DynamoDBClient({ region: "eu-west-1" }),
    );
    expect(getClientCreations()).toEqual([]);
  });

  it("withInvocation marks the invocation start: creations at init and in the first invocation are cold, later ones warm", () => {
    void client("at-init").client;
    expect(isColdStart()).toBe(true);
    withInvocation(context, () => {
      expect(isColdStart()).toBe(true);
      void client("first-invocation").client;
    });
    withInvocation(context, () => {
      expect(isColdStart()).toBe(false);
      void client("second-invocation").client;
    });
    expect(isColdStart()).toBe(false);

    expect(getClientCreations().map(({ name, coldStart }) => [name, coldStart])).toEqual([
      ["at-init", true],
      ["first-invocation", true],
      ["second-invocation", false],
    ]);
  });

  it("withInvocation marks the start with a context that has no clock too", () => {
    withInvocation({} as never, () => undefined);
    expect(isColdStart()).toBe(true);
    withInvocation({} as never, () => undefined);
    expect(isColdStart()).toBe(false);
  });

  it("under provisioned concurrency, no invocation is a cold start", () => {
    vi.stubEnv("AWS_LAMBDA_INITIALIZATION_TYPE", "provisioned-concurrency");
    void client("primed-at-init").client;
    expect(isColdStart()).toBe(false);
    withInvocation(context, () => expect(isColdStart()).toBe(false));
    expect(getClientCreations()[0]).toMatchObject({ name: "primed-at-init", coldStart: false });

    vi.stubEnv("AWS_LAMBDA_INITIALIZATION_TYPE", "on-demand");
    resetAll();
    withInvocation(context, () => expect(isColdStart()).toBe(true));
  });

  it("resetAll resets every created or injected singleton and client, and the records", async () => {
    const a = lazySingleton("a", () => ({}));
    const b = lazySingleton("b", () => ({}));
    const c = lazySingleton("c", () => ({}));
    const d = lazyAsyncSingleton("d", async () => ({}));
    const e = client("e");
    a.get();
    b.inject({});
    await d.get();
    void e.client;
    withInvocation(context, () => undefined);
    withInvocation(context, () => undefined);
    expect(isColdStart()).toBe(false);

    resetAll();
    expect([a, b, c, d].map((s) => s.isCreated())).toEqual([false, false, false, false]);
    expect(e.peek()).toBeUndefined();
    expect(getClientCreations()).toEqual([]);
    expect(isColdStart()).toBe(true);
  });

  it("hands out copies of the records", () => {
    void client("a").client;
    (getClientCreations() as unknown[]).length = 0;
    expect(getClientCreations()).toHaveLength(1);
  });
});
