import { once } from "node:events";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { DynamoDBClient, ListTablesCommand } from "@aws-sdk/client-dynamodb";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import {
  deadlineAware,
  defineClient,
  enterInvocation,
  InvalidConfigError,
  InvocationTimeoutError,
  leaveInvocation,
  resetAll,
  withInvocation,
} from "../src/index";

// A loopback endpoint that answers after `delayMs` (or never, for Infinity).
let server: Server;
let delayMs = 0;
const pending = new Set<() => void>();

beforeEach(async () => {
  delayMs = 0;
  server = createServer((_request, response) => {
    const answer = () => {
      response.setHeader("content-type", "application/x-amz-json-1.0");
      response.end(JSON.stringify({ TableNames: ["t"] }));
    };
    if (Number.isFinite(delayMs)) setTimeout(answer, delayMs);
    else pending.add(answer);
  });
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  vi.stubEnv("AWS_REGION", "eu-west-1");
  vi.stubEnv("AWS_ACCESS_KEY_ID", "AKID");
  vi.stubEnv("AWS_SECRET_ACCESS_KEY", "secret");
  vi.stubEnv(
    "AWS_ENDPOINT_URL_DYNAMODB",
    `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
  );
});
afterEach(async () => {
  vi.unstubAllEnvs();
  resetAll();
  pending.clear();
  server.closeAllConnections();
  server.close();
  await once(server, "close");
});

const dynamo = defineClient({
  name: "dynamodb",
  create: (config) =>
    new DynamoDBClient({
      ...config,
      requestHandler: { ...config.requestHandler, requestTimeout: 10_000 },
    }),
});
const context = (remainingMs: number) => ({ getRemainingTimeInMillis: () => remainingMs });

describe("calls inside an invocation end at its deadline", () => {
  it("a call that would outlive the invocation rejects with InvocationTimeoutError in time", async () => {
    delayMs = Number.POSITIVE_INFINITY;
    const startedAt = Date.now();
    const error = await withInvocation(
      context(700),
      () => dynamo.client.send(new ListTablesCommand({})),
      { marginMs: 200 },
    ).catch((caught: unknown) => caught);

    const elapsed = Date.now() - startedAt;
    expect(error).toBeInstanceOf(InvocationTimeoutError);
    expect(error).toMatchObject({
      kind: "timeout",
      clientName: "dynamodb",
      operation: "ListTables",
      safeMessage: "Gateway Timeout",
    });
    expect((error as InvocationTimeoutError).timeLeftMs).toBeGreaterThan(400);
    expect((error as Error).message).toMatch(
      /^dynamodb ListTables stopped at the invocation's deadline/,
    );
    // Stopped at the deadline (500 ms), long before the request timeout (10 s).
    expect(elapsed).toBeGreaterThanOrEqual(450);
    expect(elapsed).toBeLessThan(5_000);
  });

  it("a call that ends in time is untouched", async () => {
    delayMs = 20;
    const result = await withInvocation(context(5_000), () =>
      dynamo.client.send(new ListTablesCommand({})),
    );
    expect(result.TableNames).toEqual(["t"]);
  });

  it("a call made after the deadline fails at once, without a request", async () => {
    const error = await withInvocation(context(100), () =>
      dynamo.client.send(new ListTablesCommand({})),
    ).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(InvocationTimeoutError);
  });

  it("the caller's own abortSignal still works, and is not reported as the deadline", async () => {
    delayMs = Number.POSITIVE_INFINITY;
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 50);
    const error = await withInvocation(context(10_000), () =>
      dynamo.client.send(new ListTablesCommand({}), { abortSignal: controller.signal }),
    ).catch((caught: unknown) => caught);
    expect(error).not.toBeInstanceOf(InvocationTimeoutError);
    expect((error as Error).name).toBe("AbortError");
  });

  it("outside an invocation, calls are as the SDK makes them", async () => {
    delayMs = 20;
    await expect(dynamo.client.send(new ListTablesCommand({}))).resolves.toMatchObject({
      TableNames: ["t"],
    });
  });

  it("deadlineAware() and enterInvocation() open the same scope", async () => {
    delayMs = Number.POSITIVE_INFINITY;
    const wrapped = deadlineAware(
      async (_event: unknown) => dynamo.client.send(new ListTablesCommand({})),
      {
        marginMs: 0,
      },
    );
    await expect(wrapped({}, context(300))).rejects.toBeInstanceOf(InvocationTimeoutError);

    const entered = (async () => {
      enterInvocation(context(300), { marginMs: 0 });
      return dynamo.client.send(new ListTablesCommand({}));
    })();
    await expect(entered).rejects.toBeInstanceOf(InvocationTimeoutError);
  });

  it("runs without a deadline for a context that has no clock (a test's {})", async () => {
    delayMs = 20;
    await expect(
      withInvocation({} as never, () => dynamo.client.send(new ListTablesCommand({}))),
    ).resolves.toMatchObject({ TableNames: ["t"] });
  });

  it("leaveInvocation() ends what enterInvocation() began", async () => {
    delayMs = 20;
    await (async () => {
      enterInvocation(context(100), { marginMs: 0 });
      leaveInvocation();
      await new Promise((resolve) => setTimeout(resolve, 150));
      // Past the deadline that was entered, yet the call runs: the scope is gone.
      await expect(dynamo.client.send(new ListTablesCommand({}))).resolves.toMatchObject({
        TableNames: ["t"],
      });
    })();
  });

  it("refuses a margin that is not a number of milliseconds", () => {
    expect(() => withInvocation(context(1_000), () => 1, { marginMs: -1 })).toThrow(
      InvalidConfigError,
    );
  });
});
