import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  type LocalRunner,
  LocalRunnerConfigError,
  type LogEntry,
  RequestTooLargeError,
  RunnerStoppedError,
  startLocalRunner,
  UnknownFunctionError,
} from "../src/index";
import { HANDLERS_DIR, isAlive, waitUntilGone } from "./helpers";

// Every test goes through the real aws-lambda-ric, one process per container.
const fn = (handler: string, extra: Record<string, unknown> = {}) => ({
  bundleDir: HANDLERS_DIR,
  handler,
  ...extra,
});

let runner: LocalRunner;
const scratch = mkdtempSync(join(tmpdir(), "local-runner-"));
const initFailureMarker = join(scratch, "fail-next-init");
const lines: LogEntry[] = [];
const saved = {
  NODE_OPTIONS: process.env.NODE_OPTIONS,
  NODE_EXTRA_CA_CERTS: process.env.NODE_EXTRA_CA_CERTS,
};

beforeAll(async () => {
  // The containers must not inherit these from the developer's shell.
  process.env.NODE_OPTIONS = "--no-deprecation";
  process.env.NODE_EXTRA_CA_CERTS = "/nonexistent/ca.pem";
  runner = await startLocalRunner({
    functions: {
      echo: fn("index.echo", { env: { GREETING: "hello" }, memoryMb: 256 }),
      "echo-22": fn("index.echo", { runtime: "nodejs22.x" }),
      "echo-wrapped": fn("index.echo", {
        env: { AWS_LAMBDA_EXEC_WRAPPER: "/var/task/wrapper.sh" },
      }),
      "http-echo": fn("index.http"),
      worker: fn("index.work"),
      slow: fn("index.work", { timeoutMs: 1_000 }),
      "slow-http": fn("index.httpWork", { timeoutMs: 1_000 }),
      reserved: fn("index.work", { reservedConcurrency: 1 }),
      crashy: fn("index.work"),
      failing: fn("index.fail"),
      text: fn("index.text"),
      binary: fn("index.binary"),
      broken: fn("index.missing"),
      "init-fails-once": fn("init-fails-once.handler", {
        env: { INIT_FAILURE_MARKER: initFailureMarker },
      }),
    },
    routes: [
      { method: "GET", path: "/users/{id}", function: "http-echo" },
      { method: "ANY", path: "/echo", function: "http-echo" },
      { method: "GET", path: "/files/{proxy+}", function: "http-echo" },
      { method: "GET", path: "/health", function: "text" },
      { method: "GET", path: "/image", function: "binary" },
      { method: "POST", path: "/fail", function: "failing" },
      { method: "POST", path: "/reserved", function: "reserved" },
      { method: "POST", path: "/slow", function: "slow-http" },
      { method: "GET", path: "/init-fails-once", function: "init-fails-once" },
    ],
    log: (entry) => lines.push(entry),
  });
});

afterAll(async () => {
  await runner?.stop();
  rmSync(scratch, { recursive: true, force: true });
  for (const [name, value] of Object.entries(saved)) {
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  }
});

const platformLines = (requestId: string) =>
  lines.filter((l) => l.source === "platform" && l.text.includes(requestId)).map((l) => l.text);

describe("invoke", () => {
  it("starts a cold container, then reuses it warm", async () => {
    const cold = await runner.invoke("echo", { n: 1 });
    const warm = await runner.invoke("echo", { n: 2 });
    if (!cold.ok || !warm.ok) throw new Error("echo failed");

    expect(cold.report).toMatchObject({ functionName: "echo", coldStart: true, status: "success" });
    expect(cold.report.initDurationMs).toBeGreaterThan(0);
    expect(warm.report.coldStart).toBe(false);
    expect(warm.report).not.toHaveProperty("initDurationMs");
    expect(warm.report.containerPid).toBe(cold.report.containerPid);
    expect((warm.payload as { pid: number }).pid).toBe(cold.report.containerPid);
    expect(runner.containerPids("echo")).toEqual([cold.report.containerPid]);
    expect(cold.report.maxMemoryUsedMb).toBeGreaterThan(10);
    expect(cold.report.billedDurationMs).toBe(Math.ceil(cold.report.durationMs));
  });

  it("gives the handler Lambda's context and environment, and nothing of this process's", async () => {
    const result = await runner.invoke("echo", { hello: "world" });
    if (!result.ok) throw new Error(result.error.errorMessage);
    const payload = result.payload as {
      event: unknown;
      requestId: string;
      functionName: string;
      memoryLimitInMB: string;
      invokedFunctionArn: string;
      remainingMs: number;
      nodeVersion: string;
      env: Record<string, string | undefined>;
      execArgv: string[];
    };
    expect(payload.event).toEqual({ hello: "world" });
    // Lambda's newest Node.js runtime, unless the function says otherwise.
    expect(payload.nodeVersion).toMatch(/^v24\./);
    expect(payload.requestId).toBe(result.requestId);
    expect(payload.functionName).toBe("echo");
    expect(payload.memoryLimitInMB).toBe("256");
    expect(payload.invokedFunctionArn).toBe("arn:aws:lambda:us-east-1:000000000000:function:echo");
    expect(payload.remainingMs).toBeGreaterThan(2_000);
    expect(payload.env).toMatchObject({
      AWS_REGION: "us-east-1",
      AWS_EXECUTION_ENV: "AWS_Lambda_nodejs24.x",
      AWS_LAMBDA_FUNCTION_NAME: "echo",
      AWS_LAMBDA_FUNCTION_MEMORY_SIZE: "256",
      LAMBDA_TASK_ROOT: HANDLERS_DIR,
      _HANDLER: "index.echo",
      GREETING: "hello",
    });
    expect(payload.env._X_AMZN_TRACE_ID).toMatch(/^Root=1-[0-9a-f]{8}-[0-9a-f]{24};Parent=/);
    expect(payload.env.NODE_OPTIONS).toBeUndefined();
    expect(payload.env.NODE_EXTRA_CA_CERTS).toBeUndefined();
    // The flags of Lambda's Node.js bootstrap, heap limits from the memory size.
    expect(payload.execArgv).toEqual([
      "--expose-gc",
      "--max-http-header-size=81920",
      "--max-semi-space-size=12",
      "--max-old-space-size=231",
    ]);
  });

  it("starts the runtime through AWS_LAMBDA_EXEC_WRAPPER, a /var/task path from the bundle", async () => {
    const result = await runner.invoke("echo-wrapped", {});
    if (!result.ok) throw new Error(result.error.errorMessage);
    const payload = result.payload as { execArgv: string[]; env: Record<string, string> };
    // node, its four flags, the runtime client and the handler.
    expect(payload.env.WRAPPED_BY).toBe("wrapper.sh with 7 arguments");
    expect(payload.execArgv).toContain("--expose-gc");
  });

  it("runs a function on the Node.js of its runtime", async () => {
    const result = await runner.invoke("echo-22", {});
    if (!result.ok) throw new Error(result.error.errorMessage);
    const payload = result.payload as { nodeVersion: string; env: Record<string, string> };
    expect(payload.nodeVersion).toMatch(/^v22\./);
    expect(payload.env.AWS_EXECUTION_ENV).toBe("AWS_Lambda_nodejs22.x");
  });

  it("refuses a runtime it cannot run", async () => {
    await expect(
      startLocalRunner({
        functions: { old: fn("index.echo", { runtime: "nodejs20.x" }) },
        log: false,
      }),
    ).rejects.toThrow(LocalRunnerConfigError);
  });

  it("writes START, END and REPORT lines like Lambda, with the handler's output between", async () => {
    const [cold, warm] = runner.reports().filter((r) => r.functionName === "echo");
    if (!cold || !warm) throw new Error("no echo reports");
    const coldLines = platformLines(cold.requestId);
    expect(coldLines[0]).toBe(`START RequestId: ${cold.requestId} Version: $LATEST`);
    expect(coldLines[1]).toBe(`END RequestId: ${cold.requestId}`);
    expect(coldLines[2]).toMatch(
      new RegExp(
        `^REPORT RequestId: ${cold.requestId}\\tDuration: \\d+\\.\\d{2} ms\\tBilled Duration: \\d+ ms\\tMemory Size: 256 MB\\tMax Memory Used: \\d+ MB\\tInit Duration: \\d+\\.\\d{2} ms$`,
      ),
    );
    expect(platformLines(warm.requestId)[2]).toMatch(/Max Memory Used: \d+ MB$/);

    const echoLines = lines.filter((l) => l.functionName === "echo").map((l) => l.text);
    const start = echoLines.indexOf(`START RequestId: ${cold.requestId} Version: $LATEST`);
    expect(echoLines[start + 1]).toMatch(new RegExp(`\\t${cold.requestId}\\tINFO\\techo called$`));
    expect(echoLines[start + 2]).toBe(`END RequestId: ${cold.requestId}`);
    // The runtime client's start-up banner is not Lambda output.
    expect(echoLines.some((l) => l.startsWith("Executing '"))).toBe(false);
  });

  it("starts a second container when two invocations overlap, and reuses them afterwards", async () => {
    const [a, b] = await Promise.all([
      runner.invoke("worker", { ms: 300 }),
      runner.invoke("worker", { ms: 300 }),
    ]);
    expect(a.report.coldStart && b.report.coldStart).toBe(true);
    expect(a.report.containerPid).not.toBe(b.report.containerPid);
    expect(runner.containerPids("worker").sort()).toEqual(
      [a.report.containerPid, b.report.containerPid].sort(),
    );

    const again = await runner.invoke("worker", { ms: 0 });
    expect(again.report.coldStart).toBe(false);
    expect([a.report.containerPid, b.report.containerPid]).toContain(again.report.containerPid);
  });

  it("refuses a call past the reserved concurrency, as Lambda does, and serves the next one", async () => {
    const busy = runner.invoke("reserved", { ms: 400 });
    // The first call's container is starting: it counts against the reserved concurrency.
    await expect(runner.invoke("reserved", { ms: 0 })).rejects.toMatchObject({
      name: "FunctionThrottledError",
      errorType: "TooManyRequestsException",
      reservedConcurrency: 1,
    });
    const viaHttp = await fetch(`${runner.url}/reserved`, { method: "POST", body: "{}" });
    expect(viaHttp.status).toBe(429);
    expect(await viaHttp.json()).toEqual({ message: "Too Many Requests" });
    expect((await busy).ok).toBe(true);
    // Once the container is free, it serves the next call, warm.
    const next = await runner.invoke("reserved", { ms: 0 });
    expect(next.ok && next.report.coldStart).toBe(false);
  });

  it("refuses a reserved concurrency that is not a whole number of 1 or more", async () => {
    await expect(
      startLocalRunner({
        functions: { bad: fn("index.work", { reservedConcurrency: 0 }) },
        log: false,
      }),
    ).rejects.toThrow(LocalRunnerConfigError);
  });

  it("kills a container that runs past its timeout and serves the next call from a new one", async () => {
    const timedOut = await runner.invoke("slow", { spin: true });
    expect(timedOut.ok).toBe(false);
    if (timedOut.ok) return;
    expect(timedOut.error).toEqual({
      errorType: "Sandbox.Timedout",
      errorMessage: `RequestId: ${timedOut.requestId} Error: Task timed out after 1.00 seconds`,
    });
    expect(timedOut.report.status).toBe("timeout");
    expect(timedOut.report.durationMs).toBeGreaterThanOrEqual(990);
    expect(await waitUntilGone(timedOut.report.containerPid)).toBe(true);
    const logged = platformLines(timedOut.requestId);
    expect(logged[1]).toMatch(/Task timed out after 1\.00 seconds$/);
    expect(logged.at(-1)).toMatch(/\tStatus: timeout$/);

    const next = await runner.invoke("slow", { ms: 0 });
    expect(next.ok).toBe(true);
    expect(next.report.coldStart).toBe(true);
    expect(next.report.containerPid).not.toBe(timedOut.report.containerPid);
  });

  it("replaces a container whose process exits mid-invocation", async () => {
    const crashed = await runner.invoke("crashy", { exit: 3 });
    expect(crashed.ok).toBe(false);
    if (crashed.ok) return;
    expect(crashed.error.errorType).toBe("Runtime.ExitError");
    expect(crashed.error.errorMessage).toContain("exit status 3");
    expect(crashed.report.status).toBe("crash");
    expect(platformLines(crashed.requestId).at(-1)).toMatch(
      /\tStatus: error\tError Type: Runtime\.ExitError$/,
    );

    const next = await runner.invoke("crashy", { ms: 0 });
    expect(next.ok).toBe(true);
    expect(next.report.containerPid).not.toBe(crashed.report.containerPid);
  });

  it("replaces a warm container killed while idle (say, by the OOM killer)", async () => {
    const warm = await runner.invoke("crashy", { ms: 0 });
    process.kill(warm.report.containerPid, "SIGKILL");
    expect(await waitUntilGone(warm.report.containerPid)).toBe(true);
    const next = await runner.invoke("crashy", { ms: 0 });
    expect(next.ok).toBe(true);
    expect(next.report.coldStart).toBe(true);
    expect(next.report.containerPid).not.toBe(warm.report.containerPid);
  });

  it("fails the next call with Runtime.ExitError when a handler exits the process while idle", async () => {
    // The runtime client cannot exit while its /next long-poll is open (its native thread
    // holds the process), so the exit lands in the next invocation, as it does in Lambda
    // where the environment is frozen between invocations.
    const dying = await runner.invoke("crashy", { dieAfterReturn: true });
    expect(dying.ok).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 100));
    const hit = await runner.invoke("crashy", { ms: 50 });
    expect(hit).toMatchObject({ ok: false, error: { errorType: "Runtime.ExitError" } });
    const next = await runner.invoke("crashy", { ms: 0 });
    expect(next.ok).toBe(true);
    expect(next.report.containerPid).not.toBe(dying.report.containerPid);
  });

  it("returns the handler's error as Lambda does, and keeps the container", async () => {
    const first = await runner.invoke("failing", {});
    const second = await runner.invoke("failing", {});
    expect(first.ok).toBe(false);
    if (first.ok) return;
    expect(first.error).toMatchObject({ errorType: "TypeError", errorMessage: "boom" });
    expect(first.error.trace?.[0]).toContain("TypeError: boom");
    expect(first.report).toMatchObject({ status: "error", errorType: "TypeError" });
    expect(second.report.containerPid).toBe(first.report.containerPid);
    expect(
      lines.some((l) => l.functionName === "failing" && l.text.includes("about to fail")),
    ).toBe(true);
  });

  it("reports an init error (handler not found) and logs INIT_REPORT", async () => {
    const result = await runner.invoke("broken", {});
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.errorType).toBe("Runtime.HandlerNotFound");
    expect(result.report).toMatchObject({ status: "crash", coldStart: true });
    expect(platformLines(result.requestId)).toEqual([]);
    expect(
      lines.some((l) =>
        /^INIT_REPORT Init Duration: \d+\.\d{2} ms\tPhase: init\tStatus: error\tError Type: Runtime\.HandlerNotFound$/.test(
          l.text,
        ),
      ),
    ).toBe(true);
  });

  it("refuses unknown functions and events over 6 MB", async () => {
    await expect(runner.invoke("nope", {})).rejects.toBeInstanceOf(UnknownFunctionError);
    await expect(
      runner.invoke("echo", { blob: "x".repeat(6 * 1024 * 1024) }),
    ).rejects.toBeInstanceOf(RequestTooLargeError);
  });
});

describe("HTTP API", () => {
  type Event = Record<string, unknown> & {
    headers: Record<string, string>;
    requestContext: Record<string, unknown> & { http: Record<string, string> };
  };
  const echoed = async (response: Response) => JSON.parse(await response.text()) as Event;

  it("turns a request into a payload 2.0 event with path parameters, query and cookies", async () => {
    const response = await fetch(`${runner.url}/users/42?lang=en&tag=a&tag=b&q=a%20b`, {
      headers: { "X-Custom": "One", Cookie: "a=1; b=2", "User-Agent": "test-agent" },
    });
    expect(response.status).toBe(200);
    expect(response.headers.get("x-handled-by")).toBe("fixture");
    expect(response.headers.get("set-cookie")).toBe("session=abc; HttpOnly");
    expect(response.headers.get("apigw-requestid")).toMatch(/^[A-Za-z0-9+/]{15}=$/);
    const event = await echoed(response);
    expect(event).toMatchObject({
      version: "2.0",
      routeKey: "GET /users/{id}",
      rawPath: "/users/42",
      rawQueryString: "lang=en&tag=a&tag=b&q=a%20b",
      cookies: ["a=1", "b=2"],
      queryStringParameters: { lang: "en", tag: "a,b", q: "a b" },
      pathParameters: { id: "42" },
      isBase64Encoded: false,
    });
    expect(event.headers["x-custom"]).toBe("One");
    expect(event.headers.cookie).toBeUndefined();
    expect(event).not.toHaveProperty("body");
    expect(event.requestContext).toMatchObject({
      routeKey: "GET /users/{id}",
      stage: "$default",
      requestId: response.headers.get("apigw-requestid"),
      http: { method: "GET", path: "/users/42", protocol: "HTTP/1.1", userAgent: "test-agent" },
    });
    expect(event.requestContext.timeEpoch).toBeTypeOf("number");
    expect(event.requestContext.time).toMatch(/^\d{2}\/\w{3}\/\d{4}:\d{2}:\d{2}:\d{2} \+0000$/);
  });

  it("matches ANY and greedy routes, and answers 404 where no route matches", async () => {
    const any = await echoed(await fetch(`${runner.url}/echo`, { method: "DELETE" }));
    expect(any.routeKey).toBe("ANY /echo");
    const greedy = await echoed(await fetch(`${runner.url}/files/docs/a%20b.txt`));
    expect(greedy.pathParameters).toEqual({ proxy: "docs/a b.txt" });

    for (const [method, path] of [
      ["GET", "/nowhere"],
      ["POST", "/users/42"],
      ["GET", "/users/42/extra"],
    ] as const) {
      const response = await fetch(`${runner.url}${path}`, { method });
      expect(response.status).toBe(404);
      expect(await response.json()).toEqual({ message: "Not Found" });
    }
  });

  it("passes an invalid JSON body through as text", async () => {
    const event = await echoed(
      await fetch(`${runner.url}/echo`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: '{"broken": ',
      }),
    );
    expect(event.body).toBe('{"broken": ');
    expect(event.isBase64Encoded).toBe(false);
  });

  it("base64-encodes a binary body", async () => {
    const bytes = Buffer.from([0, 1, 2, 253, 254, 255]);
    const event = await echoed(
      await fetch(`${runner.url}/echo`, {
        method: "PUT",
        headers: { "content-type": "application/octet-stream" },
        body: bytes,
      }),
    );
    expect(event.isBase64Encoded).toBe(true);
    expect(Buffer.from(event.body as string, "base64")).toEqual(bytes);
  });

  it("answers 413 without invoking when the event would be over 6 MB", async () => {
    const before = runner.reports().length;
    const response = await fetch(`${runner.url}/echo`, {
      method: "POST",
      headers: { "content-type": "text/plain" },
      body: "a".repeat(6 * 1024 * 1024),
    });
    expect(response.status).toBe(413);
    expect(runner.reports().length).toBe(before);
  });

  it("answers 500 Internal Server Error when the handler throws", async () => {
    const response = await fetch(`${runner.url}/fail`, { method: "POST" });
    expect(response.status).toBe(500);
    expect(await response.json()).toEqual({ message: "Internal Server Error" });
    expect(runner.reports().at(-1)).toMatchObject({ functionName: "failing", status: "error" });
  });

  // An HTTP API answers every function error with 500 and this body, a function timeout and
  // a failed init included (a REST API would answer 502); nothing of the error reaches the caller.
  it("answers 500 without internals when the function fails its init, and the next request gets a new container", async () => {
    writeFileSync(initFailureMarker, "");
    const failed = await fetch(`${runner.url}/init-fails-once`);
    expect(failed.status).toBe(500);
    expect(await failed.text()).toBe(JSON.stringify({ message: "Internal Server Error" }));
    expect(existsSync(initFailureMarker)).toBe(false);
    const failedInit = runner.reports().at(-1);
    expect(failedInit).toMatchObject({ functionName: "init-fails-once", status: "crash" });

    const next = await fetch(`${runner.url}/init-fails-once`);
    expect(next.status).toBe(200);
    const { pid } = (await next.json()) as { pid: number };
    expect(pid).not.toBe(failedInit?.containerPid);
    expect(runner.reports().at(-1)).toMatchObject({ status: "success", coldStart: true });
  });

  it("answers 500 without internals when the function runs past its timeout, and the next request gets a new container", async () => {
    const timedOut = await fetch(`${runner.url}/slow`, {
      method: "POST",
      body: JSON.stringify({ spin: true }),
    });
    expect(timedOut.status).toBe(500);
    expect(await timedOut.text()).toBe(JSON.stringify({ message: "Internal Server Error" }));
    const report = runner.reports().at(-1);
    expect(report).toMatchObject({ functionName: "slow-http", status: "timeout" });

    const next = await fetch(`${runner.url}/slow`, { method: "POST", body: "{}" });
    expect(next.status).toBe(200);
    const { pid } = (await next.json()) as { pid: number };
    expect(pid).not.toBe(report?.containerPid);
  });

  it("sends a plain result as a 200 JSON response and decodes base64 responses", async () => {
    const health = await fetch(`${runner.url}/health`);
    expect(health.status).toBe(200);
    expect(health.headers.get("content-type")).toBe("application/json");
    expect(await health.text()).toBe("hello from lambda");

    const image = await fetch(`${runner.url}/image`);
    expect(image.headers.get("content-type")).toBe("image/png");
    expect(Buffer.from(await image.arrayBuffer())).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47]));
  });
});

describe("lifecycle", () => {
  it("rejects a route to an unknown function", async () => {
    await expect(
      startLocalRunner({
        functions: {},
        routes: [{ method: "GET", path: "/x", function: "nope" }],
        log: false,
      }),
    ).rejects.toBeInstanceOf(LocalRunnerConfigError);
  });

  it("says so when the HTTP port is taken", async () => {
    await expect(
      startLocalRunner({ functions: {}, port: runner.port, log: false }),
    ).rejects.toThrow(/could not listen on 127\.0\.0\.1:\d+/);
  });

  it("stop() kills every container and refuses further calls", async () => {
    const own = await startLocalRunner({ functions: { worker: fn("index.work") }, log: false });
    await Promise.all([own.invoke("worker", { ms: 200 }), own.invoke("worker", { ms: 200 })]);
    const busy = own.invoke("worker", { ms: 10_000 });
    await new Promise((resolve) => setTimeout(resolve, 100));
    const pids = own.containerPids();
    expect(pids).toHaveLength(2);

    await own.stop();
    expect(pids.filter(isAlive)).toEqual([]);
    expect(own.containerPids()).toEqual([]);
    expect((await busy).ok).toBe(false);
    await expect(own.invoke("worker", {})).rejects.toBeInstanceOf(RunnerStoppedError);
  });
});
