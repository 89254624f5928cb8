import {
  CognitoIdentityProviderClient,
  GetUserCommand,
  NotAuthorizedException,
} from "@aws-sdk/client-cognito-identity-provider";
import { resetAll } from "@org/aws-core";
import { createTestTokenIssuer } from "@org/aws-testing";
import { mockClient } from "aws-sdk-client-mock";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import {
  CognitoUnauthorizedError,
  cognito,
  getCognitoClient,
  getUserFromToken,
} from "../../src/index";

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

  it("turns NotAuthorizedException into CognitoUnauthorizedError", async () => {
    cognitoMock
      .on(GetUserCommand)
      .rejects(new NotAuthorizedException({ message: "Invalid Access Token", $metadata: {} }));
    const error = await getUserFromToken(issuer.sign()).catch((e) => e);
    expect(error).toBeInstanceOf(CognitoUnauthorizedError);
    expect(error.cause).toBeInstanceOf(NotAuthorizedException);
  });

  it("refuses an empty token without calling Cognito", async () => {
    await expect(getUserFromToken("")).rejects.toBeInstanceOf(CognitoUnauthorizedError);
    expect(cognitoMock.calls()).toHaveLength(0);
  });

  it("lets other failures through", async () => {
    cognitoMock.on(GetUserCommand).rejects(new Error("socket hang up"));
    await expect(getUserFromToken(issuer.sign())).rejects.toThrow("socket hang up");
  });

  it("uses one lazy client, in both access forms", async () => {
    expect(await getCognitoClient()).toBe(await cognito.get());
  });
});
