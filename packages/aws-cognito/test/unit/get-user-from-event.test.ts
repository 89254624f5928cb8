import { resetAll } from "@org/aws-core";
import { createTestTokenIssuer } from "@org/aws-testing";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import {
  CognitoForbiddenError,
  CognitoUnauthorizedError,
  getUserFromEvent,
  tokenVerifier,
} from "../../src/index";

const issuer = createTestTokenIssuer({ userPoolId: "eu-west-1_Unit12345", clientId: "web" });
const withBearer = (token: string) => ({ headers: { authorization: `Bearer ${token}` } });

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
    expect(error).toBeInstanceOf(CognitoForbiddenError);
    expect(error).toMatchObject({ kind: "forbidden", requiredGroups: ["admin"] });
    await expect(
      getUserFromEvent(withBearer(issuer.sign()), { requiredGroups: ["admin"] }),
    ).rejects.toBeInstanceOf(CognitoForbiddenError);
  });

  it("enforces the verifier's groups option as 403 too", async () => {
    resetAll();
    tokenVerifier.configure({
      userPoolId: issuer.userPoolId,
      clientId: "web",
      jwksFetcher: issuer.fetcher,
      groups: ["admin"],
    });
    await expect(
      getUserFromEvent(withBearer(issuer.sign({ groups: ["staff"] }))),
    ).rejects.toBeInstanceOf(CognitoForbiddenError);
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
  ];

  it.each(badRequests)("refuses %s with CognitoUnauthorizedError (401)", async (_, makeEvent) => {
    const error = await getUserFromEvent(makeEvent() as never).catch((e) => e);
    expect(error).toBeInstanceOf(CognitoUnauthorizedError);
    expect(error).toMatchObject({ kind: "unauthorized", safeMessage: "Unauthorized" });
  });

  it("never puts the token in an error message", async () => {
    const token = issuer.sign({ expiresIn: -60 });
    const error = await getUserFromEvent(withBearer(token)).catch((e) => e);
    expect(error.message).not.toContain(token);
  });

  it("fetches the JWKS once for many verifications", async () => {
    const before = issuer.jwksRequests();
    await Promise.all(
      Array.from({ length: 20 }, () => getUserFromEvent(withBearer(issuer.sign()))),
    );
    for (let i = 0; i < 20; i++) await getUserFromEvent(withBearer(issuer.sign()));
    expect(issuer.jwksRequests() - before).toBe(1);
  });

  it("prime() fetches the JWKS during init, so requests fetch nothing", async () => {
    const before = issuer.jwksRequests();
    await tokenVerifier.prime();
    const afterPrime = issuer.jwksRequests();
    expect(afterPrime).toBeGreaterThan(before);
    for (let i = 0; i < 5; i++) await getUserFromEvent(withBearer(issuer.sign()));
    expect(issuer.jwksRequests()).toBe(afterPrime);
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
    expect(error).toBeInstanceOf(CognitoForbiddenError);
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
    ).rejects.toBeInstanceOf(CognitoUnauthorizedError);
    await expect(
      getUserFromEvent(
        {
          requestContext: {
            authorizer: { claims: { sub: "s", "cognito:groups": "staff", token_use: "access" } },
          },
        },
        { requiredGroups: ["admin"] },
      ),
    ).rejects.toBeInstanceOf(CognitoForbiddenError);
  });

  // API Gateway's JWT authorizer accepts a Cognito id token: its aud is the app client id.
  it("refuses claims of another token_use than the one expected", async () => {
    const idTokenClaims = { sub: "s", "cognito:username": "x", token_use: "id", aud: "web" };
    const event = { requestContext: { authorizer: { jwt: { claims: idTokenClaims } } } };
    const error = await getUserFromEvent(event).catch((e) => e);
    expect(error).toBeInstanceOf(CognitoUnauthorizedError);
    expect(error.safeMessage).toBe("Unauthorized");
    await expect(getUserFromEvent(event, { tokenUse: "id" })).resolves.toMatchObject({ id: "s" });
    vi.stubEnv("COGNITO_TOKEN_USE", "id");
    await expect(getUserFromEvent(event)).resolves.toMatchObject({ id: "s" });
    vi.unstubAllEnvs();
  });
});

describe("verifier configuration", () => {
  it("says which variable to set when the pool is unknown", async () => {
    resetAll();
    const previous = process.env.COGNITO_USER_POOL_ID;
    delete process.env.COGNITO_USER_POOL_ID;
    try {
      await expect(getUserFromEvent(withBearer(issuer.sign()))).rejects.toThrow(
        /COGNITO_USER_POOL_ID/,
      );
    } finally {
      if (previous !== undefined) process.env.COGNITO_USER_POOL_ID = previous;
    }
  });

  it("refuses configuration after first use", async () => {
    await getUserFromEvent(withBearer(issuer.sign()));
    expect(() => tokenVerifier.configure({ tokenUse: "id" })).toThrow(/already created/);
  });

  it("reports an unreachable JWKS as a server error, not a 401", async () => {
    resetAll();
    tokenVerifier.configure({
      userPoolId: issuer.userPoolId,
      clientId: "web",
      jwksFetcher: {
        fetch: async () => {
          throw new Error("network down");
        },
      },
    });
    const error = await getUserFromEvent(withBearer(issuer.sign())).catch((e) => e);
    expect(error).not.toBeInstanceOf(CognitoUnauthorizedError);
    expect(String(error.message)).toMatch(/network down/);
  });
});
