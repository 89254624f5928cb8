import { once } from "node:events";
import { createServer } from "node:net";
import { createTables, type DynamoLocal, startDynamoLocal } from "@org/aws-testing/local";
import type { LocalRunner } from "@org/local-lambda-runner";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ownProfileEvent, startBuiltUsersApi } from "./built-users-api";

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
  port = await freePort();
  runner = await startBuiltUsersApi(`http://127.0.0.1:${port}`, 10_000);
}, 60_000);
afterAll(async () => {
  await runner?.stop();
  await dynamo?.stop();
}, 60_000);

async function call(method: "GET" | "PUT", body?: unknown) {
  const result = await runner.invoke("users-api", ownProfileEvent(method, body));
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
