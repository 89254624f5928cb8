import { generateKeyPairSync, type KeyObject, randomUUID, sign } from "node:crypto";

/** Options of {@link createTestTokenIssuer}. */
export interface TestTokenIssuerOptions {
  /** Default `us-east-1_TestPool1`. */
  readonly userPoolId?: string | undefined;
  /** The app client id put in tokens. Default `test-client`. */
  readonly clientId?: string | undefined;
}

/** What to put in one token; everything has a sensible default. */
export interface TestTokenOptions {
  readonly tokenUse?: "access" | "id" | undefined;
  readonly sub?: string | undefined;
  readonly username?: string | undefined;
  readonly email?: string | undefined;
  readonly groups?: readonly string[] | undefined;
  /** Seconds from now; negative for an expired token. Default 3600. */
  readonly expiresIn?: number | undefined;
  /** Extra or overriding claims (e.g. a wrong `iss`, or `nbf` in the future). */
  readonly claims?: Record<string, unknown> | undefined;
  /** Extra or overriding header fields (e.g. `{ alg: "none" }` or another `kid`). */
  readonly header?: Record<string, unknown> | undefined;
  /** Sign with another key than the one in the JWKS. */
  readonly signWith?: KeyObject | undefined;
}

const base64url = (value: unknown) => Buffer.from(JSON.stringify(value)).toString("base64url");

/**
 * A fake Cognito user pool for unit tests: an RSA key pair, its JWKS, a JWKS fetcher for
 * `tokenVerifier.configure({ jwksFetcher })` that counts its calls, and `sign()` to mint
 * real RS256 tokens with Cognito's claims, valid or broken on purpose.
 *
 * @example
 * ```ts
 * import { createTestTokenIssuer } from "@org/aws-testing";
 * import { tokenVerifier } from "@org/aws-cognito";
 *
 * const issuer = createTestTokenIssuer();
 * tokenVerifier.configure({ userPoolId: issuer.userPoolId, clientId: issuer.clientId, jwksFetcher: issuer.fetcher });
 * const token = issuer.sign({ username: "ada", groups: ["admin"] });
 * const expired = issuer.sign({ expiresIn: -60 });
 * ```
 */
export function createTestTokenIssuer(options: TestTokenIssuerOptions = {}) {
  const userPoolId = options.userPoolId ?? "us-east-1_TestPool1";
  const clientId = options.clientId ?? "test-client";
  const region = userPoolId.split("_")[0];
  const issuer = `https://cognito-idp.${region}.amazonaws.com/${userPoolId}`;
  const kid = randomUUID();
  const { privateKey, publicKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
  const jwks = {
    keys: [{ ...publicKey.export({ format: "jwk" }), kid, alg: "RS256", use: "sig" }],
  };
  let jwksRequests = 0;

  return {
    userPoolId,
    clientId,
    issuer,
    jwks,
    /** The URI a verifier asks for the JWKS. */
    jwksUri: `${issuer}/.well-known/jwks.json`,
    /** A JWKS fetcher serving this issuer's keys. */
    fetcher: {
      fetch: async (uri: string): Promise<ArrayBuffer> => {
        jwksRequests++;
        // aws-jwt-verify also knows Cognito's newer issuer host, issuer-cognito-idp.
        if (
          uri.replace("://issuer-cognito-idp.", "://cognito-idp.") !==
          `${issuer}/.well-known/jwks.json`
        ) {
          throw new Error(`unknown JWKS ${uri}`);
        }
        return new TextEncoder().encode(JSON.stringify(jwks)).buffer as ArrayBuffer;
      },
    },
    /** How many times the JWKS was fetched. */
    jwksRequests: () => jwksRequests,
    /** Another key pair's private key, for tokens signed by the wrong key. */
    otherKey: () => generateKeyPairSync("rsa", { modulusLength: 2048 }).privateKey,

    /** A signed token with Cognito's claims. */
    sign(token: TestTokenOptions = {}): string {
      const now = Math.floor(Date.now() / 1000);
      const tokenUse = token.tokenUse ?? "access";
      const sub = token.sub ?? randomUUID();
      const username = token.username ?? "test-user";
      const claims: Record<string, unknown> = {
        sub,
        iss: issuer,
        token_use: tokenUse,
        auth_time: now,
        iat: now,
        exp: now + (token.expiresIn ?? 3600),
        jti: randomUUID(),
        ...(tokenUse === "access"
          ? { client_id: clientId, username, scope: "aws.cognito.signin.user.admin" }
          : {
              aud: clientId,
              "cognito:username": username,
              email: token.email ?? `${username}@example.com`,
            }),
        ...(token.groups ? { "cognito:groups": [...token.groups] } : {}),
        ...token.claims,
      };
      const header = { alg: "RS256", kid, typ: "JWT", ...token.header };
      const signingInput = `${base64url(header)}.${base64url(claims)}`;
      if (header.alg === "none") return `${signingInput}.`;
      const signature = sign("RSA-SHA256", Buffer.from(signingInput), token.signWith ?? privateKey);
      return `${signingInput}.${signature.toString("base64url")}`;
    },
  };
}

/** A fake user pool made by {@link createTestTokenIssuer}. */
export type TestTokenIssuer = ReturnType<typeof createTestTokenIssuer>;
