import { createServer, request, type Server } from "node:http";
import { resetAll } from "@org/aws-core";
import {
  type CognitoLocal,
  createUser,
  createUserPoolClient,
  type SignedInTokens,
  signIn,
  startCognitoLocal,
  useLocalCredentials,
  useLocalUserPool,
} from "@org/aws-testing/local";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import {
  CognitoForbiddenError,
  CognitoUnauthorizedError,
  getUserFromEvent,
  getUserFromToken,
  tokenVerifier,
} from "../../src/index";

// cognito-local behind a small proxy on 127.0.0.1 that counts the JWKS requests it passes on.
let cognito: CognitoLocal;
let proxy: Server;
let jwksRequests = 0;
let clientId = "";
let ada: SignedInTokens;
let adaSub = "";

beforeAll(async () => {
  cognito = await startCognitoLocal({ region: "eu-west-1", userPoolId: "eu-west-1_Integ1234" });
  const target = new URL(cognito.endpoint);
  proxy = createServer((req, res) => {
    if (req.url?.endsWith("/.well-known/jwks.json")) jwksRequests++;
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

  useLocalCredentials();
  clientId = await createUserPoolClient(cognito, "web");
  adaSub = await createUser(cognito, {
    username: "ada",
    password: "Passw0rd!",
    email: "ada@example.com",
    groups: ["translators"],
  });
  await createUser(cognito, { username: "bob", password: "Passw0rd!" });
  ada = await signIn(cognito, { clientId, username: "ada", password: "Passw0rd!" });
  useLocalUserPool({ ...cognito, endpoint: proxyEndpoint }, clientId);
});

afterAll(async () => {
  await new Promise((resolve) => proxy?.close(resolve));
  await cognito?.stop();
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
    await expect(getUserFromEvent(withBearer(ada.idToken))).rejects.toBeInstanceOf(
      CognitoUnauthorizedError,
    );
    resetAll();
    tokenVerifier.configure({ tokenUse: "id" });
    const user = await getUserFromEvent(withBearer(ada.idToken));
    expect(user).toMatchObject({ id: adaSub, username: "ada", email: "ada@example.com" });
  });

  it("enforces groups on real tokens", async () => {
    const bob = await signIn(cognito, { clientId, username: "bob", password: "Passw0rd!" });
    await expect(
      getUserFromEvent(withBearer(bob.accessToken), { requiredGroups: ["translators"] }),
    ).rejects.toBeInstanceOf(CognitoForbiddenError);
    await expect(
      getUserFromEvent(withBearer(ada.accessToken), { requiredGroups: ["translators"] }),
    ).resolves.toMatchObject({
      username: "ada",
    });
  });

  it("refuses a token of another app client", async () => {
    const otherClient = await createUserPoolClient(cognito, "other");
    const other = await signIn(cognito, {
      clientId: otherClient,
      username: "ada",
      password: "Passw0rd!",
    });
    await expect(getUserFromEvent(withBearer(other.accessToken))).rejects.toBeInstanceOf(
      CognitoUnauthorizedError,
    );
  });

  it("refuses a tampered token", async () => {
    const [header, payload, signature] = ada.accessToken.split(".");
    const claims = JSON.parse(Buffer.from(payload as string, "base64url").toString());
    const forged = Buffer.from(JSON.stringify({ ...claims, "cognito:groups": ["admin"] })).toString(
      "base64url",
    );
    await expect(
      getUserFromEvent(withBearer(`${header}.${forged}.${signature}`)),
    ).rejects.toBeInstanceOf(CognitoUnauthorizedError);
  });

  it("fetches the JWKS from the local server once for many verifications", async () => {
    const before = jwksRequests;
    await Promise.all(
      Array.from({ length: 10 }, () => getUserFromEvent(withBearer(ada.accessToken))),
    );
    for (let i = 0; i < 10; i++) await getUserFromEvent(withBearer(ada.accessToken));
    const fetched = jwksRequests - before;
    // aws-jwt-verify asks for the pool's JWKS under Cognito's two issuer host names at most.
    expect(fetched).toBeGreaterThanOrEqual(1);
    expect(fetched).toBeLessThanOrEqual(2);
    const afterFirstBatch = jwksRequests;
    await getUserFromEvent(withBearer(ada.accessToken));
    expect(jwksRequests).toBe(afterFirstBatch);
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

  it("getUserFromToken maps Cognito's refusal to CognitoUnauthorizedError", async () => {
    const [header, payload] = ada.accessToken.split(".");
    const claims = JSON.parse(Buffer.from(payload as string, "base64url").toString());
    const unknownUser = Buffer.from(
      JSON.stringify({ ...claims, sub: "no-such-user", username: "ghost" }),
    ).toString("base64url");
    await expect(getUserFromToken(`${header}.${unknownUser}.x`)).rejects.toBeInstanceOf(
      CognitoUnauthorizedError,
    );
  });
});
