import {
  CognitoIdentityProviderClient,
  GetUserCommand,
  InternalErrorException,
  NotAuthorizedException,
  TooManyRequestsException,
} from "@aws-sdk/client-cognito-identity-provider";
import { AwsCoreError, resetAll } from "@org/aws-core";
import { createTestTokenIssuer } from "@org/aws-testing";
import { mockClient } from "aws-sdk-client-mock";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { CognitoError, cognito, getUserFromToken, tokenVerifier } from "../../src/index";

const cognitoMock = mockClient(CognitoIdentityProviderClient);
// This function's user pool and app client: getUserFromToken takes only their tokens.
const issuer = createTestTokenIssuer({ userPoolId: "eu-west-1_ThisPool1", clientId: "web" });

beforeEach(() => {
  vi.stubEnv("AWS_REGION", "eu-west-1");
  vi.stubEnv("COGNITO_USER_POOL_ID", issuer.userPoolId);
  vi.stubEnv("COGNITO_CLIENT_ID", issuer.clientId);
  cognitoMock.reset();
});
afterEach(() => {
  vi.unstubAllEnvs();
  resetAll();
});

const sdkError = (name: string, extra: Record<string, unknown> = {}) =>
  Object.assign(new Error(`${name} from Cognito`), { name, $metadata: {}, ...extra });

describe("getUserFromToken", () => {
  it("asks Cognito (GetUser) and normalises the answer, groups from the token", async () => {
    cognitoMock.on(GetUserCommand).resolves({
      Username: "ada",
      UserAttributes: [
        { Name: "sub", Value: "sub-1" },
        { Name: "email", Value: "ada@example.com" },
      ],
    });
    const token = issuer.sign({ groups: ["admin"] });
    const user = await getUserFromToken(token);
    expect(user).toMatchObject({
      id: "sub-1",
      username: "ada",
      email: "ada@example.com",
      groups: ["admin"],
    });
    expect(cognitoMock.commandCalls(GetUserCommand)[0]?.args[0].input).toEqual({
      AccessToken: token,
    });
  });

  it("enforces requiredGroups on the token's groups", async () => {
    cognitoMock.on(GetUserCommand).resolves({
      Username: "ada",
      UserAttributes: [{ Name: "sub", Value: "sub-1" }],
    });
    const error = await getUserFromToken(issuer.sign({ groups: ["staff"] }), {
      requiredGroups: ["admin"],
    }).catch((e) => e);
    expect(error).toBeInstanceOf(CognitoError);
    expect(error).toMatchObject({ kind: "forbidden", requiredGroups: ["admin"] });
  });

  it("turns NotAuthorizedException into a CognitoError of kind unauthorized, cause kept", async () => {
    cognitoMock
      .on(GetUserCommand)
      .rejects(new NotAuthorizedException({ message: "Invalid Access Token", $metadata: {} }));
    const token = issuer.sign();
    const error = await getUserFromToken(token).catch((e) => e);
    expect(error).toBeInstanceOf(CognitoError);
    expect(error).toMatchObject({
      name: "CognitoUnauthorizedError",
      kind: "unauthorized",
      safeMessage: "Unauthorized",
    });
    expect(error.cause).toBeInstanceOf(NotAuthorizedException);
    expect(error.message).not.toContain(token);
  });

  it.each(["", "not a token", "a.b.c\n", "tok€n"])(
    "refuses %j without calling Cognito",
    async (token) => {
      await expect(getUserFromToken(token)).rejects.toMatchObject({ kind: "unauthorized" });
      expect(cognitoMock.calls()).toHaveLength(0);
    },
  );

  describe("holds the token to this function's user pool and app clients, before GetUser", () => {
    // GetUser accepts a valid access token of any user pool: a user of another pool (an
    // attacker's own, whose groups they choose) must be refused before Cognito is asked.
    const userFound = () =>
      cognitoMock.on(GetUserCommand).resolves({
        Username: "ada",
        UserAttributes: [{ Name: "sub", Value: "sub-1" }],
      });

    it.each([
      [
        "a token of another user pool",
        () =>
          createTestTokenIssuer({ userPoolId: "eu-west-1_OtherPool", clientId: "web" }).sign({
            groups: ["admin"],
          }),
      ],
      [
        "a token of a pool of the same id in another region",
        () =>
          issuer.sign({
            claims: { iss: "https://cognito-idp.us-east-1.amazonaws.com/eu-west-1_ThisPool1" },
          }),
      ],
      [
        "a token of another issuer host",
        () =>
          issuer.sign({
            claims: { iss: "https://cognito-idp.eu-west-1.example.com/eu-west-1_ThisPool1" },
          }),
      ],
      ["a token without iss", () => issuer.sign({ claims: { iss: undefined } })],
      ["an id token of the pool", () => issuer.sign({ tokenUse: "id" })],
      ["a token for another app client", () => issuer.sign({ claims: { client_id: "other" } })],
      ["a token without client_id", () => issuer.sign({ claims: { client_id: undefined } })],
      ["a string that is not a JWT (three parts)", () => "a.b.c"],
      ["a string that is not a JWT (one part)", () => "abc"],
    ])("refuses %s (kind unauthorized) without calling GetUser", async (_, makeToken) => {
      userFound();
      const token = makeToken();
      const error = await getUserFromToken(token).catch((e) => e);
      expect(error).toBeInstanceOf(CognitoError);
      expect(error).toMatchObject({
        name: "CognitoUnauthorizedError",
        kind: "unauthorized",
        safeMessage: "Unauthorized",
      });
      expect(error.message).not.toContain(token);
      expect(cognitoMock.commandCalls(GetUserCommand)).toHaveLength(0);
    });

    it("takes a token of the pool's issuer-cognito-idp host (an UPDATED issuer)", async () => {
      userFound();
      const token = issuer.sign({
        groups: ["admin"],
        claims: { iss: "https://issuer-cognito-idp.eu-west-1.amazonaws.com/eu-west-1_ThisPool1" },
      });
      await expect(getUserFromToken(token)).resolves.toMatchObject({ groups: ["admin"] });
      expect(cognitoMock.commandCalls(GetUserCommand)).toHaveLength(1);
    });

    it("takes a token of any of the configured app clients (COGNITO_CLIENT_ID a list)", async () => {
      userFound();
      vi.stubEnv("COGNITO_CLIENT_ID", "web,mobile");
      await expect(
        getUserFromToken(issuer.sign({ claims: { client_id: "mobile" } })),
      ).resolves.toMatchObject({ username: "ada" });
      expect(cognitoMock.commandCalls(GetUserCommand)).toHaveLength(1);
    });

    it("holds to tokenVerifier's configured pool and clients over the environment", async () => {
      userFound();
      const other = createTestTokenIssuer({ userPoolId: "eu-west-1_Configured", clientId: "app" });
      tokenVerifier.configure({ userPoolId: other.userPoolId, clientId: other.clientId });
      await expect(getUserFromToken(issuer.sign())).rejects.toMatchObject({
        kind: "unauthorized",
      });
      expect(cognitoMock.commandCalls(GetUserCommand)).toHaveLength(0);
      await expect(getUserFromToken(other.sign())).resolves.toMatchObject({ username: "ada" });
      expect(cognitoMock.commandCalls(GetUserCommand)).toHaveLength(1);
    });

    it("takes a token of any app client of the pool with configure({ clientId: null })", async () => {
      userFound();
      tokenVerifier.configure({ clientId: null });
      vi.stubEnv("COGNITO_CLIENT_ID", "");
      const token = issuer.sign({ groups: ["admin"], claims: { client_id: "any-client" } });
      await expect(getUserFromToken(token)).resolves.toMatchObject({
        username: "ada",
        groups: ["admin"],
      });
      expect(cognitoMock.commandCalls(GetUserCommand)).toHaveLength(1);
      // Still of this pool only.
      const otherPool = createTestTokenIssuer({ userPoolId: "eu-west-1_OtherPool" });
      await expect(getUserFromToken(otherPool.sign())).rejects.toMatchObject({
        kind: "unauthorized",
      });
      expect(cognitoMock.commandCalls(GetUserCommand)).toHaveLength(1);
    });

    it.each([
      ["COGNITO_USER_POOL_ID", "userPoolId"],
      ["COGNITO_CLIENT_ID", "clientId"],
    ])("without %s, fails with kind internal without calling GetUser", async (name, setting) => {
      userFound();
      vi.stubEnv(name, undefined);
      const error = await getUserFromToken(issuer.sign()).catch((e) => e);
      expect(error).toBeInstanceOf(CognitoError);
      expect(error).toMatchObject({ kind: "internal", safeMessage: "Internal Server Error" });
      expect(error.cause).toMatchObject({ name: "InvalidConfigError", setting });
      expect(cognitoMock.commandCalls(GetUserCommand)).toHaveLength(0);
    });
  });

  it.each([
    [
      "InternalErrorException",
      () => new InternalErrorException({ message: "boom", $metadata: {} }),
      "unavailable",
      "Service Unavailable",
    ],
    [
      "ServiceUnavailable (5xx)",
      () =>
        sdkError("ServiceUnavailable", { $fault: "server", $metadata: { httpStatusCode: 503 } }),
      "unavailable",
      "Service Unavailable",
    ],
    [
      "any answer with a 5xx status",
      () => sdkError("UnknownError", { $metadata: { httpStatusCode: 502 } }),
      "unavailable",
      "Service Unavailable",
    ],
    [
      "a connection reset",
      () => Object.assign(new Error("socket hang up"), { code: "ECONNRESET" }),
      "unavailable",
      "Service Unavailable",
    ],
    [
      "a request timeout",
      () => Object.assign(new Error("request timed out"), { name: "TimeoutError" }),
      "unavailable",
      "Service Unavailable",
    ],
    [
      "TooManyRequestsException",
      () => new TooManyRequestsException({ message: "slow down", $metadata: {} }),
      "throttled",
      "Too Many Requests",
    ],
    [
      "the invocation's deadline (an AwsCoreError of kind timeout)",
      () => new AwsCoreError("GetUser stopped at the invocation's deadline", { kind: "timeout" }),
      "timeout",
      "Gateway Timeout",
    ],
    [
      "anything else (ForbiddenException: WAF)",
      () => sdkError("ForbiddenException", { $fault: "client" }),
      "internal",
      "Internal Server Error",
    ],
    ["a plain error", () => new Error("socket hang up"), "internal", "Internal Server Error"],
  ])("turns %s into a CognitoError of kind %s", async (_, makeError, kind, safeMessage) => {
    const cause = makeError();
    cognitoMock.on(GetUserCommand).rejects(cause);
    const error = await getUserFromToken(issuer.sign()).catch((e) => e);
    expect(error).toBeInstanceOf(CognitoError);
    expect(error).toMatchObject({ kind, safeMessage });
    expect(error.cause).toBe(cause);
  });

  it("uses one lazy client, whose sdk() is the SDK module", async () => {
    const client = await cognito.get();
    expect(cognito.client).toBe(client);
    expect(cognito.peek()).toBe(client);
    expect((await cognito.sdk()).GetUserCommand).toBe(GetUserCommand);
  });
});
