import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Stack, startStack } from "../src/stack";

// Both apps end to end: HTTP -> local Lambda runner (aws-lambda-ric in child processes) ->
// the real SDK clients -> DynamoDB Local, cognito-local and the local Bedrock Runtime.
let stack: Stack;
let token = "";
const logs: string[] = [];

beforeAll(async () => {
  stack = await startStack({ log: (entry) => logs.push(entry.text) });
  token = (await stack.signInDemoUser()).accessToken;
}, 120_000);
afterAll(() => stack?.stop());

async function call(
  method: string,
  path: string,
  options: {
    body?: unknown;
    rawBody?: string | Uint8Array;
    auth?: boolean;
    contentType?: string;
  } = {},
) {
  const response = await fetch(`${stack.url}${path}`, {
    method,
    headers: {
      "content-type": options.contentType ?? "application/json",
      ...(options.auth === false ? {} : { authorization: `Bearer ${token}` }),
    },
    ...(options.rawBody !== undefined
      ? { body: options.rawBody }
      : options.body !== undefined
        ? { body: JSON.stringify(options.body) }
        : {}),
  });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : null };
}

describe("translation-api end to end", () => {
  it("GET /health", async () => {
    expect(await call("GET", "/health", { auth: false })).toEqual({
      status: 200,
      body: { status: "ok" },
    });
  });

  it("translates for the signed-in user through Bedrock and keeps the history in DynamoDB", async () => {
    const created = await call("POST", "/translations", {
      body: { text: "Hello world, my friend!", direction: "en-es" },
    });
    expect(created).toMatchObject({
      status: 201,
      body: { translation: "Hola mundo, mi amigo!", direction: "en-es" },
    });
    await call("POST", "/translations", { body: { text: "good night", direction: "en-fr" } });
    await call("POST", "/translations", { body: { text: "red house", direction: "en-de" } });

    const first = await call("GET", "/translations?limit=2");
    expect(first.status).toBe(200);
    expect(first.body.items.map((t: { translation: string }) => t.translation)).toEqual([
      "rot haus",
      "bon nuit",
    ]);
    const second = await call(
      "GET",
      `/translations?limit=2&cursor=${encodeURIComponent(first.body.cursor)}`,
    );
    expect(second.body.items.map((t: { translation: string }) => t.translation)).toEqual([
      "Hola mundo, mi amigo!",
    ]);
    expect(stack.bedrock.requests.length).toBeGreaterThanOrEqual(3);
  });

  it("answers 400 to invalid input, invalid JSON, binary bodies and tampered cursors", async () => {
    expect(
      (await call("POST", "/translations", { body: { text: "hi", direction: "en-xx" } })).status,
    ).toBe(400);
    expect(
      (
        await call("POST", "/translations", {
          body: { text: "x".repeat(1001), direction: "en-es" },
        })
      ).status,
    ).toBe(400);
    expect((await call("POST", "/translations", { rawBody: "{not json" })).status).toBe(400);
    expect(
      (
        await call("POST", "/translations", {
          rawBody: new Uint8Array([0, 255, 1]),
          contentType: "application/octet-stream",
        })
      ).status,
    ).toBe(400);
    expect((await call("GET", "/translations?cursor=v1.tampered")).status).toBe(400);
  });

  it("answers 401 without credentials or with a forged token, never calling Bedrock", async () => {
    const before = stack.bedrock.requests.length;
    expect(
      (
        await call("POST", "/translations", {
          body: { text: "hi", direction: "en-es" },
          auth: false,
        })
      ).status,
    ).toBe(401);
    const [header, payload] = token.split(".");
    expect((await call("GET", "/translations", { auth: false })).status).toBe(401);
    const forged = await fetch(`${stack.url}/translations`, {
      headers: { authorization: `Bearer ${header}.${payload}.forged` },
    });
    expect(forged.status).toBe(401);
    expect(stack.bedrock.requests.length).toBe(before);
  });

  it("answers 429 when Bedrock keeps throttling", async () => {
    stack.bedrock.model.failNext("ThrottlingException", Number.POSITIVE_INFINITY);
    try {
      expect(
        (await call("POST", "/translations", { body: { text: "hi", direction: "en-es" } })).status,
      ).toBe(429);
    } finally {
      stack.bedrock.model.reset();
    }
  });
});

describe("users-api end to end", () => {
  it("creates, reads and updates a user, with 404, 409 and 400 where due", async () => {
    const path = `/users/${stack.userId}`;
    expect((await call("GET", path)).status).toBe(404);
    expect(
      (await call("PUT", path, { body: { email: "demo@example.com", name: "Demo" } })).status,
    ).toBe(201);
    expect(
      (await call("PUT", path, { body: { email: "demo@example.com", name: "Again" } })).status,
    ).toBe(409);
    const read = await call("GET", path);
    expect(read.body).toMatchObject({ name: "Demo", version: 1 });
    const updated = await call("PUT", path, {
      body: { email: "demo@example.com", name: "Renamed", version: 1 },
    });
    expect(updated).toMatchObject({ status: 200, body: { name: "Renamed", version: 2 } });
    expect(
      (await call("PUT", path, { body: { email: "demo@example.com", name: "Stale", version: 1 } }))
        .status,
    ).toBe(409);
    expect((await call("PUT", path, { body: { email: "not-an-email", name: "X" } })).status).toBe(
      400,
    );
  });
});

describe("the runner's reports", () => {
  it("records a cold start with Init Duration for each function, then warm invocations", () => {
    const reports = stack.runner.reports();
    for (const name of ["translation-api", "users-api"]) {
      const mine = reports.filter((r) => r.functionName === name);
      expect(
        mine.some((r) => r.initDurationMs !== undefined),
        name,
      ).toBe(true);
      expect(
        mine.some((r) => r.initDurationMs === undefined),
        name,
      ).toBe(true);
    }
    expect(logs.some((line) => /REPORT RequestId: .*Init Duration: [\d.]+ ms/.test(line))).toBe(
      true,
    );
  });

  it("logged each client's creation time, as Powertools JSON lines with the request id", () => {
    const created = logs
      .filter((line) => line.includes('"client created"'))
      .map((line) => JSON.parse(line.slice(line.indexOf("{"))) as Record<string, unknown>);
    // The SDK clients the apps use, each by its name; nothing else (no cache, no verifier).
    expect(new Set(created.map((entry) => entry.client))).toEqual(
      new Set(["dynamodb", "dynamodb-document", "bedrock-runtime"]),
    );
    for (const entry of created) {
      expect(entry).toMatchObject({
        level: "INFO",
        durationMs: expect.any(Number),
        function_request_id: expect.any(String),
      });
    }
  });
});
