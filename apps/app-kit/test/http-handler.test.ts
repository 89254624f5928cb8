import { ConflictError, NotFoundError } from "@org/aws-dynamo";
import { httpApiEvent, lambdaContext } from "@org/aws-testing";
import { describe, expect, it, vi } from "vitest";
import * as z from "zod/mini";
import { BadRequestError, createHttpHandler, validate } from "../src/index";

const context = lambdaContext({ functionName: "test" });

describe("createHttpHandler", () => {
  const handler = createHttpHandler("test", {
    "GET /ok": () => ({ statusCode: 200, body: { ok: true } }),
    "POST /echo": (request) => ({
      statusCode: 201,
      body: validate(z.object({ n: z.number() }), request.json()),
    }),
    "GET /missing": () => {
      throw new NotFoundError("gone", { table: "t", key: { PK: "x" } });
    },
    "GET /conflict": () => {
      throw new ConflictError("stale");
    },
    "GET /auth": () => {
      throw Object.assign(new Error("no token"), { name: "UnauthorizedError" });
    },
    "GET /crash": () => {
      throw new Error("secret internals at /var/task/index.mjs");
    },
  });
  const call = async (method: string, path: string, body?: unknown) => {
    const result = await handler(httpApiEvent({ method, path, body }), context);
    return { status: result.statusCode, body: JSON.parse(result.body ?? "null") };
  };

  it("routes by route key and answers JSON", async () => {
    expect(await call("GET", "/ok")).toEqual({ status: 200, body: { ok: true } });
    expect(await call("POST", "/echo", { n: 1 })).toEqual({ status: 201, body: { n: 1 } });
    expect((await call("GET", "/nowhere")).status).toBe(404);
  });

  it("maps typed errors to 400/401/404/409, with details for invalid input", async () => {
    const invalid = await call("POST", "/echo", { n: "one" });
    expect(invalid.status).toBe(400);
    expect(invalid.body.details[0]).toMatch(/^n:/);
    expect((await call("POST", "/echo", "{not json")).status).toBe(400);
    expect((await call("GET", "/auth")).status).toBe(401);
    expect((await call("GET", "/missing")).status).toBe(404);
    expect((await call("GET", "/conflict")).status).toBe(409);
  });

  it("answers 500 without internals, and logs the stack as structured JSON", async () => {
    const lines: string[] = [];
    const spy = vi.spyOn(console, "log").mockImplementation((line: string) => lines.push(line));
    try {
      const crash = await call("GET", "/crash");
      expect(crash).toEqual({ status: 500, body: { message: "Internal Server Error" } });
      const logged = lines.map((l) => JSON.parse(l)).find((l) => l.level === "ERROR");
      expect(logged).toMatchObject({
        function: "test",
        requestId: context.awsRequestId,
        message: "request failed",
      });
      expect(logged.stack).toContain("secret internals");
      expect(typeof logged.coldStart).toBe("boolean");
    } finally {
      spy.mockRestore();
    }
  });

  it("BadRequestError carries details", () => {
    expect(new BadRequestError("bad", ["x"]).statusCode).toBe(400);
  });
});
