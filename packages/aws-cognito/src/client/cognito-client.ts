import { CognitoIdentityProviderClient } from "@aws-sdk/client-cognito-identity-provider";
import { defineClient } from "@org/aws-core";

/**
 * The Cognito Identity Provider (user pools) client of the container, created on first
 * access with the shared configuration from `@org/aws-core`. Local endpoints come from
 * `AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER`.
 *
 * @example
 * ```ts
 * import { AdminGetUserCommand } from "@aws-sdk/client-cognito-identity-provider";
 * import { cognito } from "@org/aws-cognito";
 *
 * const user = await cognito.client.send(new AdminGetUserCommand({ UserPoolId, Username }));
 * ```
 */
export const cognito = /* @__PURE__ */ defineClient({
  name: "cognito-identity-provider",
  create: (config) => new CognitoIdentityProviderClient(config),
});

/**
 * The function form of {@link cognito}: the same client.
 *
 * @example
 * ```ts
 * const client = getCognitoClient();
 * ```
 */
export const getCognitoClient = cognito.get;
