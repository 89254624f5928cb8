// The public surface of `@org/aws-cognito` (7 runtime names): cognito, tokenVerifier,
// getUserFromEvent, getUserFromToken, requireUser, assertOwner, CognitoError.
export { assertOwner, type OwnerOptions } from "./authorizer/assert-owner";
export type { ApiGatewayEventLike } from "./authorizer/authorizer-claims";
export { requireUser } from "./authorizer/require-user";
export type { CognitoClientOption } from "./client/client-option";
export { type CognitoSdk, cognito } from "./client/cognito-client";
export { CognitoError, type CognitoErrorOptions } from "./errors";
export { getUserFromEvent } from "./user/get-user-from-event";
export { type GetUserFromTokenOptions, getUserFromToken } from "./user/get-user-from-token";
export type { User, UserOptions } from "./user/types";
export {
  type CognitoVerifier,
  type TokenVerifier,
  type TokenVerifierOptions,
  tokenVerifier,
  type VerifiedClaims,
} from "./verifier/token-verifier";
