import { CognitoIdentityProviderClient } from "@aws-sdk/client-cognito-identity-provider";
import { cognito } from "@org/aws-cognito";
import type { AwsClientStub } from "aws-sdk-client-mock";
import { mockClient } from "../mocks/mock-client";

/**
 * Mocks the Cognito Identity Provider client of `@org/aws-cognito` (`cognito`: what
 * `getUserFromToken` uses). Its SDK loads on first use; the mock is there at once
 * (`cognito.client` and `await cognito.get()` return it). Match on commands imported from
 * `@aws-sdk/client-cognito-identity-provider`, the copy `@org/aws-cognito` loads.
 *
 * @example
 * ```ts
 * import { GetUserCommand } from "@aws-sdk/client-cognito-identity-provider";
 * import { mockCognito } from "@org/aws-testing/cognito";
 *
 * mockCognito().on(GetUserCommand).resolves({
 *   Username: "test-user",
 *   UserAttributes: [{ Name: "sub", Value: "user-1" }],
 * });
 * ```
 */
export function mockCognito(): AwsClientStub<CognitoIdentityProviderClient> {
  return mockClient(cognito, CognitoIdentityProviderClient);
}
