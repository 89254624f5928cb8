// The entry point for functions behind an API Gateway authorizer: no token library, no SDK.
export { CognitoAuthError, CognitoForbiddenError, CognitoUnauthorizedError } from "../errors";
export type { User, UserOptions } from "../user/types";
export { assertOwner, type OwnerOptions } from "./assert-owner";
export type { ApiGatewayEventLike } from "./authorizer-claims";
export { requireUser } from "./require-user";
