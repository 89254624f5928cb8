import { createServer, request, type Server } from "node:http";
import {
  CognitoIdentityProviderClient,
  CreateUserPoolClientCommand,
  CreateUserPoolCommand,
  GetUserCommand,
} from "@aws-sdk/client-cognito-identity-provider";
import { prime, resetAll } from "@org/aws-core";
import {
  type CognitoLocal,
  createUser,
  type SignedInTokens,
  signIn,
  startCognitoLocal,
} from "@org/aws-testing/local";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import {
  CognitoError,
  cognito,
  getUserFromEvent,
  getUserFromToken,
  tokenVerifier,
} from "../../src/index";

// cognito-local behind a small proxy on 127.0.0.1 that counts the JWKS and GetUser requests
// it passes on.
let local: CognitoLocal;
let proxy: Server;
let jwksRequests = 0;
let getUserRequests = 0;
let clientId = "";
let ada: SignedInTokens;
let adaSub = "";

beforeAll(async () => {
  local = await startCognitoLocal({ region: "eu-west-1", userPoolId: "eu-west-1_Integ1234" });
  const target = new URL(local.endpoint);
  proxy = createServer((req, res) => {
    if (req.url?.endsWith("/.well-known/jwks.json")) jwksRequests++;
    if (req.headers["x-amz-target"] === "AWSCognitoIdentityProviderService.GetUser") {
      getUserRequests++;
    }
    const upstream = request(
      {
        host: target.hostname,
        port: target.port,
        path: req.url,
        method: req.method,
        headers: req.headers,
      },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    req.pipe(upstream);
  });
  await new Promise<void>((resolve) => proxy.listen(0, "127.0.0.1", resolve));
  const address = proxy.address();
  const proxyEndpoint = `http://127.0.0.1:${typeof address === "object" && address ? address.port : 0}`;

  clientId = await local.createClient("web");
  adaSub = await createUser(local, {
    username: "ada",
    password: "Passw0rd!",
    email: "ada@example.com",
    groups: ["translators"],
  });
  await createUser(local, { username: "bob", password: "Passw0rd!" });
  ada = await signIn(local, { clientId, username: "ada", password: "Passw0rd!" });
  // The client and the verifier's JWKS go through the proxy; dummy credentials, never a profile.
  vi.stubEnv("AWS_REGION", "eu-west-1");
  vi.stubEnv("AWS_ACCESS_KEY_ID", "local");
  vi.stubEnv("AWS_SECRET_ACCESS_KEY", "local");
  vi.stubEnv("AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER", proxyEndpoint);
  vi.stubEnv("COGNITO_USER_POOL_ID", local.userPoolId);
  vi.stubEnv("COGNITO_CLIENT_ID", clientId);
});

afterAll(async () => {
  vi.unstubAllEnvs();
  await new Promise((resolve) => proxy?.close(resolve));
  await local?.stop();
});

afterEach(() => resetAll());

const withBearer = (token: string) => ({ headers: { authorization: `Bearer ${token}` } });

describe("on cognito-local, with real sign-in", () => {
  it("verifies a real access token and returns the user", async () => {
    const user = await getUserFromEvent(withBearer(ada.accessToken));
    expect(user).toMatchObject({ id: adaSub, username: "ada", groups: ["translators"] });
    expect(user.claims.iss).toBe("https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_Integ1234");
  });

  it("verifies a real id token when configured for id tokens, and refuses it otherwise", async () => {
    await expect(getUserFromEvent(withBearer(ada.idToken))).rejects.toMatchObject({
      kind: "unauthorized",
    });
    resetAll();
    tokenVerifier.configure({ tokenUse: "id" });
    const user = await getUserFromEvent(withBearer(ada.idToken));
    expect(user).toMatchObject({ id: adaSub, username: "ada", email: "ada@example.com" });
  });

  it("enforces groups on real tokens", async () => {
    const bob = await signIn(local, { clientId, username: "bob", password: "Passw0rd!" });
    const error = await getUserFromEvent(withBearer(bob.accessToken), {
      requiredGroups: ["translators"],
    }).catch((e) => e);
    expect(error).toBeInstanceOf(CognitoError);
    expect(error).toMatchObject({ kind: "forbidden", requiredGroups: ["translators"] });
    await expect(
      getUserFromEvent(withBearer(ada.accessToken), { requiredGroups: ["translators"] }),
    ).resolves.toMatchObject({
      username: "ada",
    });
  });

  it("refuses a token of another app client", async () => {
    const otherClient = await local.createClient("other");
    const other = await signIn(local, {
      clientId: otherClient,
      username: "ada",
      password: "Passw0rd!",
    });
    await expect(getUserFromEvent(withBearer(other.accessToken))).rejects.toMatchObject({
      kind: "unauthorized",
      safeMessage: "Unauthorized",
    });
  });

  it("refuses a tampered token", async () => {
    const [header, payload, signature] = ada.accessToken.split(".");
    const claims = JSON.parse(Buffer.from(payload as string, "base64url").toString());
    const forged = Buffer.from(JSON.stringify({ ...claims, "cognito:groups": ["admin"] })).toString(
      "base64url",
    );
    await expect(
      getUserFromEvent(withBearer(`${header}.${forged}.${signature}`)),
    ).rejects.toMatchObject({ kind: "unauthorized" });
  });

  it("fetches the JWKS from the local server once for many verifications", async () => {
    const before = jwksRequests;
    await Promise.all(
      Array.from({ length: 10 }, () => getUserFromEvent(withBearer(ada.accessToken))),
    );
    for (let i = 0; i < 10; i++) await getUserFromEvent(withBearer(ada.accessToken));
    // One request: the keys are cached for both of Cognito's issuer host names.
    expect(jwksRequests - before).toBe(1);
  });

  it("prime([tokenVerifier]) fetches the JWKS once, at init", async () => {
    const before = jwksRequests;
    const results = await prime([tokenVerifier, cognito], { when: "always" });
    expect(results.map(({ name, primed }) => ({ name, primed }))).toEqual([
      { name: "cognito-jwt-verifier", primed: true },
      { name: "cognito-identity-provider", primed: true },
    ]);
    expect(jwksRequests - before).toBe(1);
    await getUserFromEvent(withBearer(ada.accessToken));
    await getUserFromToken(ada.accessToken);
    expect(jwksRequests - before).toBe(1);
  });

  it("getUserFromToken asks GetUser through the lazy client", async () => {
    const user = await getUserFromToken(ada.accessToken);
    expect(user).toMatchObject({
      id: adaSub,
      username: "ada",
      email: "ada@example.com",
      groups: ["translators"],
    });
  });

  it("getUserFromToken takes a token of the pool and its app client, and refuses it for another client", async () => {
    const before = getUserRequests;
    await expect(getUserFromToken(ada.accessToken)).resolves.toMatchObject({
      id: adaSub,
      username: "ada",
    });
    expect(getUserRequests - before).toBe(1);
    // The same token, when this function's app client is another one: refused before GetUser.
    const otherClient = await local.createClient("someone-else");
    vi.stubEnv("COGNITO_CLIENT_ID", otherClient);
    try {
      const error = await getUserFromToken(ada.accessToken).catch((e) => e);
      expect(error).toBeInstanceOf(CognitoError);
      expect(error).toMatchObject({ kind: "unauthorized", safeMessage: "Unauthorized" });
      expect(getUserRequests - before).toBe(1);
    } finally {
      vi.stubEnv("COGNITO_CLIENT_ID", clientId);
    }
  });

  it("getUserFromToken refuses a user of another pool, whose token GetUser itself accepts", async () => {
    // Another pool on the same Cognito (an attacker's own), with a user in a group they chose.
    const sdkClient = new CognitoIdentityProviderClient({
      endpoint: local.endpoint,
      region: local.region,
      credentials: { accessKeyId: "local", secretAccessKey: "local" },
    });
    try {
      const { UserPool } = await sdkClient.send(new CreateUserPoolCommand({ PoolName: "theirs" }));
      const theirs = { ...local, userPoolId: UserPool?.Id as string };
      const { UserPoolClient } = await sdkClient.send(
        new CreateUserPoolClientCommand({
          UserPoolId: theirs.userPoolId,
          ClientName: "theirs",
          ExplicitAuthFlows: ["ALLOW_USER_PASSWORD_AUTH"],
        }),
      );
      const theirClient = UserPoolClient?.ClientId as string;
      await createUser(theirs, { username: "eve", password: "Passw0rd!", groups: ["admin"] });
      const eve = await signIn(theirs, {
        clientId: theirClient,
        username: "eve",
        password: "Passw0rd!",
      });
      // GetUser is authorised by the token alone: it answers for any pool's user.
      const answer = await sdkClient.send(new GetUserCommand({ AccessToken: eve.accessToken }));
      expect(answer.Username).toBe("eve");

      const before = getUserRequests;
      const error = await getUserFromToken(eve.accessToken, { requiredGroups: ["admin"] }).catch(
        (e) => e,
      );
      expect(error).toBeInstanceOf(CognitoError);
      expect(error).toMatchObject({ kind: "unauthorized", safeMessage: "Unauthorized" });
      expect(getUserRequests - before).toBe(0);
    } finally {
      sdkClient.destroy();
    }
  });

  it("getUserFromToken maps Cognito's refusal to a CognitoError of kind unauthorized", async () => {
    const [header, payload] = ada.accessToken.split(".");
    const claims = JSON.parse(Buffer.from(payload as string, "base64url").toString());
    const unknownUser = Buffer.from(
      JSON.stringify({ ...claims, sub: "no-such-user", username: "ghost" }),
    ).toString("base64url");
    const error = await getUserFromToken(`${header}.${unknownUser}.x`).catch((e) => e);
    expect(error).toBeInstanceOf(CognitoError);
    expect(error).toMatchObject({ kind: "unauthorized", safeMessage: "Unauthorized" });
    expect(error.cause).toBeDefined();
  });
});
