import { createHmac } from "node:crypto";
import { createUser, signIn } from "@org/aws-testing/local";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ROUTES } from "../src/routes";
import { type Stack, startStack } from "../src/stack";
import { POOL_PUBLIC_KEY_PEM, tokenForger } from "./support/forge-tokens";
import { expectNoInternals } from "./support/no-internals";

// The sample stack attacked over HTTP, as an outsider would: through the local HTTP front
// (the same JWT authorizer as the CDK app) into both functions on aws-lambda-ric.
let stack: Stack;
let alice: { id: string; token: string; idToken: string; refreshToken: string };
let bob: { id: string; token: string };
let admin: { token: string };
let otherClientToken = "";
let forge: ReturnType<typeof tokenForger>;
let secrets: string[] = [];

beforeAll(async () => {
  stack = await startStack({ log: false });
  const aliceTokens = await stack.signInDemoUser();
  alice = {
    id: stack.userId,
    token: aliceTokens.accessToken,
    idToken: aliceTokens.idToken,
    refreshToken: aliceTokens.refreshToken,
  };
  const bobUser = { username: "bob", password: "Bob-passw0rd!", email: "bob@example.com" };
  const bobId = await createUser(stack.cognito, bobUser);
  bob = {
    id: bobId,
    token: (await signIn(stack.cognito, { clientId: stack.clientId, ...bobUser })).accessToken,
  };
  admin = { token: (await stack.signInAdmin()).accessToken };
  const otherClient = await stack.cognito.createClient("other-app");
  otherClientToken = (await signIn(stack.cognito, { clientId: otherClient, ...bobUser }))
    .accessToken;
  const issuer = `https://cognito-idp.${stack.cognito.region}.amazonaws.com/${stack.cognito.userPoolId}`;
  forge = tokenForger({ issuer, clientId: stack.clientId, sub: alice.id });
  secrets = [
    stack.table,
    stack.clientId,
    otherClient,
    stack.cognito.userPoolId,
    alice.token.slice(-20),
  ];
}, 120_000);
afterAll(() => stack?.stop());

interface Call {
  readonly method: string;
  readonly path: string;
  readonly authorization?: string | undefined;
  readonly body?: string | undefined;
  readonly contentType?: string;
}

async function call({ method, path, authorization, body, contentType }: Call) {
  const response = await fetch(`${stack.url}${path}`, {
    method,
    headers: {
      "content-type": contentType ?? "application/json",
      ...(authorization !== undefined ? { authorization } : {}),
    },
    ...(body !== undefined ? { body } : {}),
  });
  const text = await response.text();
  expectNoInternals(text, secrets, `${method} ${path}`);
  return { status: response.status, text, json: text ? JSON.parse(text) : null };
}

const bearer = (token: string) => `Bearer ${token}`;
const hs256 = (secret: string) => {
  const token = forge({ header: { alg: "HS256" }, key: "none" }).slice(0, -1);
  return `${token}.${createHmac("sha256", secret).update(token).digest("base64url")}`;
};
// Changes the signature's second-to-last character (the last one may hold only padding
// bits), always to another character.
const flipLast = (text: string) =>
  text.slice(0, -2) + (text.at(-2) === "A" ? "B" : "A") + text.slice(-1);

// Every way a caller can fail to prove who they are. Each is sent to every protected route.
const TOKEN_CASES: [string, () => string | undefined][] = [
  ["no Authorization header", () => undefined],
  ["an empty header", () => ""],
  ["'Bearer' and nothing", () => "Bearer "],
  ["another scheme", () => "Basic YWxpY2U6c2VjcmV0"],
  ["garbage", () => "Bearer not-a-token"],
  ["two parts", () => "Bearer aGVhZGVy.cGF5bG9hZA"],
  [
    "a header that is not JSON",
    () => `Bearer ${Buffer.from("not json").toString("base64url")}.e30.c2ln`,
  ],
  ["base64 that is not base64", () => "Bearer !!!.???.***"],
  ["alg none", () => bearer(forge({ header: { alg: "none" }, key: "none" }))],
  ["alg None with a signature", () => bearer(forge({ header: { alg: "None" } }))],
  ["HS256 signed with the pool's public key", () => bearer(hs256(POOL_PUBLIC_KEY_PEM))],
  ["HS256 signed with an empty secret", () => bearer(hs256(""))],
  ["RS512 claimed, RS256 signed", () => bearer(forge({ header: { alg: "RS512" } }))],
  ["an unknown kid", () => bearer(forge({ header: { kid: "not-a-key" } }))],
  ["no kid", () => bearer(forge({ header: { kid: undefined } }))],
  [
    "a payload changed after signing",
    () => {
      const [h, , s] = alice.token.split(".");
      const claims = JSON.parse(
        Buffer.from(alice.token.split(".")[1] ?? "", "base64url").toString(),
      );
      return bearer(
        `${h}.${Buffer.from(JSON.stringify({ ...claims, sub: bob.id })).toString("base64url")}.${s}`,
      );
    },
  ],
  ["a tampered signature", () => bearer(flipLast(alice.token))],
  ["the signature cut off", () => bearer(`${alice.token.split(".").slice(0, 2).join(".")}.`)],
  ["signed by another key", () => bearer(forge({ key: "other" }))],
  [
    "an expired token",
    () => bearer(forge({ claims: { exp: Math.floor(Date.now() / 1000) - 60 } })),
  ],
  [
    "a token not valid yet",
    () => bearer(forge({ claims: { nbf: Math.floor(Date.now() / 1000) + 3600 } })),
  ],
  [
    "a token issued in the future",
    () => bearer(forge({ claims: { iat: Math.floor(Date.now() / 1000) + 3600 } })),
  ],
  ["no exp", () => bearer(forge({ claims: { exp: undefined } }))],
  [
    "another user pool",
    () =>
      bearer(
        forge({
          claims: {
            iss: `https://cognito-idp.${stack.cognito.region}.amazonaws.com/${stack.cognito.region}_OtherPool9`,
          },
        }),
      ),
  ],
  [
    "another issuer host",
    () => bearer(forge({ claims: { iss: "https://evil.example.com/pool" } })),
  ],
  ["another app client (a real token)", () => bearer(otherClientToken)],
  ["no client_id and no aud", () => bearer(forge({ claims: { client_id: undefined } }))],
  ["an id token where access tokens are expected", () => bearer(alice.idToken)],
  ["a refresh token", () => bearer(alice.refreshToken)],
  ["no sub", () => bearer(forge({ claims: { sub: undefined } }))],
  ["no token_use", () => bearer(forge({ claims: { token_use: undefined } }))],
  ["token_use refresh", () => bearer(forge({ claims: { token_use: "refresh" } }))],
  ["Bearer twice", () => `Bearer ${bearer(alice.token)}`],
  ["two tokens in one header", () => `${bearer(alice.token)}, ${bearer(bob.token)}`],
  ["non-ASCII text", () => "Bearer \u00e9\u00e8\u00ea.\u00fc\u00f6.\u00e4"],
  ["a near-limit header of junk", () => `Bearer ${"a".repeat(9_000)}`],
];

// Signed by the pool, for the app client, unexpired: API Gateway's authorizer lets these
// through, as it does in AWS; requireUser in the function refuses them.
const CHECKED_BY_THE_FUNCTION = new Set([
  "an id token where access tokens are expected",
  "no sub",
  "no token_use",
  "token_use refresh",
]);

const PROTECTED = ROUTES.filter((route) => route.authorization).map((route) => ({
  method: route.method,
  path: route.path.replace("{id}", "someone"),
  body: route.method === "GET" ? undefined : "{}",
}));

describe("every protected route refuses every bad token with API Gateway's 401", () => {
  it("covers the routes the CDK app protects", () => {
    expect(PROTECTED.map((r) => `${r.method} ${r.path}`).sort()).toEqual([
      "GET /translations",
      "GET /users/me",
      "GET /users/someone",
      "POST /translations",
      "PUT /users/me",
      "PUT /users/someone",
    ]);
    expect(TOKEN_CASES.length).toBeGreaterThanOrEqual(30);
  });

  it.each(TOKEN_CASES)("%s", async (name, authorization) => {
    const bedrockCalls = stack.bedrock.requests.length;
    const invocations = stack.runner.reports().length;
    for (const route of PROTECTED) {
      const response = await call({ ...route, authorization: authorization() });
      expect(response, `${route.method} ${route.path}`).toMatchObject({
        status: 401,
        json: { message: "Unauthorized" },
      });
    }
    expect(stack.bedrock.requests.length).toBe(bedrockCalls);
    // The front refuses all but the well-signed tokens whose claims only the function checks.
    const ranFunction = stack.runner.reports().length > invocations;
    expect(ranFunction, "reached a function").toBe(CHECKED_BY_THE_FUNCTION.has(name));
  });

  it("refuses an oversized Authorization header before anything runs", async () => {
    const response = await call({
      method: "GET",
      path: "/users/me",
      authorization: bearer("a".repeat(11_000)),
    });
    expect(response.status).toBe(431);
  });

  it("lets the public health route through without a token", async () => {
    expect(await call({ method: "GET", path: "/health" })).toMatchObject({ status: 200 });
  });
});

describe("a user touches only their own data", () => {
  const profile = (name: string) => JSON.stringify({ email: `${name}@example.com`, name });

  it("creates and reads their own profile", async () => {
    expect(
      (
        await call({
          method: "PUT",
          path: "/users/me",
          authorization: bearer(alice.token),
          body: profile("alice"),
        })
      ).status,
    ).toBe(201);
    const read = await call({
      method: "GET",
      path: `/users/${alice.id}`,
      authorization: bearer(alice.token),
    });
    expect(read).toMatchObject({ status: 200, json: { id: alice.id, name: "alice" } });
  });

  it("cannot read, overwrite or create another user's profile", async () => {
    const asBob = bearer(bob.token);
    for (const request of [
      { method: "GET", path: `/users/${alice.id}` },
      { method: "PUT", path: `/users/${alice.id}`, body: profile("mallory") },
      {
        method: "PUT",
        path: `/users/${alice.id}`,
        body: JSON.stringify({ email: "m@example.com", name: "m", version: 1 }),
      },
      { method: "PUT", path: "/users/somebody-new", body: profile("squatter") },
    ]) {
      expect(
        await call({ ...request, authorization: asBob }),
        `${request.method} ${request.path}`,
      ).toMatchObject({
        status: 403,
        json: { message: "Forbidden" },
      });
    }
    const after = await call({
      method: "GET",
      path: "/users/me",
      authorization: bearer(alice.token),
    });
    expect(after.json).toMatchObject({ name: "alice", email: "alice@example.com", version: 1 });
    const squatted = await call({
      method: "GET",
      path: "/users/somebody-new",
      authorization: bearer(admin.token),
    });
    expect(squatted.status).toBe(404);
  });

  it("cannot create a profile anonymously", async () => {
    const response = await call({ method: "PUT", path: "/users/anonymous", body: profile("anon") });
    expect(response).toMatchObject({ status: 401, json: { message: "Unauthorized" } });
    expect(
      (await call({ method: "GET", path: "/users/anonymous", authorization: bearer(admin.token) }))
        .status,
    ).toBe(404);
  });

  it("lets the admin group read anyone's profile, and write nobody's", async () => {
    const read = await call({
      method: "GET",
      path: `/users/${alice.id}`,
      authorization: bearer(admin.token),
    });
    expect(read).toMatchObject({ status: 200, json: { id: alice.id } });
    const write = await call({
      method: "PUT",
      path: `/users/${alice.id}`,
      authorization: bearer(admin.token),
      body: profile("admin"),
    });
    expect(write).toMatchObject({ status: 403, json: { message: "Forbidden" } });
  });

  it("sees only their own translations, and cannot page through someone else's", async () => {
    const translate = (token: string, text: string) =>
      call({
        method: "POST",
        path: "/translations",
        authorization: bearer(token),
        body: JSON.stringify({ text, direction: "en-es" }),
      });
    for (const text of ["red house", "good night", "hello world"]) {
      expect((await translate(alice.token, text)).status).toBe(201);
    }
    const alicePage = await call({
      method: "GET",
      path: "/translations?limit=1",
      authorization: bearer(alice.token),
    });
    expect(alicePage.json.cursor).toEqual(expect.any(String));
    const bobPage = await call({
      method: "GET",
      path: "/translations",
      authorization: bearer(bob.token),
    });
    expect(bobPage.json).toEqual({ items: [], cursor: null });
    const stolen = await call({
      method: "GET",
      path: `/translations?cursor=${encodeURIComponent(alicePage.json.cursor)}`,
      authorization: bearer(bob.token),
    });
    expect(stolen).toMatchObject({ status: 400, json: { message: "Invalid pagination cursor" } });
  });
});

describe("bad input gets a clear 4xx and shows nothing inside", () => {
  const asAlice = () => bearer(alice.token);
  const json = (value: unknown) => JSON.stringify(value);
  it.each([
    ["malformed JSON", "/translations", '{"text":', 400],
    ["JSON that is not an object", "/translations", "[1,2]", 400],
    ["a number for text", "/translations", json({ text: 5, direction: "en-es" }), 400],
    ["an unknown direction", "/translations", json({ text: "hi", direction: "en-xx" }), 400],
    [
      "text over 1,000 characters",
      "/translations",
      json({ text: "x".repeat(1_001), direction: "en-es" }),
      400,
    ],
    [
      "an unknown field",
      "/translations",
      json({ text: "hi", direction: "en-es", userId: "bob" }),
      400,
    ],
    [
      "a body over 64 KB",
      "/translations",
      json({ text: "x".repeat(70_000), direction: "en-es" }),
      400,
    ],
    ["a body over Lambda's 6 MB", "/translations", "x".repeat(6_500_000), 413],
    [
      "an email over 254 characters",
      "/users/me",
      json({ email: `${"a".repeat(250)}@example.com`, name: "A" }),
      400,
    ],
    [
      "a 60,000-character email",
      "/users/me",
      json({ email: `${"a".repeat(60_000)}@example.com`, name: "A" }),
      400,
    ],
    [
      "a name over 200 characters",
      "/users/me",
      json({ email: "a@example.com", name: "n".repeat(201) }),
      400,
    ],
    ["an email that is not one", "/users/me", json({ email: "not-an-email", name: "A" }), 400],
    [
      "a version that is not a number",
      "/users/me",
      json({ email: "a@example.com", name: "A", version: "1" }),
      400,
    ],
    [
      "a negative version",
      "/users/me",
      json({ email: "a@example.com", name: "A", version: -1 }),
      400,
    ],
    [
      "a prototype-polluting body",
      "/users/me",
      '{"__proto__":{"admin":true},"email":"a@example.com","name":"A"}',
      400,
    ],
  ])("%s", async (_, path, body, status) => {
    const method = path === "/translations" ? "POST" : "PUT";
    const response = await call({ method, path, body, authorization: asAlice() });
    expect(response.status).toBe(status);
    if (status === 400) expect(response.json.message).toEqual(expect.any(String));
  });

  it("a binary body is refused as not JSON", async () => {
    const response = await call({
      method: "POST",
      path: "/translations",
      body: "\u0000\u00ff\u0001",
      contentType: "application/octet-stream",
      authorization: asAlice(),
    });
    expect(response).toMatchObject({
      status: 400,
      json: { message: "The body is not valid JSON" },
    });
  });

  it.each([
    ["a tampered cursor", "/translations?cursor=v1.eyJQSyI6IlVTRVIjeCJ9"],
    ["a cursor of another format", "/translations?cursor=abc"],
    ["a limit over 50", "/translations?limit=51"],
    ["a limit that is not a number", "/translations?limit=ten"],
    ["a cursor over 2,000 characters", `/translations?cursor=${"v".repeat(2_001)}`],
  ])("%s", async (_, path) => {
    const response = await call({ method: "GET", path, authorization: asAlice() });
    expect(response.status).toBe(400);
  });

  it.each([
    ["a path-traversal id", "/users/..%2F..%2Fetc"],
    ["an id of 300 characters", `/users/${"x".repeat(300)}`],
    ["a NUL byte", "/users/a%00b"],
    ["non-ASCII", "/users/%C3%A9l%C3%A8ve"],
  ])("%s: 403 for a user, 400 for an admin, never a lookup", async (_, path) => {
    expect((await call({ method: "GET", path, authorization: asAlice() })).status).toBe(403);
    const asAdmin = await call({ method: "GET", path, authorization: bearer(admin.token) });
    expect(asAdmin).toMatchObject({ status: 400, json: { message: "Invalid request" } });
  });
});
