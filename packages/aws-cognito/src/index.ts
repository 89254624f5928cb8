export { assertOwner, type OwnerOptions } from "./authorizer/assert-owner";
export type { ApiGatewayEventLike } from "./authorizer/authorizer-claims";
export { requireUser } from "./authorizer/require-user";
export { type CognitoSdk, cognito, getCognitoClient } from "./client/cognito-client";
export { CognitoAuthError, CognitoForbiddenError, CognitoUnauthorizedError } from "./errors";
export { getUserFromEvent, MAX_AUTHORIZATION_HEADER_LENGTH } from "./user/get-user-from-event";
export { getUserFromToken } from "./user/get-user-from-token";
export type { User, UserOptions } from "./user/types";
export { EndpointJwksFetcher } from "./verifier/endpoint-jwks-fetcher";
export {
  type TokenVerifierOptions,
  tokenVerifier,
  type VerifiedClaims,
} from "./verifier/token-verifier";
