import { once } from "node:events";
import { existsSync } from "node:fs";
import { createServer } from "node:net";
import { fileURLToPath } from "node:url";
import { bundleEnvironment } from "@org/app-kit/bundle-environment";
import { createTables, type DynamoLocal, startDynamoLocal } from "@org/aws-testing/local";
import { type LocalRunner, startLocalRunner, toHttpApiEvent } from "@org/local-lambda-runner";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { usersApi } from "../src/api";

const dist = fileURLToPath(new URL("../dist/", import.meta.url));
const TABLE = "users";

// A port nothing listens on yet: DynamoDB is down, then comes up there.
async function freePort(): Promise<number> {
  const server = createServer().listen(0, "127.0.0.1");
  await once(server, "listening");
  const { port } = server.address() as { port: number };
  server.close();
  await once(server, "close");
  return port;
}

let port = 0;
let runner: LocalRunner;
let dynamo: DynamoLocal | undefined;

beforeAll(async () => {
  if (!existsSync(`${dist}/index.mjs`))
    throw new Error('apps/users-api/dist is missing: run "pnpm build"');
  port = await freePort();
  runner = await startLocalRunner({
    functions: {
      "users-api": {
        bundleDir: dist,
        runtime: usersApi.runtime,
        timeoutMs: 10_000,
        env: {
          AWS_ACCESS_KEY_ID: "local",
          AWS_SECRET_ACCESS_KEY: "local",
          AWS_ENDPOINT_URL_DYNAMODB: `http://127.0.0.1:${port}`,
          TABLE_NAME: TABLE,
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
  await dynamo?.stop();
}, 60_000);

const request = (method: "GET" | "PUT", body?: unknown) =>
  toHttpApiEvent({
    method,
    rawPath: "/users/me",
    rawQueryString: "",
    rawHeaders: ["host", "127.0.0.1", "content-type", "application/json"],
    body: Buffer.from(body ? JSON.stringify(body) : ""),
    sourceIp: "127.0.0.1",
    routeKey: `${method} /users/me`,
    pathParameters: undefined,
    requestId: `outage-${Date.now()}`,
    receivedAt: new Date(),
    authorizer: {
      jwt: { claims: { sub: "u-1", username: "u-1", token_use: "access" }, scopes: null },
    },
  });

async function call(method: "GET" | "PUT", body?: unknown) {
  const result = await runner.invoke("users-api", request(method, body));
  if (!result.ok) throw new Error(`${result.error.errorType}: ${result.error.errorMessage}`);
  return { ...(result.payload as { statusCode: number; body: string }), report: result.report };
}

describe("users-api while DynamoDB is down, then back", () => {
  it("answers 503 with a safe message, no internals, and recovers by itself on the same container", async () => {
    const down = await call("GET");
    expect(down.statusCode).toBe(503);
    expect(down.body).toBe(JSON.stringify({ message: "Service Unavailable" }));
    expect(down.body).not.toMatch(/ECONNREFUSED|127\.0\.0\.1|users|Dynamo/);

    dynamo = await startDynamoLocal({ port });
    await createTables(dynamo.endpoint, [{ name: TABLE, partitionKey: "PK", sortKey: "SK" }]);

    const created = await call("PUT", { email: "ada@example.com", name: "Ada" });
    expect(created.statusCode).toBe(201);
    const read = await call("GET");
    expect(read.statusCode).toBe(200);
    expect(JSON.parse(read.body)).toMatchObject({ id: "u-1", name: "Ada", version: 1 });
    // No new container: the warm one recovered once DynamoDB answered again.
    expect(read.report.containerPid).toBe(down.report.containerPid);
  }, 120_000);
});
