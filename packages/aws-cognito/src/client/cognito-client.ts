import type { CognitoIdentityProviderClient } from "@aws-sdk/client-cognito-identity-provider";
import { defineClient, type LazyClient } from "@org/aws-core";
import { missingPackage } from "@org/aws-core/internal";

/**
 * What {@link cognito} loads on first use: the module
 * `@aws-sdk/client-cognito-identity-provider` (`CognitoIdentityProviderClient` and every
 * command class).
 */
export type CognitoSdk = typeof import("@aws-sdk/client-cognito-identity-provider");

/**
 * The Cognito Identity Provider (user pools) client of the container, a `LazyClient` of
 * `@org/aws-core` (`client` once loaded, `get()`, `sdk()`, `configure()`, `inject()`,
 * `reset()`, `peek()`, `onCreate()`). Its SDK, `@aws-sdk/client-cognito-identity-provider`
 * (an optional peer), loads on first use, with the shared configuration of `@org/aws-core`:
 * a handler whose routes only read the authorizer's claims never loads it, and a bundle
 * builds without it; the first use then fails with an error naming the package to install.
 * Local endpoints come from `AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER`.
 *
 * @example
 * ```ts
 * import { cognito } from "@org/aws-cognito";
 *
 * const [client, { AdminGetUserCommand }] = await Promise.all([cognito.get(), cognito.sdk()]);
 * const user = await client.send(new AdminGetUserCommand({ UserPoolId, Username }));
 * // once loaded (after get(), or prime([cognito]) of @org/aws-core), cognito.client is the client
 * ```
 */
export const cognito: LazyClient<CognitoIdentityProviderClient, CognitoSdk> =
  /* @__PURE__ */ defineClient({
    name: "cognito-identity-provider",
    // A direct import with `.catch` on it: a bundler builds without the package (a warning,
    // not an error), and carries it as a chunk of its own when it is installed.
    load: () =>
      import("@aws-sdk/client-cognito-identity-provider").catch(
        missingPackage(
          "@aws-sdk/client-cognito-identity-provider",
          "The cognito-identity-provider client",
        ),
      ),
    create: (config, sdk) => new sdk.CognitoIdentityProviderClient(config),
  });
