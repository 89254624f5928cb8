import { CognitoUnauthorizedError } from "../errors";
import type { User, UserOptions } from "../user/types";
import { userFromClaims } from "../user/user-from-claims";
import { type ApiGatewayEventLike, authorizerClaims } from "./authorizer-claims";

/**
 * The signed-in user of a request that an API Gateway authorizer has verified (an HTTP API
 * JWT authorizer, or a REST API Cognito authorizer), from the claims it passed on.
 *
 * It fails closed: a request without authorizer claims (a route deployed without the
 * authorizer) is a `CognitoError` of kind `unauthorized` (401), never an anonymous user. It also
 * checks what API Gateway's JWT authorizer does not: the token's `token_use` (an id token
 * carries the app client id as its audience, so the authorizer lets it through), and
 * `requiredGroups` (kind `forbidden`, 403). Groups are read in the form of the authorizer
 * they came from: `"[a b]"` from an HTTP API, `"a,b"` from a REST API. Neither a token
 * library nor the Cognito SDK is loaded: this entry point adds about 3 KB (minified) to a bundle.
 *
 * @example
 * ```ts
 * import { assertOwner, requireUser } from "@org/aws-cognito/authorizer";
 *
 * export const handler = async (event: APIGatewayProxyEventV2) => {
 *   const user = requireUser(event);
 *   assertOwner(user, event.pathParameters?.id, { orGroups: ["admins"] });
 *   // ... read the profile
 * };
 * ```
 */
export function requireUser(event: ApiGatewayEventLike, options: UserOptions = {}): User {
  const verified = authorizerClaims(event);
  if (!verified) {
    throw new CognitoUnauthorizedError(
      "The request carries no authorizer claims: is the route behind a JWT authorizer?",
    );
  }
  return userFromClaims(verified.claims, verified.form, options);
}
