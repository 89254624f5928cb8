import { once } from "node:events";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { DynamoDBClient, ListTablesCommand } from "@aws-sdk/client-dynamodb";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { BUILT_IN_DEFAULTS } from "../src/config/resolve-client-config";
import { AwsCoreError, defineClient, resetAll, withInvocation } from "../src/index";
import { InvalidConfigError } from "../src/internal";
import { enterInvocation, leaveInvocation } from "../src/invocation/invocation-scope";

// A DynamoDB endpoint on loopback. `hung`: it accepts each request and never answers (a
// service that hangs); otherwise it answers ListTables at once. It counts the requests it got.
let server: Server;
let endpoint: string;
let hung = true;
let requests = 0;

beforeAll(async () => {
  server = createServer((_request, response) => {
    requests += 1;
    if (hung) return;
    response.setHeader("content-type", "application/x-amz-json-1.0");
    response.end(JSON.stringify({ TableNames: ["t"] }));
  });
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  server.close();
  await once(server, "close");
});

beforeEach(() => {
  hung = true;
  requests = 0;
  vi.stubEnv("AWS_REGION", "eu-west-1");
  vi.stubEnv("AWS_ACCESS_KEY_ID", "AKID");
  vi.stubEnv("AWS_SECRET_ACCESS_KEY", "secret");
  vi.stubEnv("AWS_SESSION_TOKEN", undefined);
  vi.stubEnv("AWS_ENDPOINT_URL_DYNAMODB", endpoint);
  // The built-in defaults: 3 attempts (not DynamoDB's 4), standard retries.
  vi.stubEnv("AWS_MAX_ATTEMPTS", undefined);
  vi.stubEnv("AWS_RETRY_MODE", undefined);
});
afterEach(() => {
  vi.unstubAllEnvs();
  resetAll();
  // Drop the requests still hanging, so no test sees another's.
  server.closeAllConnections();
});

const defineDynamo = () =>
  defineClient({ name: "dynamodb", create: (config) => new DynamoDBClient(config) });
const context = (remainingMs: number) => ({ getRemainingTimeInMillis: () => remainingMs });
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const listTables = (client: DynamoDBClient) => client.send(new ListTablesCommand({}));

// 1 500 ms left, 500 kept back: calls end 1 000 ms after the invocation starts.
const REMAINING_MS = 1_500;
const MARGIN_MS = 500;
const DEADLINE_MS = REMAINING_MS - MARGIN_MS;
// Far longer than the deadline: the only bound of a call inside the invocation is the deadline.
const LONG_REQUEST_TIMEOUT = 10_000;

/** Runs a call inside an invocation; resolves with what it rejected with, and when. */
async function callInInvocation(client: DynamoDBClient) {
  const startedAt = Date.now();
  const error = await withInvocation(context(REMAINING_MS), () => listTables(client), {
    marginMs: MARGIN_MS,
  }).then(
    () => expect.unreachable("the call to a hung service resolved"),
    (caught: unknown) => caught,
  );
  return { error, elapsedMs: Date.now() - startedAt };
}

function expectDeadlineError(error: unknown) {
  expect(error).toBeInstanceOf(AwsCoreError);
  expect(error).toMatchObject({
    name: "InvocationTimeoutError",
    kind: "timeout",
    safeMessage: "Gateway Timeout",
  });
  const message = (error as Error).message;
  expect(message).toMatch(
    /^dynamodb ListTables stopped at the invocation's deadline \(it started with \d+ ms left\)$/,
  );
  // It started with about DEADLINE_MS left.
  expect(Number(/with (\d+) ms left/.exec(message)?.[1])).toBeGreaterThan(DEADLINE_MS / 2);
}

describe("inside withInvocation, calls end at the invocation's deadline", () => {
  it("a call to a hung service rejects with a timeout AwsCoreError at the deadline", async () => {
    const dynamo = defineDynamo();
    dynamo.configure({ requestTimeout: LONG_REQUEST_TIMEOUT });

    const { error, elapsedMs } = await callInInvocation(dynamo.client);
    expectDeadlineError(error);
    // Not before the deadline, and not at the request timeout: at the deadline.
    expect(elapsedMs).toBeGreaterThanOrEqual(DEADLINE_MS - 50);
    expect(elapsedMs).toBeLessThan(LONG_REQUEST_TIMEOUT);
    expect(requests).toBe(1);
  });

  it("an injected client gets the same deadline", async () => {
    const dynamo = defineDynamo();
    const mine = new DynamoDBClient({
      region: "eu-west-1",
      endpoint,
      credentials: { accessKeyId: "AKID", secretAccessKey: "secret" },
      requestHandler: { requestTimeout: LONG_REQUEST_TIMEOUT },
    });
    dynamo.inject(mine);
    expect(mine.middlewareStack.identify()).toContainEqual(
      expect.stringContaining("awsCoreInvocationDeadline"),
    );

    const { error, elapsedMs } = await callInInvocation(mine);
    expectDeadlineError(error);
    expect(elapsedMs).toBeGreaterThanOrEqual(DEADLINE_MS - 50);
    expect(elapsedMs).toBeLessThan(LONG_REQUEST_TIMEOUT);
  });

  it("a created client carries the deadline middleware, once, after hooks and resets", () => {
    const dynamo = defineDynamo();
    const names = () =>
      dynamo.client.middlewareStack.identify().filter((m) => m.includes("awsCore"));
    expect(names()).toHaveLength(2);
    dynamo.reset();
    expect(names()).toHaveLength(2);
  });

  it("no attempt starts after the deadline: the retry the SDK would make is refused", {
    timeout: 15_000,
  }, async () => {
    const requestTimeout = 2_000;
    // Past the deadline (1 000 ms), this attempt times out at 2 000 ms, when the SDK would
    // retry it (as it does outside an invocation, see below).
    const dynamo = defineDynamo();
    dynamo.configure({ requestTimeout });

    const { error } = await callInInvocation(dynamo.client);
    expectDeadlineError(error);
    expect(requests).toBe(1);

    // Wait past the first attempt's own timeout and the SDK's backoff before a retry.
    await sleep(requestTimeout + 1_000);
    expect(requests).toBe(1);
  });

  it("a call made after the deadline fails at once, without a request", async () => {
    const dynamo = defineDynamo();
    const error = await withInvocation(context(100), () => listTables(dynamo.client)).catch(
      (caught: unknown) => caught,
    );
    expect(error).toMatchObject({ name: "InvocationTimeoutError", kind: "timeout" });
    expect((error as Error).message).toMatch(/it started with 0 ms left/);
    expect(requests).toBe(0);
  });

  it("a call that ends in time is untouched", async () => {
    hung = false;
    const dynamo = defineDynamo();
    const result = await withInvocation(context(5_000), () => listTables(dynamo.client));
    expect(result.TableNames).toEqual(["t"]);
  });

  it("the caller's own abortSignal still works, and is not reported as the deadline", async () => {
    const dynamo = defineDynamo();
    dynamo.configure({ requestTimeout: LONG_REQUEST_TIMEOUT });
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 50);
    const error = await withInvocation(context(10_000), () =>
      dynamo.client.send(new ListTablesCommand({}), { abortSignal: controller.signal }),
    ).catch((caught: unknown) => caught);
    expect((error as Error).name).toBe("AbortError");
    expect(error).not.toBeInstanceOf(AwsCoreError);
  });

  it("runs without a deadline for a context that has no clock (a test's {})", async () => {
    hung = false;
    const dynamo = defineDynamo();
    await expect(
      withInvocation({} as never, () => listTables(dynamo.client)),
    ).resolves.toMatchObject({ TableNames: ["t"] });
  });

  it("enterInvocation() opens the same scope, and leaveInvocation() ends it (Middy)", async () => {
    const dynamo = defineDynamo();
    dynamo.configure({ requestTimeout: LONG_REQUEST_TIMEOUT });
    const entered = (async () => {
      enterInvocation(context(300), { marginMs: 0 });
      return listTables(dynamo.client);
    })();
    await expect(entered).rejects.toMatchObject({ name: "InvocationTimeoutError" });

    hung = false;
    await (async () => {
      enterInvocation(context(100), { marginMs: 0 });
      leaveInvocation();
      await sleep(150);
      // Past the deadline that was entered, yet the call runs: the scope is gone.
      await expect(listTables(dynamo.client)).resolves.toMatchObject({ TableNames: ["t"] });
    })();
  });

  it("refuses a margin that is not a number of milliseconds", () => {
    for (const marginMs of [-1, Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(() => withInvocation(context(1_000), () => 1, { marginMs })).toThrow(
        expect.objectContaining({ name: "InvalidConfigError", setting: "marginMs" }),
      );
    }
    expect(() => withInvocation(context(1_000), () => 1, { marginMs: -1 })).toThrow(
      InvalidConfigError,
    );
  });
});

describe("outside an invocation", () => {
  it("a call that ends in time is as the SDK makes it", async () => {
    hung = false;
    await expect(listTables(defineDynamo().client)).resolves.toMatchObject({
      TableNames: ["t"],
    });
  });

  it("the built-in timeouts end a call to a hung service: 3 attempts, then the SDK's TimeoutError", {
    timeout: 15_000,
  }, async () => {
    const startedAt = Date.now();
    const error = await listTables(defineDynamo().client).then(
      () => expect.unreachable("the call to a hung service resolved"),
      (caught: unknown) => caught,
    );
    expect(error).toMatchObject({ name: "TimeoutError" });
    expect(error).not.toBeInstanceOf(AwsCoreError);
    expect((error as Error).message).toContain(
      `exceeded the configured ${BUILT_IN_DEFAULTS.requestTimeout} ms requestTimeout`,
    );
    expect(requests).toBe(3);
    // A sanity bound only (the call ended; it did not hang): no timing is asserted.
    expect(Date.now() - startedAt).toBeLessThan(10_000);
  });
});
