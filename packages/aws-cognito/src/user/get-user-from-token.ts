import type { GetUserCommandOutput } from "@aws-sdk/client-cognito-identity-provider";
import { decomposeUnverifiedJwt } from "aws-jwt-verify/jwt";
import { cognito } from "../client/cognito-client";
import { CognitoUnauthorizedError } from "../errors";
import type { User, UserOptions } from "./types";
import { userFromClaims } from "./user-from-claims";

const REFUSED = new Set([
  "NotAuthorizedException",
  "UserNotFoundException",
  "PasswordResetRequiredException",
  "UserNotConfirmedException",
]);

/**
 * The user an access token belongs to, asked of Cognito itself (GetUser on the lazy
 * client, whose SDK module loads on the first call). Cognito checks the token, including revocation; a refused token is a
 * `CognitoUnauthorizedError`. Groups come from the token, which Cognito has just accepted.
 *
 * @example
 * ```ts
 * const user = await getUserFromToken(accessToken);
 * console.log(user.id, user.email, user.groups);
 * ```
 */
export async function getUserFromToken(
  accessToken: string,
  options: UserOptions = {},
): Promise<User> {
  if (typeof accessToken !== "string" || accessToken.length === 0) {
    throw new CognitoUnauthorizedError("Missing access token");
  }
  let output: GetUserCommandOutput;
  try {
    const [client, { GetUserCommand }] = await Promise.all([cognito.get(), cognito.sdk()]);
    output = await client.send(new GetUserCommand({ AccessToken: accessToken }));
  } catch (error) {
    if (REFUSED.has((error as Error).name)) {
      throw new CognitoUnauthorizedError(`Cognito refused the token: ${(error as Error).message}`, {
        cause: error,
      });
    }
    throw error;
  }
  const attributes = Object.fromEntries(
    (output.UserAttributes ?? []).map(({ Name, Value }) => [Name, Value]),
  );
  return userFromClaims(
    { ...attributes, username: output.Username, "cognito:groups": groupsOf(accessToken) },
    // GetUser has judged the token: there is no token_use among the attributes to check.
    { ...options, tokenUse: null },
  );
}

// Cognito accepted the token, so its groups can be read; Cognito's tokens are JWTs, but
// GetUser is the judge here, so a token that is not one simply has no groups.
function groupsOf(accessToken: string): unknown {
  try {
    return decomposeUnverifiedJwt(accessToken).payload["cognito:groups"];
  } catch {
    return undefined;
  }
}
