import type { CognitoIdentityProviderClient } from "@aws-sdk/client-cognito-identity-provider";
import { defineLoadOnUseClient, type LoadOnUseClient } from "@org/aws-core";

/**
 * What {@link cognito} loads on first use: `CognitoIdentityProviderClient` and
 * `GetUserCommand` of `@aws-sdk/client-cognito-identity-provider`.
 */
export type CognitoSdk = typeof import("./cognito-sdk");

/**
 * The Cognito Identity Provider (user pools) client of the container. Its SDK module loads
 * on first use, and the client is created then, with the shared configuration from
 * `@org/aws-core`: a handler whose routes only read the authorizer's claims never loads it.
 * Local endpoints come from `AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER`.
 *
 * @example
 * ```ts
 * import { AdminGetUserCommand } from "@aws-sdk/client-cognito-identity-provider";
 * import { cognito } from "@org/aws-cognito";
 *
 * const client = await cognito.get();
 * const user = await client.send(new AdminGetUserCommand({ UserPoolId, Username }));
 * ```
 */
export const cognito: LoadOnUseClient<CognitoIdentityProviderClient, CognitoSdk> =
  /* @__PURE__ */ defineLoadOnUseClient({
    name: "cognito-identity-provider",
    load: () => import("./cognito-sdk"),
    create: (sdk, config) => new sdk.CognitoIdentityProviderClient(config),
  });

/**
 * The function form of {@link cognito}: the same client, loaded on first use.
 *
 * @example
 * ```ts
 * const client = await getCognitoClient();
 * ```
 */
export const getCognitoClient = cognito.get;
