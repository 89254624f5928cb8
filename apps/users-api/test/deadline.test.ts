import { once } from "node:events";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { LocalRunner } from "@org/local-lambda-runner";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ownProfileEvent, startBuiltUsersApi } from "./built-users-api";

// Shorter than core's own bound on a hung call (3 attempts of 700 ms, within 2.4 s): with
// Lambda's default 3 s those end the call first (a 503, see the integrations' plain-handler
// test); here the invocation's deadline (1.5 s less its 500 ms margin) must end it.
const TIMEOUT_MS = 1_500;

// DynamoDB that accepts connections and never answers: the function must answer before its
// timeout, and keep its container.
let silent: Server;
let runner: LocalRunner;

beforeAll(async () => {
  silent = createServer(() => {});
  silent.listen(0, "127.0.0.1");
  await once(silent, "listening");
  const { port } = silent.address() as AddressInfo;
  runner = await startBuiltUsersApi(`http://127.0.0.1:${port}`, TIMEOUT_MS);
}, 60_000);
afterAll(async () => {
  await runner?.stop();
  silent?.closeAllConnections();
  silent?.close();
});

describe("users-api when DynamoDB never answers", () => {
  it("answers 504 with a safe message before the function's timeout, and stays warm", async () => {
    const first = await runner.invoke("users-api", ownProfileEvent("GET"));
    if (!first.ok) throw new Error(`${first.error.errorType}: ${first.error.errorMessage}`);
    expect(first.payload).toMatchObject({
      statusCode: 504,
      body: JSON.stringify({ message: "Gateway Timeout" }),
    });
    expect(first.report.durationMs).toBeLessThan(TIMEOUT_MS);

    // The same container answers the next request: nothing was killed.
    const second = await runner.invoke("users-api", ownProfileEvent("GET"));
    expect(second.ok && second.payload).toMatchObject({ statusCode: 504 });
    expect(second.report.initDurationMs).toBeUndefined();
  }, 30_000);
});
