import { CognitoIdentityProviderClient } from "@aws-sdk/client-cognito-identity-provider";
import { cognito } from "@org/aws-cognito";
import type { AwsClientStub } from "aws-sdk-client-mock";
import { mockSingletonClient } from "../mocks/mock-singleton-client";

/**
 * Mocks the Cognito Identity Provider client of `@org/aws-cognito` (what
 * `getUserFromToken` uses).
 *
 * @example
 * ```ts
 * import { GetUserCommand, mockCognito } from "@org/aws-testing/cognito";
 *
 * mockCognito().on(GetUserCommand).resolves({
 *   Username: "test-user",
 *   UserAttributes: [{ Name: "sub", Value: "user-1" }],
 * });
 * ```
 */
export function mockCognito(): AwsClientStub<CognitoIdentityProviderClient> {
  return mockSingletonClient(cognito, CognitoIdentityProviderClient);
}

export {
  AdminGetUserCommand,
  GetUserCommand,
  InitiateAuthCommand,
  NotAuthorizedException,
} from "@aws-sdk/client-cognito-identity-provider";
