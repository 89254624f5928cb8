import { once } from "node:events";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { DynamoDBClient, ListTablesCommand } from "@aws-sdk/client-dynamodb";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import {
  defineClient,
  getClientCreations,
  lazyAsyncSingleton,
  prime,
  resetAll,
} from "../src/index";
import { InvalidConfigError } from "../src/internal";

// A stand-in endpoint on loopback that counts the connections and requests it gets.
let server: Server;
let connections = 0;
let requests: string[] = [];

beforeEach(async () => {
  connections = 0;
  requests = [];
  server = createServer((request, response) => {
    requests.push(`${request.method} ${request.url}`);
    response.setHeader("content-type", "application/x-amz-json-1.0");
    response.end(request.method === "GET" ? "healthy" : JSON.stringify({ TableNames: [] }));
  });
  server.on("connection", () => {
    connections += 1;
  });
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  const { port } = server.address() as AddressInfo;
  vi.stubEnv("AWS_REGION", "eu-west-1");
  vi.stubEnv("AWS_ACCESS_KEY_ID", "AKIDPRIME");
  vi.stubEnv("AWS_SECRET_ACCESS_KEY", "secret");
  vi.stubEnv("AWS_SESSION_TOKEN", "");
  vi.stubEnv("AWS_ENDPOINT_URL_DYNAMODB", `http://127.0.0.1:${port}`);
  vi.stubEnv("AWS_LAMBDA_INITIALIZATION_TYPE", "on-demand");
});
afterEach(async () => {
  vi.unstubAllEnvs();
  vi.restoreAllMocks();
  resetAll();
  server.closeAllConnections();
  server.close();
  await once(server, "close");
});

const defineDynamo = () =>
  defineClient({ name: "dynamodb", create: (config) => new DynamoDBClient(config) });

describe('prime([client], { when: "always" })', () => {
  it("creates the client and resolves its credentials, without a request", async () => {
    const dynamo = defineDynamo();
    const [result] = await prime([dynamo], { when: "always" });
    if (!result) throw new Error("no result");

    expect(result).toMatchObject({ name: "dynamodb", primed: true });
    expect(result.durationMs).toBeGreaterThan(0);
    expect(dynamo.peek()).toBeInstanceOf(DynamoDBClient);
    expect(getClientCreations().map((c) => c.name)).toEqual(["dynamodb"]);
    expect(requests).toEqual([]);
    // The SDK memoizes the credentials the priming resolved.
    const credentials = await dynamo.client.config.credentials();
    expect(credentials.accessKeyId).toBe("AKIDPRIME");
  });

  it("with connect, opens the connection that the first call then reuses", async () => {
    const dynamo = defineDynamo();
    const [result] = await prime([dynamo], { when: "always", connect: true });
    expect(result?.primed).toBe(true);
    expect(requests).toEqual(["GET /"]);

    await dynamo.client.send(new ListTablesCommand({}));
    expect(requests).toEqual(["GET /", "POST /"]);
    expect(connections).toBe(1);
  });

  it("never rejects: a failure is a warning and a result, and the first call tries again", async () => {
    vi.stubEnv("AWS_REGION", "");
    const warn = vi.spyOn(process, "emitWarning").mockImplementation(() => undefined);
    const dynamo = defineDynamo();

    const [result] = await prime([dynamo], { when: "always", connect: true });
    expect(result).toMatchObject({ name: "dynamodb", primed: false });
    expect(result?.error).toBeInstanceOf(InvalidConfigError);
    expect(result?.error).toMatchObject({ setting: "region" });
    expect(warn).toHaveBeenCalledWith(expect.stringContaining("dynamodb"), "AwsCoreWarning");
    expect(dynamo.peek()).toBeUndefined();

    vi.stubEnv("AWS_REGION", "eu-west-1");
    await expect(dynamo.client.send(new ListTablesCommand({}))).resolves.toMatchObject({
      TableNames: [],
    });
  });

  it("reports credentials that cannot be resolved, and keeps the client", async () => {
    const warn = vi.spyOn(process, "emitWarning").mockImplementation(() => undefined);
    const dynamo = defineClient({
      name: "dynamodb",
      create: (config) =>
        new DynamoDBClient({
          ...config,
          credentials: async () => {
            throw new Error("no credentials here");
          },
        }),
    });
    const [result] = await prime([dynamo], { when: "always", connect: true });
    expect(result?.primed).toBe(false);
    expect(String(result?.error)).toContain("no credentials here");
    expect(warn).toHaveBeenCalledOnce();
    expect(requests).toEqual([]);
  });
});

describe("prime([...clients])", () => {
  it("skips on demand, where the first caller waits for the init anyway", async () => {
    const dynamo = defineDynamo();
    const results = await prime([dynamo], { connect: true });
    expect(results).toEqual([
      { name: "dynamodb", primed: false, skipped: "on-demand", durationMs: 0 },
    ]);
    expect(dynamo.peek()).toBeUndefined();
    expect(requests).toEqual([]);
  });

  it("primes under provisioned concurrency, where the init runs before any request", async () => {
    vi.stubEnv("AWS_LAMBDA_INITIALIZATION_TYPE", "provisioned-concurrency");
    const dynamo = defineDynamo();
    const [result] = await prime([dynamo], { connect: true });
    expect(result).toMatchObject({ name: "dynamodb", primed: true });
    expect(requests).toEqual(["GET /"]);
  });

  it('primes on demand too with when: "always"', async () => {
    const dynamo = defineDynamo();
    const other = defineClient({ name: "other", create: (config) => new DynamoDBClient(config) });
    const results = await prime([dynamo, other], { when: "always" });
    expect(results.map((r) => [r.name, r.primed])).toEqual([
      ["dynamodb", true],
      ["other", true],
    ]);
  });

  it("primes anything with a name and an async get(), e.g. a lazyAsyncSingleton", async () => {
    const keys = lazyAsyncSingleton("jwks", async () => ({ keys: [] }));
    const custom = { name: "custom", get: vi.fn(async () => "ready") };
    const results = await prime([keys, custom], { when: "always" });
    expect(results.map((r) => [r.name, r.primed])).toEqual([
      ["jwks", true],
      ["custom", true],
    ]);
    expect(keys.peek()).toEqual({ keys: [] });
    expect(custom.get).toHaveBeenCalledOnce();
  });
});
