import { type ApiGatewayEventLike, authorizerClaims } from "../authorizer/authorizer-claims";
import { CognitoUnauthorizedError } from "../errors";
import { tokenVerifier } from "../verifier/token-verifier";
import type { User, UserOptions } from "./types";
import { userFromClaims } from "./user-from-claims";

/** Larger Authorization headers are refused unread (API Gateway allows 10 KB of headers). */
const MAX_AUTHORIZATION_HEADER_LENGTH = 8_192;

function authorizationHeader(event: ApiGatewayEventLike): string | undefined {
  const headers = event.headers ?? {};
  const name = Object.keys(headers).find((key) => key.toLowerCase() === "authorization");
  return name ? headers[name] : undefined;
}

function bearerToken(header: unknown): string {
  if (typeof header !== "string" || header === "")
    throw new CognitoUnauthorizedError("Missing Authorization header");
  if (header.length > MAX_AUTHORIZATION_HEADER_LENGTH) {
    throw new CognitoUnauthorizedError("Authorization header too large");
  }
  const match = /^Bearer[ ]+(\S+)\s*$/i.exec(header);
  if (!match?.[1])
    throw new CognitoUnauthorizedError('Authorization header must be "Bearer <token>"');
  return match[1];
}

/**
 * The signed-in user of an API Gateway request, normalised:
 *
 * 1. HTTP API with a JWT authorizer: the claims API Gateway verified, with their `token_use`
 *    checked (see {@link requireUser}), groups read in the HTTP API form (`"[a b]"`);
 * 2. REST API with a Cognito authorizer: the same, groups read in the REST form (`"a,b"`);
 * 3. no authorizer: the `Authorization: Bearer <token>` header, verified here with
 *    {@link tokenVerifier} (signature, expiry, issuer, client, token use).
 *
 * An unverified token is never trusted. Everything it throws is a `CognitoError`: kind
 * `unauthorized` (401) for missing or invalid credentials, `forbidden` (403) for a user
 * outside `requiredGroups`, `unavailable` (503) when the user pool's keys (JWKS) cannot be
 * fetched, `internal` (500) for a misconfiguration (no user pool id, say). Behind an
 * authorizer on every route, `requireUser` from `@org/aws-cognito/authorizer` does the same
 * without loading the token library.
 *
 * @example
 * ```ts
 * import { CognitoError, getUserFromEvent } from "@org/aws-cognito";
 * import { httpStatusOf } from "@org/aws-core";
 *
 * export const handler = async (event: APIGatewayProxyEventV2) => {
 *   try {
 *     const user = await getUserFromEvent(event, { requiredGroups: ["translators"] });
 *     return { statusCode: 200, body: `hello ${user.username}` };
 *   } catch (error) {
 *     if (error instanceof CognitoError) {
 *       return { statusCode: httpStatusOf(error.kind), body: error.safeMessage };
 *     }
 *     throw error;
 *   }
 * };
 * ```
 */
export async function getUserFromEvent(
  event: ApiGatewayEventLike,
  options: UserOptions = {},
): Promise<User> {
  const verified = authorizerClaims(event);
  if (verified) return userFromClaims(verified.claims, verified.form, options);
  const claims = await tokenVerifier.verify(bearerToken(authorizationHeader(event ?? {})));
  // The verifier has checked token_use against its own configuration.
  return userFromClaims(claims, "token", { ...options, tokenUse: null });
}
