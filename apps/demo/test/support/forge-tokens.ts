import { createPrivateKey, createSign, generateKeyPairSync, randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";

// cognito-local signs every pool's tokens with one RSA key that ships in its package. With it,
// a test can mint tokens that carry a valid signature and exactly one broken claim, so each
// check of the authorizer and of the function is tried alone.
const keyFile = createRequire(import.meta.url).resolve(
  "cognito-local/lib/keys/cognitoLocal.private.json",
);
const { jwk } = JSON.parse(readFileSync(keyFile, "utf8")) as { jwk: Record<string, string> };
const poolKey = createPrivateKey({ key: jwk, format: "jwk" });
const otherKey = generateKeyPairSync("rsa", { modulusLength: 2048 }).privateKey;

/** The public half of the pool's key, as a PEM: what an HS256 key-confusion attack signs with. */
export const POOL_PUBLIC_KEY_PEM = createPrivateKey({ key: jwk, format: "jwk" })
  .export({ format: "pem", type: "pkcs1" })
  .toString();

const base64url = (value: unknown) =>
  Buffer.from(typeof value === "string" ? value : JSON.stringify(value)).toString("base64url");

/** What a forged token is made of; anything left out has a valid default. */
export interface ForgeOptions {
  readonly header?: Record<string, unknown>;
  /** Claims over the defaults; `undefined` removes one. */
  readonly claims?: Record<string, unknown>;
  /** `other`: a key that is not the pool's; `none`: no signature. */
  readonly key?: "pool" | "other" | "none";
}

/** Mints tokens as the local pool would, with whatever is asked broken. */
export function tokenForger(pool: { issuer: string; clientId: string; sub: string }) {
  return (options: ForgeOptions = {}): string => {
    const now = Math.floor(Date.now() / 1000);
    const header = { alg: "RS256", kid: jwk.kid, typ: "JWT", ...options.header };
    const claims = {
      sub: pool.sub,
      iss: pool.issuer,
      client_id: pool.clientId,
      token_use: "access",
      scope: "aws.cognito.signin.user.admin",
      username: "forged",
      auth_time: now,
      iat: now,
      exp: now + 3600,
      jti: randomUUID(),
      ...options.claims,
    };
    const input = `${base64url(header)}.${base64url(claims)}`;
    if (options.key === "none") return `${input}.`;
    const signer = createSign("RSA-SHA256").update(input);
    return `${input}.${signer.sign(options.key === "other" ? otherKey : poolKey).toString("base64url")}`;
  };
}
