import { CognitoError } from "@org/aws-cognito";
import { DynamoConflictError, DynamoError } from "@org/aws-dynamo";
import { httpApiEvent, lambdaContext } from "@org/aws-testing";
import { describe, expect, it, vi } from "vitest";
import * as z from "zod/mini";
import { BadRequestError, createHttpHandler, defineApi, validate } from "../src/index";

const context = lambdaContext({ functionName: "test" });

describe("createHttpHandler", () => {
  const api = defineApi({
    function: "test",
    runtime: "nodejs24.x",
    routes: {
      "GET /ok": { auth: "public" },
      "POST /echo": { auth: "public" },
      "GET /missing": { auth: "public" },
      "GET /conflict": { auth: "public" },
      "GET /auth": { auth: "jwt" },
      "GET /forbidden": { auth: "jwt" },
      "GET /named-like-ours": { auth: "public" },
      "GET /crash": { auth: "public" },
    },
  });
  const routes = {
    "GET /ok": () => ({ statusCode: 200, body: { ok: true } }),
    "POST /echo": (request) => ({
      statusCode: 201,
      body: validate(z.object({ n: z.number() }), request.json()),
    }),
    "GET /missing": () => {
      throw new DynamoError("gone", { kind: "not-found", table: "t", key: { PK: "x" } });
    },
    "GET /conflict": () => {
      throw new DynamoConflictError("stale");
    },
    "GET /auth": () => {
      throw new CognitoError("Invalid token: expired at 2026-01-01 (client abc123)", {
        kind: "unauthorized",
      });
    },
    "GET /forbidden": () => {
      throw new CognitoError("user-1 may not read user-2 (not in admins)", {
        kind: "forbidden",
        requiredGroups: ["admins"],
      });
    },
    // Another library's error that happens to share a name with ours is not ours.
    "GET /named-like-ours": () => {
      throw Object.assign(new Error("no token"), { name: "CognitoUnauthorizedError" });
    },
    "GET /crash": () => {
      throw new Error("secret internals at /var/task/index.mjs");
    },
  } satisfies Parameters<typeof createHttpHandler<keyof typeof api.routes>>[1];
  const handler = createHttpHandler(api, routes);
  const call = async (method: string, path: string, body?: unknown, to = handler) => {
    const result = await to(httpApiEvent({ method, path, body }), context);
    return { status: result.statusCode, body: JSON.parse(result.body ?? "null") };
  };
  // Logs and metrics on, as in Lambda: a new handler's logger and metrics are made by its
  // first call, with the environment of that moment.
  const loud = async (method: string, path: string) => {
    vi.stubEnv("POWERTOOLS_LOG_LEVEL", "INFO");
    vi.stubEnv("POWERTOOLS_METRICS_DISABLED", "false");
    // What Lambda sets: Powertools counts a cold start only on demand.
    vi.stubEnv("AWS_LAMBDA_INITIALIZATION_TYPE", "on-demand");
    try {
      return await call(method, path, undefined, createHttpHandler(api, routes));
    } finally {
      vi.unstubAllEnvs();
    }
  };

  it("routes by route key and answers JSON", async () => {
    expect(await call("GET", "/ok")).toEqual({ status: 200, body: { ok: true } });
    expect(await call("POST", "/echo", { n: 1 })).toEqual({ status: 201, body: { n: 1 } });
    expect((await call("GET", "/nowhere")).status).toBe(404);
  });

  it("maps typed errors by kind to 400/401/403/404/409, with details for invalid input", async () => {
    const invalid = await call("POST", "/echo", { n: "one" });
    expect(invalid.status).toBe(400);
    expect(invalid.body.details[0]).toMatch(/^n:/);
    expect(await call("POST", "/echo", "{not json")).toEqual({
      status: 400,
      body: { message: "The body is not valid JSON" },
    });
    expect(await call("GET", "/auth")).toEqual({ status: 401, body: { message: "Unauthorized" } });
    expect(await call("GET", "/forbidden")).toEqual({
      status: 403,
      body: { message: "Forbidden" },
    });
    expect(await call("GET", "/missing")).toEqual({ status: 404, body: { message: "Not Found" } });
    expect((await call("GET", "/conflict")).status).toBe(409);
  });

  it("answers only the safe message: no table, key, client id or token detail", async () => {
    for (const path of ["/missing", "/conflict", "/auth", "/forbidden"]) {
      const { body } = await call("GET", path);
      expect(JSON.stringify(body), path).not.toMatch(/table|PK|"t"|abc123|admins|user-2|stale/);
    }
  });

  it("does not trust error names: a foreign error named like ours is a 500", async () => {
    expect(await call("GET", "/named-like-ours")).toEqual({
      status: 500,
      body: { message: "Internal Server Error" },
    });
  });

  it("answers 500 without internals, and logs the stack as structured JSON", async () => {
    const lines = captureOutput();
    try {
      const crash = await loud("GET", "/crash");
      expect(crash).toEqual({ status: 500, body: { message: "Internal Server Error" } });
      const logged = lines.json().find((l) => l.level === "ERROR");
      expect(logged).toMatchObject({
        service: "test",
        function_request_id: context.awsRequestId,
        message: "request failed",
      });
      expect(logged?.stack).toContain("secret internals");
      expect(typeof logged?.cold_start).toBe("boolean");
    } finally {
      lines.restore();
    }
  });

  it("logs JSON lines on stdout, filtered by POWERTOOLS_LOG_LEVEL, and metrics in EMF", async () => {
    const lines = captureOutput();
    try {
      await loud("GET", "/missing");
      const records = lines.json();
      // Lambda's own log format never wraps these: they are whole JSON objects.
      expect(records.find((l) => l.message === "request refused")).toMatchObject({
        level: "INFO",
        service: "test",
        function_request_id: context.awsRequestId,
        statusCode: 404,
      });
      // The cold start, in CloudWatch's embedded metric format.
      expect(records.find((l) => l._aws?.CloudWatchMetrics)).toMatchObject({
        ColdStart: 1,
        service: "test",
      });
    } finally {
      lines.restore();
    }
  });
  it("BadRequestError is a validation error whose message is safe, with details", () => {
    const error = new BadRequestError("bad", { details: ["x"] });
    expect(error).toMatchObject({ kind: "validation", safeMessage: "bad", details: ["x"] });
  });
});

/** A JSON line of Powertools' Logger or Metrics, as far as the tests read it. */
type LogRecord = Record<string, unknown> & {
  level?: string;
  message?: string;
  stack?: string;
  _aws?: { CloudWatchMetrics?: unknown };
};

/** Everything written to stdout and stderr until `restore()`, as JSON lines. */
function captureOutput() {
  const written: string[] = [];
  const capture = (chunk: unknown) => {
    written.push(String(chunk));
    return true;
  };
  const out = vi.spyOn(process.stdout, "write").mockImplementation(capture);
  const err = vi.spyOn(process.stderr, "write").mockImplementation(capture);
  return {
    json: () =>
      written
        .join("")
        .split("\n")
        .filter((line) => line.startsWith("{"))
        .map((line) => JSON.parse(line) as LogRecord),
    restore: () => {
      out.mockRestore();
      err.mockRestore();
    },
  };
}
