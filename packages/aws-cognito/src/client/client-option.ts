import type { CognitoIdentityProviderClient } from "@aws-sdk/client-cognito-identity-provider";
import type { LazyClient } from "@org/aws-core";
import { type ClientSource, clientSource } from "@org/aws-core/internal";
import { CognitoError } from "../errors";
import { cognito } from "./cognito-client";

/**
 * The `client` option of `getUserFromToken`: a Cognito Identity Provider client of your own
 * (an SDK v3 `CognitoIdentityProviderClient`, used as it is), or a `LazyClient` of one, such as
 * `cognito.for({ region: "eu-west-1" })` (created on its first use). Without it, `cognito`.
 *
 * @example
 * ```ts
 * import { type CognitoClientOption, cognito, getUserFromToken } from "@org/aws-cognito";
 *
 * const client: CognitoClientOption = cognito.for({ region: "eu-west-1" });
 * const user = await getUserFromToken(accessToken, { client });
 * ```
 */
export type CognitoClientOption =
  | CognitoIdentityProviderClient
  | LazyClient<CognitoIdentityProviderClient, unknown>;

/**
 * @internal The `client` option checked: its source, or `undefined` for {@link cognito}.
 *
 * @throws a `CognitoError` of kind `internal` for an option that is neither an SDK v3 client
 *   nor a `LazyClient` (the function is misconfigured, not the caller's token).
 */
export function cognitoClientSource(
  option: unknown,
): ClientSource<CognitoIdentityProviderClient> | undefined {
  if (option === undefined) return undefined;
  const source = clientSource<CognitoIdentityProviderClient>(option, cognito.name);
  if (typeof source !== "string") return source;
  throw new CognitoError(
    `The client option is neither a CognitoIdentityProviderClient nor a LazyClient of one (such as cognito.for({ region })): got ${source}`,
    { kind: "internal" },
  );
}
