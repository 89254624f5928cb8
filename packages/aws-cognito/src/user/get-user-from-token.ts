import type { GetUserCommandOutput } from "@aws-sdk/client-cognito-identity-provider";
import { AwsCoreError } from "@org/aws-core";
import { isServerFault, isServiceUnreachable } from "@org/aws-core/internal";
import { decomposeUnverifiedJwt } from "aws-jwt-verify/jwt";
import { type CognitoClientOption, cognitoClientSource } from "../client/client-option";
import { cognito } from "../client/cognito-client";
import {
  asCognitoError,
  CognitoError,
  CognitoUnauthorizedError,
  CognitoUnavailableError,
} from "../errors";
import { userPoolSettings } from "../verifier/token-verifier";
import type { User, UserOptions } from "./types";
import { userFromClaims } from "./user-from-claims";

// Cognito's answers that judge the token (GetUser's one parameter is the caller's token).
const REFUSED = new Set([
  "NotAuthorizedException",
  "UserNotFoundException",
  "PasswordResetRequiredException",
  "UserNotConfirmedException",
  "InvalidParameterException",
]);
const THROTTLED = new Set(["TooManyRequestsException", "ThrottlingException"]);
const SERVER_FAILURES = new Set(["InternalErrorException", "ServiceUnavailable"]);

// What Cognito accepts as an access token (its API's pattern); anything else is refused
// without a call.
const ACCESS_TOKEN = /^[A-Za-z0-9\-_=.]+$/;

interface SdkErrorLike {
  readonly name?: unknown;
  readonly message?: unknown;
  readonly $metadata?: { readonly httpStatusCode?: unknown } | undefined;
  readonly $retryable?: { readonly throttling?: unknown } | undefined;
}

/** A failed GetUser as a {@link CognitoError}: what the caller did wrong, or what failed. */
function getUserError(error: unknown): CognitoError {
  if (error instanceof AwsCoreError) return asCognitoError(error, "Cognito GetUser failed");
  const { name, message, $metadata, $retryable } = (error ?? {}) as SdkErrorLike;
  const status = Number($metadata?.httpStatusCode);
  const reason = `${String(name)}: ${String(message)}`;
  if (REFUSED.has(String(name))) {
    return new CognitoUnauthorizedError(`Cognito refused the token (${reason})`, { cause: error });
  }
  if (THROTTLED.has(String(name)) || $retryable?.throttling === true || status === 429) {
    return new CognitoError(`Cognito GetUser throttled after retries (${reason})`, {
      kind: "throttled",
      cause: error,
    });
  }
  if (isServiceUnreachable(error) || SERVER_FAILURES.has(String(name)) || isServerFault(error)) {
    return new CognitoUnavailableError(`Cognito is out of reach or failing (${reason})`, {
      cause: error,
    });
  }
  return new CognitoError(`Cognito GetUser failed (${reason})`, { cause: error });
}

/** Options of {@link getUserFromToken}: those of every user lookup, and the client to ask. */
export interface GetUserFromTokenOptions extends UserOptions {
  /**
   * The client GetUser is sent on: a `LazyClient` such as `cognito.for({ region: "eu-west-1" })`
   * (a user pool in another region than the function), or a `CognitoIdentityProviderClient` of
   * your own (used as it is, with the invocation's deadline of `withInvocation` added to it).
   * Default: `cognito`. It changes where GetUser goes, never which tokens are taken: those of
   * `tokenVerifier`'s user pool and app clients only.
   */
  readonly client?: CognitoClientOption | undefined;
}

/**
 * The user an access token belongs to, asked of Cognito itself (GetUser on {@link cognito},
 * whose SDK loads on the first call, or on `options.client`), for an access token of this
 * function's user pool and app clients only (those of `tokenVerifier`): GetUser would take any
 * pool's. Cognito checks the token, revocation included. Groups come from the token, which
 * Cognito has just accepted. `options.client` changes where GetUser is sent (a user pool of
 * another region: `cognito.for({ region })`), never which pool's tokens are taken.
 *
 * Everything it throws is a `CognitoError`, the SDK's error kept as `cause`:
 * kind `unauthorized` (401) for a token Cognito refuses (or one that is not a token at all, or
 * not of this pool and its app clients, refused without a call), `forbidden` (403) for a user outside `requiredGroups`,
 * `unavailable` (503) when Cognito is out of reach or failing (connection refused, a request
 * timeout, `InternalErrorException`), `throttled` (429) for `TooManyRequestsException` after
 * the SDK's retries, `timeout` (504) at the invocation's deadline, `internal` (500)
 * otherwise (a missing SDK package, a misconfiguration, a `client` that is neither a
 * `CognitoIdentityProviderClient` nor a `LazyClient`).
 *
 * @example
 * ```ts
 * import { cognito, getUserFromToken } from "@org/aws-cognito";
 *
 * const user = await getUserFromToken(accessToken, { requiredGroups: ["admins"] });
 * console.log(user.id, user.email, user.groups);
 *
 * // the user pool is in another region than the function
 * const poolRegion = cognito.for({ region: "eu-west-1" });
 * const there = await getUserFromToken(accessToken, { client: poolRegion });
 * ```
 */
export async function getUserFromToken(
  accessToken: string,
  options: GetUserFromTokenOptions = {},
): Promise<User> {
  const { client: clientOption, ...userOptions } = options ?? {};
  const source = cognitoClientSource(clientOption);
  if (typeof accessToken !== "string" || accessToken.length === 0) {
    throw new CognitoUnauthorizedError("Missing access token");
  }
  if (!ACCESS_TOKEN.test(accessToken)) {
    throw new CognitoUnauthorizedError("Malformed access token");
  }
  const claims = claimsForThisPool(accessToken);
  let output: GetUserCommandOutput;
  try {
    const [client, { GetUserCommand }] = await Promise.all([
      (source ?? cognito).get(),
      cognito.sdk(),
    ]);
    output = await client.send(new GetUserCommand({ AccessToken: accessToken }));
  } catch (error) {
    throw getUserError(error);
  }
  const attributes = Object.fromEntries(
    (output.UserAttributes ?? []).map(({ Name, Value }) => [Name, Value]),
  );
  return userFromClaims(
    { ...attributes, username: output.Username, "cognito:groups": claims["cognito:groups"] },
    "token",
    // GetUser has judged the token: there is no token_use among the attributes to check.
    { ...userOptions, tokenUse: null },
  );
}

/**
 * The token's claims, read before GetUser judges it, refused unless it is an access token of
 * this function's user pool and app clients (those of `tokenVerifier`: its options, else
 * `COGNITO_USER_POOL_ID` and `COGNITO_CLIENT_ID`). GetUser accepts a valid access token of
 * any user pool: without this check, a user of another pool (one of an attacker's, whose
 * groups they choose) would pass. The claims are signed: a token whose issuer or client was
 * changed is one Cognito refuses.
 */
function claimsForThisPool(accessToken: string): Record<string, unknown> {
  let claims: Record<string, unknown>;
  try {
    claims = decomposeUnverifiedJwt(accessToken).payload as Record<string, unknown>;
  } catch (error) {
    throw new CognitoUnauthorizedError("The access token is not a JWT", { cause: error });
  }
  let settings: ReturnType<typeof userPoolSettings>;
  try {
    settings = userPoolSettings();
  } catch (error) {
    throw asCognitoError(error, "getUserFromToken needs the user pool");
  }
  const { userPoolId, clientId } = settings;
  const region = userPoolId.split("_")[0];
  // Cognito's two issuer formats, as tokenVerifier (aws-jwt-verify) accepts them: a pool whose
  // issuer configuration is "UPDATED" signs with the issuer-cognito-idp host.
  const issuers = [
    `https://cognito-idp.${region}.amazonaws.com/${userPoolId}`,
    `https://issuer-cognito-idp.${region}.amazonaws.com/${userPoolId}`,
  ];
  if (!issuers.includes(String(claims.iss))) {
    throw new CognitoUnauthorizedError(
      `The token is not from this user pool (iss ${JSON.stringify(claims.iss)})`,
    );
  }
  if (claims.token_use !== "access") {
    throw new CognitoUnauthorizedError("Not an access token");
  }
  if (clientId !== null && !clientId.includes(String(claims.client_id))) {
    throw new CognitoUnauthorizedError("The token is not for one of this function's app clients");
  }
  return claims;
}
