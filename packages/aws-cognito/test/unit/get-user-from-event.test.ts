import { prime, resetAll } from "@org/aws-core";
import { createTestTokenIssuer } from "@org/aws-testing";
import { JwksValidationError } from "aws-jwt-verify/error";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { CognitoError, getUserFromEvent, tokenVerifier } from "../../src/index";

const issuer = createTestTokenIssuer({ userPoolId: "eu-west-1_Unit12345", clientId: "web" });
const withBearer = (token: string) => ({ headers: { authorization: `Bearer ${token}` } });
const ofKind = (kind: string) => expect.objectContaining({ kind });

beforeEach(() => {
  tokenVerifier.configure({
    userPoolId: issuer.userPoolId,
    clientId: issuer.clientId,
    jwksFetcher: issuer.fetcher,
  });
});
afterEach(() => resetAll());

describe("getUserFromEvent with a Bearer token", () => {
  it("verifies the token and normalises the user", async () => {
    const token = issuer.sign({ sub: "user-1", username: "ada", groups: ["admin", "staff"] });
    const user = await getUserFromEvent(withBearer(token));
    expect(user).toMatchObject({ id: "user-1", username: "ada", groups: ["admin", "staff"] });
    expect(user.claims.token_use).toBe("access");
  });

  it("finds the header whatever its case (REST APIs keep it)", async () => {
    const user = await getUserFromEvent({ headers: { Authorization: `bearer ${issuer.sign()}` } });
    expect(user.username).toBe("test-user");
  });

  it("enforces required groups: 403 for a valid user outside them", async () => {
    const token = issuer.sign({ sub: "user-2", username: "grace", groups: ["staff"] });
    await expect(
      getUserFromEvent(withBearer(token), { requiredGroups: ["staff", "admin"] }),
    ).resolves.toEqual({
      id: "user-2",
      username: "grace",
      email: undefined,
      groups: ["staff"],
      claims: expect.objectContaining({ sub: "user-2", "cognito:groups": ["staff"] }),
    });
    const error = await getUserFromEvent(withBearer(token), { requiredGroups: ["admin"] }).catch(
      (e) => e,
    );
    expect(error).toBeInstanceOf(CognitoError);
    expect(error).toMatchObject({ kind: "forbidden", requiredGroups: ["admin"] });
    await expect(
      getUserFromEvent(withBearer(issuer.sign()), { requiredGroups: ["admin"] }),
    ).rejects.toEqual(ofKind("forbidden"));
  });

  it("enforces the verifier's groups option as 403 too", async () => {
    resetAll();
    tokenVerifier.configure({
      userPoolId: issuer.userPoolId,
      clientId: "web",
      jwksFetcher: issuer.fetcher,
      groups: ["admin"],
    });
    const error = await getUserFromEvent(withBearer(issuer.sign({ groups: ["staff"] }))).catch(
      (e) => e,
    );
    expect(error).toBeInstanceOf(CognitoError);
    expect(error).toMatchObject({ kind: "forbidden", requiredGroups: ["admin"] });
  });

  const badRequests: [string, () => unknown][] = [
    ["no headers at all", () => ({})],
    ["no Authorization header", () => ({ headers: { "content-type": "application/json" } })],
    ['"Bearer" with nothing', () => ({ headers: { authorization: "Bearer" } })],
    ['"Bearer " with spaces only', () => ({ headers: { authorization: "Bearer    " } })],
    ["another scheme", () => ({ headers: { authorization: `Basic ${btoa("a:b")}` } })],
    ["garbage", () => withBearer("not.a.jwt")],
    ["random base64", () => withBearer("aGVsbG8.d29ybGQ.IQ")],
    ["alg none", () => withBearer(issuer.sign({ header: { alg: "none" } }))],
    ["alg HS256", () => withBearer(issuer.sign({ header: { alg: "HS256" } }))],
    ["signed by another key", () => withBearer(issuer.sign({ signWith: issuer.otherKey() }))],
    ["an unknown kid", () => withBearer(issuer.sign({ header: { kid: "not-in-jwks" } }))],
    ["an expired token", () => withBearer(issuer.sign({ expiresIn: -60 }))],
    [
      "a token not yet valid",
      () => withBearer(issuer.sign({ claims: { nbf: Math.floor(Date.now() / 1000) + 3600 } })),
    ],
    ["a wrong client id", () => withBearer(issuer.sign({ claims: { client_id: "other-client" } }))],
    ["an id token where access is required", () => withBearer(issuer.sign({ tokenUse: "id" }))],
    [
      "a wrong issuer",
      () => withBearer(issuer.sign({ claims: { iss: "https://evil.example.com/pool" } })),
    ],
    ["a header over 8 KB", () => withBearer("a".repeat(9_000))],
    ["a sub of the wrong type", () => withBearer(issuer.sign({ claims: { sub: 42 } }))],
    [
      "groups of the wrong type",
      () => withBearer(issuer.sign({ claims: { "cognito:groups": { admin: true } } })),
    ],
    ["an email of the wrong type", () => withBearer(issuer.sign({ claims: { email: ["a@b.c"] } }))],
    // A verified token carries its groups as an array: a string is not Cognito's.
    [
      "groups as a string in a token",
      () => withBearer(issuer.sign({ claims: { "cognito:groups": "[admin]" } })),
    ],
    ["a header that is not a string", () => ({ headers: { authorization: ["Bearer x"] } })],
  ];

  it.each(badRequests)(
    "refuses %s with a CognitoError of kind unauthorized (401)",
    async (_, makeEvent) => {
      const error = await getUserFromEvent(makeEvent() as never).catch((e) => e);
      expect(error).toBeInstanceOf(CognitoError);
      expect(error).toMatchObject({
        name: "CognitoUnauthorizedError",
        kind: "unauthorized",
        safeMessage: "Unauthorized",
      });
    },
  );

  it("never puts the token in an error message, nor the pool or client in a safe message", async () => {
    const token = issuer.sign({ expiresIn: -60 });
    const error = await getUserFromEvent(withBearer(token)).catch((e) => e);
    expect(error.message).not.toContain(token);
    const wrongClient = issuer.sign({ claims: { client_id: "other-client" } });
    const refused = await getUserFromEvent(withBearer(wrongClient)).catch((e) => e);
    expect(refused.message).toContain("other-client");
    for (const secret of ["other-client", "web", issuer.userPoolId, issuer.issuer, wrongClient]) {
      expect(refused.safeMessage).not.toContain(secret);
    }
  });

  it("fetches the JWKS once for many verifications", async () => {
    const before = issuer.jwksRequests();
    await Promise.all(
      Array.from({ length: 20 }, () => getUserFromEvent(withBearer(issuer.sign()))),
    );
    for (let i = 0; i < 20; i++) await getUserFromEvent(withBearer(issuer.sign()));
    expect(issuer.jwksRequests() - before).toBe(1);
  });

  it("prime([tokenVerifier]) fetches the JWKS once, during init, so requests fetch nothing", async () => {
    const before = issuer.jwksRequests();
    expect(tokenVerifier.peek()).toBeUndefined();
    const [result] = await prime([tokenVerifier], { when: "always" });
    expect(result).toMatchObject({ name: "cognito-jwt-verifier", primed: true });
    expect(issuer.jwksRequests() - before).toBe(1);
    expect(tokenVerifier.peek()).toBeDefined();
    for (let i = 0; i < 5; i++) await getUserFromEvent(withBearer(issuer.sign()));
    // A token of Cognito's other issuer host name finds its keys cached too.
    const globalIssuer = issuer.issuer.replace("://cognito-idp.", "://issuer-cognito-idp.");
    await expect(
      getUserFromEvent(withBearer(issuer.sign({ claims: { iss: globalIssuer } }))),
    ).resolves.toMatchObject({ username: "test-user" });
    expect(issuer.jwksRequests() - before).toBe(1);
  });
});

describe("getUserFromEvent behind an API Gateway authorizer", () => {
  it("takes HTTP API JWT authorizer claims, groups given as '[a b]'", async () => {
    const user = await getUserFromEvent({
      requestContext: {
        authorizer: {
          jwt: {
            claims: {
              sub: "s1",
              username: "grace",
              token_use: "access",
              "cognito:groups": "[admin staff]",
              email: "g@example.com",
            },
          },
        },
      },
    });
    expect(user).toEqual({
      id: "s1",
      username: "grace",
      email: "g@example.com",
      groups: ["admin", "staff"],
      claims: expect.objectContaining({ sub: "s1" }),
    });
  });

  it("takes REST API Cognito authorizer claims, groups given as 'a,b'", async () => {
    const user = await getUserFromEvent(
      {
        requestContext: {
          authorizer: {
            claims: { sub: "s2", "cognito:username": "linus", "cognito:groups": "admin,staff" },
          },
        },
      },
      { tokenUse: null },
    );
    expect(user).toMatchObject({ id: "s2", username: "linus", groups: ["admin", "staff"] });
  });

  it("keeps a comma inside a group name in the HTTP API form: '[editors,admins]' is one group", async () => {
    const event = (groups: string) => ({
      requestContext: {
        authorizer: {
          jwt: { claims: { sub: "s4", token_use: "access", "cognito:groups": groups } },
        },
      },
    });
    const user = await getUserFromEvent(event("[editors,admins]"));
    expect(user.groups).toEqual(["editors,admins"]);
    const error = await getUserFromEvent(event("[editors,admins]"), {
      requiredGroups: ["admins"],
    }).catch((e) => e);
    expect(error).toBeInstanceOf(CognitoError);
    expect(error).toMatchObject({ kind: "forbidden", requiredGroups: ["admins"] });
    // Groups are separated by spaces only; a comma-named group next to others stays whole.
    await expect(getUserFromEvent(event("[editors,admins staff]"))).resolves.toMatchObject({
      groups: ["editors,admins", "staff"],
    });
    await expect(
      getUserFromEvent(event("[editors,admins]"), { requiredGroups: ["editors,admins"] }),
    ).resolves.toMatchObject({ id: "s4", groups: ["editors,admins"] });
  });

  it("splits the REST form on commas, and lets a member of a required group through", async () => {
    const user = await getUserFromEvent(
      {
        requestContext: {
          authorizer: {
            claims: { sub: "s5", "cognito:username": "ken", "cognito:groups": "staff,admin" },
          },
        },
      },
      { tokenUse: null, requiredGroups: ["admin"] },
    );
    expect(user).toMatchObject({ id: "s5", username: "ken", groups: ["staff", "admin"] });
  });

  it("does not verify a Bearer token when an authorizer already did", async () => {
    const user = await getUserFromEvent({
      headers: { authorization: "Bearer garbage" },
      requestContext: { authorizer: { jwt: { claims: { sub: "s3", token_use: "access" } } } },
    });
    expect(user.id).toBe("s3");
  });

  it("refuses authorizer claims without a sub, and enforces groups", async () => {
    await expect(
      getUserFromEvent({
        requestContext: { authorizer: { claims: { username: "x", token_use: "access" } } },
      }),
    ).rejects.toEqual(ofKind("unauthorized"));
    await expect(
      getUserFromEvent(
        {
          requestContext: {
            authorizer: { claims: { sub: "s", "cognito:groups": "staff", token_use: "access" } },
          },
        },
        { requiredGroups: ["admin"] },
      ),
    ).rejects.toEqual(ofKind("forbidden"));
  });

  // API Gateway's JWT authorizer accepts a Cognito id token: its aud is the app client id.
  it("refuses claims of another token_use than the one expected", async () => {
    const idTokenClaims = { sub: "s", "cognito:username": "x", token_use: "id", aud: "web" };
    const event = { requestContext: { authorizer: { jwt: { claims: idTokenClaims } } } };
    const error = await getUserFromEvent(event).catch((e) => e);
    expect(error).toBeInstanceOf(CognitoError);
    expect(error).toMatchObject({ kind: "unauthorized", safeMessage: "Unauthorized" });
    await expect(getUserFromEvent(event, { tokenUse: "id" })).resolves.toMatchObject({ id: "s" });
    vi.stubEnv("COGNITO_TOKEN_USE", "id");
    await expect(getUserFromEvent(event)).resolves.toMatchObject({ id: "s" });
    vi.unstubAllEnvs();
  });
});

describe("a REST API group literally named '[admins]'", () => {
  it("is that group, not admins, and a bracketed HTTP API value is still a list", async () => {
    const rest = {
      requestContext: {
        authorizer: { claims: { sub: "s6", token_use: "access", "cognito:groups": "[admins]" } },
      },
    };
    await expect(getUserFromEvent(rest)).resolves.toMatchObject({ groups: ["[admins]"] });
    await expect(getUserFromEvent(rest, { requiredGroups: ["admins"] })).rejects.toMatchObject({
      kind: "forbidden",
    });
    const httpApi = {
      requestContext: {
        authorizer: {
          jwt: { claims: { sub: "s7", token_use: "access", "cognito:groups": "[admins]" } },
        },
      },
    };
    await expect(getUserFromEvent(httpApi, { requiredGroups: ["admins"] })).resolves.toMatchObject({
      groups: ["admins"],
    });
  });
});

describe("tokenVerifier, a singleton with the clients' rules", () => {
  it("get() creates the verifier and fetches its JWKS once, for concurrent callers too", async () => {
    const before = issuer.jwksRequests();
    const verifiers = await Promise.all([
      tokenVerifier.get(),
      tokenVerifier.get(),
      tokenVerifier.get(),
    ]);
    expect(new Set(verifiers).size).toBe(1);
    expect(tokenVerifier.peek()).toBe(verifiers[0]);
    expect(await tokenVerifier.get()).toBe(verifiers[0]);
    expect(issuer.jwksRequests() - before).toBe(1);
    expect(tokenVerifier.name).toBe("cognito-jwt-verifier");
  });

  it("refuses configure() after creation with core's InvalidConfigError", async () => {
    await tokenVerifier.get();
    let error: unknown;
    try {
      tokenVerifier.configure({ tokenUse: "id" });
    } catch (caught) {
      error = caught;
    }
    expect(error).toMatchObject({ name: "InvalidConfigError", kind: "internal" });
    expect(String((error as Error).message)).toMatch(/cognito-jwt-verifier already created/);
  });

  it("refuses configuration after first use", async () => {
    await getUserFromEvent(withBearer(issuer.sign()));
    expect(() => tokenVerifier.configure({ tokenUse: "id" })).toThrow(/already created/);
  });

  it("reset() forgets the verifier and its JWKS, and keeps the options", async () => {
    const first = await tokenVerifier.get();
    const before = issuer.jwksRequests();
    tokenVerifier.reset();
    expect(tokenVerifier.peek()).toBeUndefined();
    const second = await tokenVerifier.get();
    expect(second).not.toBe(first);
    expect(issuer.jwksRequests() - before).toBe(1);
    await expect(getUserFromEvent(withBearer(issuer.sign()))).resolves.toMatchObject({
      username: "test-user",
    });
  });

  it("says which variable to set when the pool is unknown, as a CognitoError", async () => {
    resetAll();
    vi.stubEnv("COGNITO_USER_POOL_ID", "");
    try {
      const error = await getUserFromEvent(withBearer(issuer.sign())).catch((e) => e);
      expect(error).toBeInstanceOf(CognitoError);
      expect(error).toMatchObject({ kind: "internal", safeMessage: "Internal Server Error" });
      expect(error.message).toMatch(/COGNITO_USER_POOL_ID/);
      expect(error.cause).toMatchObject({ name: "InvalidConfigError" });
      await expect(tokenVerifier.get()).rejects.toBeInstanceOf(CognitoError);
    } finally {
      vi.unstubAllEnvs();
    }
  });

  it("refuses a malformed user pool id as a misconfiguration", async () => {
    resetAll();
    tokenVerifier.configure({ userPoolId: "not-a-pool", clientId: "web" });
    const error = await tokenVerifier.get().catch((e) => e);
    expect(error).toBeInstanceOf(CognitoError);
    expect(error).toMatchObject({ kind: "internal" });
    expect(error.message).toMatch(/userPoolId/);
  });
});

describe("the user pool's keys (JWKS) out of reach", () => {
  const refused = Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:9"), {
    code: "ECONNREFUSED",
  });

  it("is a CognitoError of kind unavailable (503), never a 401, and is not kept", async () => {
    resetAll();
    let down = true;
    tokenVerifier.configure({
      userPoolId: issuer.userPoolId,
      clientId: "web",
      jwksFetcher: {
        fetch: async (uri) => {
          if (down) throw refused;
          return issuer.fetcher.fetch(uri);
        },
      },
    });
    const error = await getUserFromEvent(withBearer(issuer.sign())).catch((e) => e);
    expect(error).toBeInstanceOf(CognitoError);
    expect(error).toMatchObject({
      name: "CognitoUnavailableError",
      kind: "unavailable",
      safeMessage: "Service Unavailable",
    });
    expect(error.message).toMatch(/ECONNREFUSED/);
    expect(error.cause).toBe(refused);
    await expect(tokenVerifier.get()).rejects.toMatchObject({ kind: "unavailable" });
    // The next call tries again.
    down = false;
    await expect(getUserFromEvent(withBearer(issuer.sign()))).resolves.toMatchObject({
      username: "test-user",
    });
  });

  it("prime([tokenVerifier]) reports it without throwing; the first request tries again", async () => {
    resetAll();
    tokenVerifier.configure({
      userPoolId: issuer.userPoolId,
      clientId: "web",
      jwksFetcher: {
        fetch: async () => {
          throw refused;
        },
      },
    });
    const warning = vi.spyOn(process, "emitWarning").mockImplementation(() => {});
    try {
      const [result] = await prime([tokenVerifier], { when: "always" });
      expect(result).toMatchObject({
        primed: false,
        error: expect.objectContaining({ kind: "unavailable" }),
      });
    } finally {
      warning.mockRestore();
    }
  });

  it("is unavailable when AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER points at a closed port", async () => {
    resetAll();
    vi.stubEnv(
      "AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER",
      `http://127.0.0.1:${await closedPort()}`,
    );
    try {
      tokenVerifier.configure({ userPoolId: issuer.userPoolId, clientId: "web" });
      const error = await getUserFromEvent(withBearer(issuer.sign())).catch((e) => e);
      expect(error).toBeInstanceOf(CognitoError);
      expect(error).toMatchObject({ kind: "unavailable", safeMessage: "Service Unavailable" });
      expect(error.message).toMatch(/JWKS/);
    } finally {
      vi.unstubAllEnvs();
    }
  });

  it("a JWKS that is not one is a server misconfiguration (internal), not a 401", async () => {
    resetAll();
    tokenVerifier.configure({
      userPoolId: issuer.userPoolId,
      clientId: "web",
      jwksFetcher: {
        fetch: async () => new TextEncoder().encode('{"keys": 42}').buffer as ArrayBuffer,
      },
    });
    const error = await getUserFromEvent(withBearer(issuer.sign())).catch((e) => e);
    expect(error).toBeInstanceOf(CognitoError);
    expect(error).toMatchObject({ kind: "internal", safeMessage: "Internal Server Error" });
    expect(error.cause).toBeInstanceOf(JwksValidationError);
  });
});

async function closedPort(): Promise<number> {
  const { createServer } = await import("node:net");
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  await new Promise((resolve) => server.close(resolve));
  return typeof address === "object" && address ? address.port : 9;
}
