import { once } from "node:events";
import { existsSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { fileURLToPath } from "node:url";
import { bundleEnvironment } from "@org/app-kit/bundle-environment";
import { type LocalRunner, startLocalRunner, toHttpApiEvent } from "@org/local-lambda-runner";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { usersApi } from "../src/api";

const dist = fileURLToPath(new URL("../dist/", import.meta.url));
const TIMEOUT_MS = 3_000;

// DynamoDB that accepts connections and never answers: the function must answer before its
// timeout, and keep its container.
let silent: Server;
let runner: LocalRunner;

beforeAll(async () => {
  if (!existsSync(`${dist}/index.mjs`))
    throw new Error('apps/users-api/dist is missing: run "pnpm build"');
  silent = createServer(() => {});
  silent.listen(0, "127.0.0.1");
  await once(silent, "listening");
  runner = await startLocalRunner({
    functions: {
      "users-api": {
        bundleDir: dist,
        runtime: usersApi.runtime,
        timeoutMs: TIMEOUT_MS,
        env: {
          AWS_ACCESS_KEY_ID: "local",
          AWS_SECRET_ACCESS_KEY: "local",
          AWS_ENDPOINT_URL_DYNAMODB: `http://127.0.0.1:${(silent.address() as AddressInfo).port}`,
          TABLE_NAME: "users",
          POWERTOOLS_LOG_LEVEL: "SILENT",
          ...bundleEnvironment(dist),
        },
      },
    },
    log: false,
  });
}, 60_000);
afterAll(async () => {
  await runner?.stop();
  silent?.closeAllConnections();
  silent?.close();
});

const getOwnProfile = () =>
  toHttpApiEvent({
    method: "GET",
    rawPath: "/users/me",
    rawQueryString: "",
    rawHeaders: ["host", "127.0.0.1"],
    body: Buffer.alloc(0),
    sourceIp: "127.0.0.1",
    routeKey: "GET /users/me",
    pathParameters: undefined,
    requestId: `deadline-${Date.now()}`,
    receivedAt: new Date(),
    authorizer: {
      jwt: { claims: { sub: "u-1", username: "u-1", token_use: "access" }, scopes: null },
    },
  });

describe("users-api when DynamoDB never answers", () => {
  it("answers 504 with a safe message before the function's timeout, and stays warm", async () => {
    const first = await runner.invoke("users-api", getOwnProfile());
    if (!first.ok) throw new Error(`${first.error.errorType}: ${first.error.errorMessage}`);
    expect(first.payload).toMatchObject({
      statusCode: 504,
      body: JSON.stringify({ message: "Gateway Timeout" }),
    });
    expect(first.report.durationMs).toBeLessThan(TIMEOUT_MS);

    // The same container answers the next request: nothing was killed.
    const second = await runner.invoke("users-api", getOwnProfile());
    expect(second.ok && second.payload).toMatchObject({ statusCode: 504 });
    expect(second.report.initDurationMs).toBeUndefined();
  }, 30_000);
});
