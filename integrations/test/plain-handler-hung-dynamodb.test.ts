import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { lambdaBuildOptions } from "@org/aws-core/esbuild";
import { type LocalRunner, startLocalRunner } from "@org/local-lambda-runner";
import { build } from "esbuild";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { silentEndpoint, workspaceSources } from "./local";

// The plain-handler recipe (no withInvocation, no wrapper), built and run in the local Lambda
// runner with Lambda's default 3 s timeout, against a DynamoDB that accepts connections and
// never answers: the defaults alone must end the call inside the invocation.
const TIMEOUT_MS = 3_000;

let silent: Awaited<ReturnType<typeof silentEndpoint>>;
let runner: LocalRunner;
let requestsSeen = 0;
const outdir = mkdtempSync(join(tmpdir(), "plain-handler-"));

beforeAll(async () => {
  silent = await silentEndpoint(() => {
    requestsSeen += 1;
  });
  await build({
    ...lambdaBuildOptions(),
    entryPoints: { index: fileURLToPath(new URL("../recipes/plain-handler.ts", import.meta.url)) },
    outdir,
    plugins: [...(lambdaBuildOptions().plugins ?? []), workspaceSources],
    logLevel: "error",
  });
  runner = await startLocalRunner({
    functions: {
      plain: {
        bundleDir: outdir,
        handler: "index.handler",
        runtime: "nodejs24.x",
        timeoutMs: TIMEOUT_MS,
        env: {
          AWS_ACCESS_KEY_ID: "local",
          AWS_SECRET_ACCESS_KEY: "local",
          AWS_ENDPOINT_URL_DYNAMODB: silent.url,
        },
      },
    },
    log: false,
  });
}, 60_000);

afterAll(async () => {
  await runner?.stop();
  await silent?.close();
  rmSync(outdir, { recursive: true, force: true });
});

describe("a plain handler when DynamoDB never answers", () => {
  it("fails with the SDK's timeout inside the function's timeout, after 3 attempts, and stays warm", async () => {
    const first = await runner.invoke("plain", { table: "users", id: "1" });
    expect(first.ok).toBe(false);
    if (first.ok) return;
    // The function's own error, not Lambda's "Task timed out" (Sandbox.Timedout).
    expect(first.error.errorType).toBe("TimeoutError");
    expect(first.report.durationMs).toBeLessThan(TIMEOUT_MS);
    expect(requestsSeen).toBe(3);

    // The container was not killed: the next request runs in it, with no init.
    const second = await runner.invoke("plain", { table: "users", id: "1" });
    expect(second.ok).toBe(false);
    expect(second.report.initDurationMs).toBeUndefined();
  }, 30_000);
});
