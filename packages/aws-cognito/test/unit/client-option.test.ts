import {
  CognitoIdentityProviderClient,
  GetUserCommand,
} from "@aws-sdk/client-cognito-identity-provider";
import { defineClient, getClientCreations, resetAll } from "@org/aws-core";
import { createTestTokenIssuer } from "@org/aws-testing";
import { mockClient } from "aws-sdk-client-mock";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { type CognitoClientOption, CognitoError, cognito, getUserFromToken } from "../../src/index";

// Stubs send() of the class: every client of it, whoever created it, answers from here.
const cognitoMock = mockClient(CognitoIdentityProviderClient);
const issuer = createTestTokenIssuer({ userPoolId: "eu-west-1_ThisPool1", clientId: "web" });
const DUMMY = { accessKeyId: "test", secretAccessKey: "test" };

beforeEach(() => {
  // The function runs in another region than its user pool: the case for a client option.
  vi.stubEnv("AWS_REGION", "us-east-1");
  vi.stubEnv("COGNITO_USER_POOL_ID", issuer.userPoolId);
  vi.stubEnv("COGNITO_CLIENT_ID", issuer.clientId);
  cognitoMock.reset();
  cognitoMock.on(GetUserCommand).resolves({
    Username: "ada",
    UserAttributes: [{ Name: "sub", Value: "sub-1" }],
  });
});
afterEach(() => {
  vi.unstubAllEnvs();
  resetAll();
});

describe("getUserFromToken's client option", () => {
  it("sends GetUser on a CognitoIdentityProviderClient given, without creating cognito's", async () => {
    const own = new CognitoIdentityProviderClient({ region: "eu-west-1", credentials: DUMMY });
    const token = issuer.sign({ groups: ["admin"] });
    const user = await getUserFromToken(token, { client: own, requiredGroups: ["admin"] });
    expect(user).toMatchObject({ id: "sub-1", username: "ada", groups: ["admin"] });
    const calls = cognitoMock.commandCalls(GetUserCommand);
    expect(calls).toHaveLength(1);
    expect(calls[0]?.thisValue).toBe(own);
    expect(calls[0]?.args[0].input).toEqual({ AccessToken: token });
    expect(cognito.peek()).toBeUndefined();
  });

  it("sends GetUser on a LazyClient given (cognito.for), created on first use", async () => {
    const pools = cognito.for({ region: "eu-west-1" });
    expect(pools.peek()).toBeUndefined();
    await getUserFromToken(issuer.sign(), { client: pools });
    const used = cognitoMock.commandCalls(GetUserCommand)[0]?.thisValue;
    expect(used).toBeInstanceOf(CognitoIdentityProviderClient);
    expect(used).toBe(pools.peek());
    expect(await (used as CognitoIdentityProviderClient).config.region()).toBe("eu-west-1");
    expect(cognito.peek()).toBeUndefined();
  });

  it("takes any LazyClient of a CognitoIdentityProviderClient (one of defineClient)", async () => {
    const own = new CognitoIdentityProviderClient({ region: "eu-west-1", credentials: DUMMY });
    const pools = defineClient({ name: "cognito-eu", create: () => own });
    await getUserFromToken(issuer.sign(), { client: pools });
    expect(cognitoMock.commandCalls(GetUserCommand)[0]?.thisValue).toBe(own);
    expect(getClientCreations().map((creation) => creation.name)).toEqual(["cognito-eu"]);
  });

  it("uses cognito without the option, as before", async () => {
    await getUserFromToken(issuer.sign(), { client: undefined });
    const used = cognitoMock.commandCalls(GetUserCommand)[0]?.thisValue;
    expect(used).toBe(cognito.peek());
    expect(used).toBeInstanceOf(CognitoIdentityProviderClient);
  });

  describe("keeps every check of the token before GetUser", () => {
    it.each([
      ["a token of another user pool", () => createTestTokenIssuer().sign()],
      ["an id token of the pool", () => issuer.sign({ tokenUse: "id" })],
      ["a token for another app client", () => issuer.sign({ claims: { client_id: "other" } })],
      ["a string that is not a JWT", () => "abc"],
    ])("refuses %s, not sending on the client given nor creating it", async (_, makeToken) => {
      const own = new CognitoIdentityProviderClient({ region: "eu-west-1", credentials: DUMMY });
      const lazy = cognito.for({ region: "eu-west-1" });
      for (const client of [own, lazy]) {
        const error = await getUserFromToken(makeToken(), { client }).catch((e: unknown) => e);
        expect(error).toBeInstanceOf(CognitoError);
        expect(error).toMatchObject({ kind: "unauthorized", safeMessage: "Unauthorized" });
      }
      expect(cognitoMock.commandCalls(GetUserCommand)).toHaveLength(0);
      expect(lazy.peek()).toBeUndefined();
      expect(cognito.peek()).toBeUndefined();
    });
  });

  describe("refuses what is not a client", () => {
    it.each<[string, unknown]>([
      ["a string", "eu-west-1"],
      ["null", null],
      ["an empty object", {}],
      ["an object with send() but no middlewareStack", { send: async () => ({}) }],
      ["an array", []],
      ["a function", () => cognito],
    ])("%s: a CognitoError of kind internal, nothing sent", async (_, value) => {
      const error = await getUserFromToken(issuer.sign(), {
        client: value as CognitoClientOption,
      }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(CognitoError);
      expect(error).toMatchObject({
        name: "CognitoError",
        kind: "internal",
        safeMessage: "Internal Server Error",
      });
      expect((error as CognitoError).message).toMatch(
        /client option is neither a CognitoIdentityProviderClient nor a LazyClient/,
      );
      expect(cognitoMock.commandCalls(GetUserCommand)).toHaveLength(0);
      expect(cognito.peek()).toBeUndefined();
    });

    it("whatever the token: a misconfiguration fails every call, not only valid ones", async () => {
      const error = await getUserFromToken("abc", { client: {} as never }).catch((e: unknown) => e);
      expect(error).toMatchObject({ name: "CognitoError", kind: "internal" });
    });

    it("names what it got, never the value itself", async () => {
      const token = issuer.sign();
      const error = (await getUserFromToken(token, { client: token as never }).catch(
        (e: unknown) => e,
      )) as CognitoError;
      expect(error.message).toContain("got a string");
      expect(error.message).not.toContain(token);
    });
  });
});
