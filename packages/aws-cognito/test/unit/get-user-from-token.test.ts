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
import { CognitoError, cognito, getUserFromToken } from "../../src/index";

const cognitoMock = mockClient(CognitoIdentityProviderClient);
const issuer = createTestTokenIssuer();

beforeEach(() => {
  vi.stubEnv("AWS_REGION", "eu-west-1");
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
