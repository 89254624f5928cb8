import { createServer, request, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { createTestTokenIssuer } from "@org/aws-testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { JwtAuthorizer } from "../src/http-api/jwt-authorizer";
import {
  type LocalRunner,
  LocalRunnerConfigError,
  type LogEntry,
  startLocalRunner,
} from "../src/index";
import { HANDLERS_DIR } from "./helpers";

// A user pool of test keys, its JWKS served over HTTP on 127.0.0.1 as cognito-local serves it.
const pool = createTestTokenIssuer({ userPoolId: "us-east-1_RunnerPool", clientId: "web" });
let jwksServer: Server;
let jwksUri = "";
let jwksUp = true;

beforeAll(async () => {
  jwksServer = createServer((_, res) => {
    if (!jwksUp) return res.writeHead(500).end();
    res.setHeader("content-type", "application/json").end(JSON.stringify(pool.jwks));
  });
  await new Promise<void>((resolve) => jwksServer.listen(0, "127.0.0.1", resolve));
  jwksUri = `http://127.0.0.1:${(jwksServer.address() as AddressInfo).port}/jwks.json`;
});
afterAll(() => new Promise<void>((resolve) => jwksServer.close(() => resolve())));

/**
 * GET `url` with exactly these header lines (names and values alternating, duplicates sent
 * as separate lines, as `fetch` would not); the status and the parsed JSON body.
 */
function rawGet(url: string, headers: string[]): Promise<{ status: number; body: unknown }> {
  return new Promise((resolve, reject) => {
    // An array of headers is sent as it is: Node adds no Host header to it.
    const host = ["Host", new URL(url).host];
    const req = request(url, { method: "GET", headers: [...host, ...headers] }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (chunk: Buffer) => chunks.push(chunk));
      res.on("end", () =>
        resolve({
          status: res.statusCode ?? 0,
          body: parseJson(Buffer.concat(chunks).toString("utf8")),
        }),
      );
      res.on("error", reject);
    });
    req.on("error", reject);
    req.end();
  });
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

const authorizer = () => new JwtAuthorizer({ issuer: pool.issuer, audience: ["web"], jwksUri });
const jwt = { type: "jwt" } as const;
const now = () => Math.floor(Date.now() / 1000);

describe("JwtAuthorizer: API Gateway's rules", () => {
  it("allows a valid access token, with or without 'Bearer ', and passes its claims as strings", async () => {
    const token = pool.sign({ sub: "u-1", groups: ["admins", "staff"] });
    for (const header of [`Bearer ${token}`, token, `bearer  ${token}`]) {
      const decision = await authorizer().authorize(header, jwt);
      expect(decision).toMatchObject({
        allow: true,
        context: {
          jwt: {
            claims: {
              sub: "u-1",
              client_id: "web",
              token_use: "access",
              "cognito:groups": "[admins staff]",
              exp: expect.stringMatching(/^\d+$/),
            },
            scopes: ["aws.cognito.signin.user.admin"],
          },
        },
      });
    }
  });

  // As in AWS: the authorizer checks aud, and an id token's aud is the client id. The
  // function's own check (requireUser) refuses it.
  it("allows an id token, as API Gateway does", async () => {
    expect(await authorizer().authorize(pool.sign({ tokenUse: "id" }), jwt)).toMatchObject({
      allow: true,
    });
  });

  it.each([
    ["no header", undefined],
    ["an empty header", ""],
    ["'Bearer' alone", "Bearer "],
    ["garbage", "Bearer not-a-jwt"],
    ["alg none", pool.sign({ header: { alg: "none" } })],
    ["alg RS512", pool.sign({ header: { alg: "RS512" } })],
    ["a key not in the JWKS", pool.sign({ signWith: pool.otherKey() })],
    ["an unknown kid", pool.sign({ header: { kid: "nope" } })],
    ["an expired token", pool.sign({ expiresIn: -5 })],
    ["no exp", pool.sign({ claims: { exp: undefined } })],
    ["nbf in the future", pool.sign({ claims: { nbf: now() + 600 } })],
    ["iat in the future", pool.sign({ claims: { iat: now() + 600 } })],
    ["another issuer", pool.sign({ claims: { iss: `${pool.issuer}x` } })],
    ["another client", pool.sign({ claims: { client_id: "mobile" } })],
    ["an id token for another client", pool.sign({ tokenUse: "id", claims: { aud: "mobile" } })],
    ["no aud and no client_id", pool.sign({ claims: { client_id: undefined } })],
    // Two Authorization headers, joined by a comma as the function receives them.
    ["a valid token, then garbage", `Bearer ${pool.sign()},Bearer garbage`],
    ["garbage, then a valid token", `Bearer garbage,Bearer ${pool.sign()}`],
    ["a valid token twice", `${pool.sign()},${pool.sign()}`],
  ])("refuses %s with 401", async (_, header) => {
    expect(await authorizer().authorize(header, jwt)).toMatchObject({
      allow: false,
      statusCode: 401,
    });
  });

  it("refuses a token without one of the route's scopes with 403", async () => {
    const route = { type: "jwt", scopes: ["users/write", "users/admin"] } as const;
    const decision = await authorizer().authorize(pool.sign(), route);
    expect(decision).toMatchObject({ allow: false, statusCode: 403 });
    const scoped = pool.sign({ claims: { scope: "openid users/write" } });
    expect(await authorizer().authorize(scoped, route)).toMatchObject({ allow: true });
  });

  it("answers 503, not 401, when the keys cannot be fetched", async () => {
    jwksUp = false;
    try {
      expect(await authorizer().authorize(pool.sign(), jwt)).toMatchObject({
        allow: false,
        statusCode: 503,
      });
    } finally {
      jwksUp = true;
    }
    // The same authorizer recovers as soon as the keys can be fetched again.
    const recovering = authorizer();
    jwksUp = false;
    try {
      expect(await recovering.authorize(pool.sign(), jwt)).toMatchObject({ statusCode: 503 });
      expect(await recovering.authorize(pool.sign(), jwt)).toMatchObject({ statusCode: 503 });
    } finally {
      jwksUp = true;
    }
    expect(await recovering.authorize(pool.sign(), jwt)).toMatchObject({ allow: true });

    const unreachable = new JwtAuthorizer({
      issuer: pool.issuer,
      audience: ["web"],
      jwksUri: "http://127.0.0.1:1/jwks.json",
    });
    expect(await unreachable.authorize(pool.sign(), jwt)).toMatchObject({ statusCode: 503 });
  });
});

describe("the HTTP front with a JWT authorizer", () => {
  let runner: LocalRunner;
  const lines: LogEntry[] = [];

  beforeAll(async () => {
    runner = await startLocalRunner({
      functions: { "http-echo": { bundleDir: HANDLERS_DIR, handler: "index.http" } },
      routes: [
        { method: "GET", path: "/public", function: "http-echo" },
        { method: "GET", path: "/private", function: "http-echo", authorization: jwt },
      ],
      jwtAuthorizer: { issuer: pool.issuer, audience: ["web"], jwksUri },
      log: (entry) => lines.push(entry),
    });
  });
  afterAll(() => runner?.stop());

  it("refuses a bad token with API Gateway's 401 body, without starting a container", async () => {
    for (const authorization of [
      undefined,
      "Bearer x.y.z",
      `Bearer ${pool.sign({ expiresIn: -1 })}`,
    ]) {
      const response = await fetch(`${runner.url}/private`, {
        headers: authorization ? { authorization } : {},
      });
      expect(response.status).toBe(401);
      expect(await response.json()).toEqual({ message: "Unauthorized" });
    }
    expect(runner.containerPids()).toEqual([]);
    expect(runner.reports()).toEqual([]);
    expect(lines.filter((l) => l.source === "api").map((l) => l.text)).toEqual([
      expect.stringMatching(/^REFUSED 401 GET \/private: no Authorization header/),
      expect.stringMatching(/^REFUSED 401 GET \/private: /),
      expect.stringMatching(/^REFUSED 401 GET \/private: .*expired/),
    ]);
  });

  it("passes a valid token's claims to the function in requestContext.authorizer", async () => {
    const response = await fetch(`${runner.url}/private`, {
      headers: { authorization: `Bearer ${pool.sign({ sub: "u-7" })}` },
    });
    expect(response.status).toBe(200);
    const event = (await response.json()) as {
      requestContext: { authorizer: { jwt: { claims: unknown } } };
    };
    expect(event.requestContext.authorizer.jwt.claims).toMatchObject({
      sub: "u-7",
      client_id: "web",
    });
  });

  it("leaves public routes alone, with no authorizer in the event", async () => {
    const event = (await (await fetch(`${runner.url}/public`)).json()) as {
      requestContext: { authorizer?: unknown };
    };
    expect(event.requestContext.authorizer).toBeUndefined();
  });

  // API Gateway hands the function duplicate headers joined by commas (payload format 2.0):
  // the authorizer must judge that value, not the first header alone.
  it("sends a repeated Authorization header to the function joined by commas", async () => {
    const token = pool.sign();
    const response = await rawGet(`${runner.url}/public`, [
      "Authorization",
      `Bearer ${token}`,
      "Authorization",
      "Bearer garbage",
    ]);
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({
      headers: { authorization: `Bearer ${token},Bearer garbage` },
    });
  });

  it.each([
    ["a valid token, then garbage", (token: string) => [`Bearer ${token}`, "Bearer garbage"]],
    ["garbage, then a valid token", (token: string) => ["Bearer garbage", `Bearer ${token}`]],
    ["a valid token twice", (token: string) => [`Bearer ${token}`, `Bearer ${token}`]],
  ])(
    "refuses two Authorization headers (%s) with 401, without running the function",
    async (_, values) => {
      const token = pool.sign({ sub: "u-8" });
      const reportsBefore = runner.reports().length;
      const linesBefore = lines.length;
      const [first, second] = values(token) as [string, string];
      const response = await rawGet(`${runner.url}/private`, [
        "Authorization",
        first,
        "Authorization",
        second,
      ]);
      expect(response).toEqual({ status: 401, body: { message: "Unauthorized" } });
      expect(runner.reports()).toHaveLength(reportsBefore);
      expect(
        lines
          .slice(linesBefore)
          .filter((l) => l.source === "api")
          .map((l) => l.text),
      ).toEqual([
        expect.stringMatching(/^REFUSED 401 GET \/private: more than one Authorization header$/),
      ]);
      // The same token alone, sent the same way, gets through.
      const alone = await rawGet(`${runner.url}/private`, ["Authorization", `Bearer ${token}`]);
      expect(alone).toMatchObject({
        status: 200,
        body: { requestContext: { authorizer: { jwt: { claims: { sub: "u-8" } } } } },
      });
      expect(runner.reports()).toHaveLength(reportsBefore + 1);
    },
  );

  it("refuses headers over 10 KB, as API Gateway does", async () => {
    const response = await fetch(`${runner.url}/private`, {
      headers: { authorization: `Bearer ${"a".repeat(11_000)}` },
    });
    expect(response.status).toBe(431);
  });

  it("refuses to start with a JWT route and no authorizer", async () => {
    await expect(
      startLocalRunner({
        functions: { "http-echo": { bundleDir: HANDLERS_DIR, handler: "index.http" } },
        routes: [{ method: "GET", path: "/private", function: "http-echo", authorization: jwt }],
        log: false,
      }),
    ).rejects.toThrow(LocalRunnerConfigError);
  });
});
