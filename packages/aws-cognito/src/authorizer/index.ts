// The entry point for functions behind an API Gateway authorizer: no token library, no SDK.
// Its runtime names (3): requireUser, assertOwner, CognitoError.
export { CognitoError, type CognitoErrorOptions } from "../errors";
export type { User, UserOptions } from "../user/types";
export { assertOwner, type OwnerOptions } from "./assert-owner";
export type { ApiGatewayEventLike } from "./authorizer-claims";
export { requireUser } from "./require-user";
