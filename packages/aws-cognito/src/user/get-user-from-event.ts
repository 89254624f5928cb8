import { type ApiGatewayEventLike, authorizerClaims } from "../authorizer/authorizer-claims";
import { CognitoUnauthorizedError } from "../errors";
import { tokenVerifier } from "../verifier/token-verifier";
import type { User, UserOptions } from "./types";
import { userFromClaims } from "./user-from-claims";

/** Larger Authorization headers are refused unread (API Gateway allows 10 KB of headers). */
export const MAX_AUTHORIZATION_HEADER_LENGTH = 8_192;

function authorizationHeader(event: ApiGatewayEventLike): string | undefined {
  const headers = event.headers ?? {};
  const name = Object.keys(headers).find((key) => key.toLowerCase() === "authorization");
  return name ? headers[name] : undefined;
}

function bearerToken(header: string | undefined): string {
  if (header === undefined || header === "")
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
 *    checked (see {@link requireUser});
 * 2. REST API with a Cognito authorizer: the same, with string-typed values normalised;
 * 3. no authorizer: the `Authorization: Bearer <token>` header, verified here with
 *    {@link tokenVerifier} (signature, expiry, issuer, client, token use).
 *
 * An unverified token is never trusted. Missing or invalid credentials are an
 * `CognitoUnauthorizedError` (401); a user outside `requiredGroups` a `CognitoForbiddenError` (403).
 * Behind an authorizer on every route, `requireUser` from `@org/aws-cognito/authorizer` does
 * the same without loading the token library.
 *
 * @example
 * ```ts
 * import { CognitoAuthError, getUserFromEvent } from "@org/aws-cognito";
 *
 * export const handler = async (event: APIGatewayProxyEventV2) => {
 *   try {
 *     const user = await getUserFromEvent(event, { requiredGroups: ["translators"] });
 *     return { statusCode: 200, body: `hello ${user.username}` };
 *   } catch (error) {
 *     if (error instanceof CognitoAuthError) return { statusCode: httpStatusOf(error.kind), body: error.safeMessage };
 *     throw error;
 *   }
 * };
 * ```
 */
export async function getUserFromEvent(
  event: ApiGatewayEventLike,
  options: UserOptions = {},
): Promise<User> {
  const trustedClaims = authorizerClaims(event);
  if (trustedClaims) return userFromClaims(trustedClaims, options);
  const claims = await tokenVerifier.verify(bearerToken(authorizationHeader(event ?? {})));
  // The verifier has checked token_use against its own configuration.
  return userFromClaims(claims, { ...options, tokenUse: null });
}
