/**
 * The source of the module that stands in for `@aws-sdk/credential-provider-node` in a lean
 * bundle. It keeps that module's exports (`defaultProvider`, `credentialsWillNeedRefresh`,
 * `credentialsTreatedAsExpired`) and their signatures, so every SDK client that imports it
 * still builds, but its chain holds only what Lambda uses: environment variables, then
 * (optionally) container credentials. It imports only packages that
 * `@aws-sdk/credential-provider-node` itself depends on, resolved from its folder, so the
 * versions are the ones the SDK was built with.
 *
 * Left out, with why Lambda never needs them: `fromSSO` (a developer's SSO login cache),
 * `fromIni` and `fromProcess` (`~/.aws/config` and `credentials` files, `credential_process`),
 * `fromTokenFile` (web identity: EKS, GitHub OIDC), `fromLoginCredentials` and
 * `fromInstanceMetadata` (EC2's IMDS, which Lambda has not). Most of them talk to STS, SSO or
 * sign-in through `@aws-sdk/nested-clients`, the largest part of the chain.
 *
 * @example
 * ```ts
 * build.onLoad({ filter: /.*\/, namespace }, () => ({
 *   contents: leanCredentialProviderSource({ containerCredentials: true }),
 *   loader: "js",
 * }));
 * ```
 */
export function leanCredentialProviderSource(options: {
  readonly containerCredentials: boolean;
}): string {
  return [HEADER, options.containerCredentials ? WITH_CONTAINER : ENV_ONLY, MEMOIZED].join("\n");
}

const HEADER = `// @aws-sdk/credential-provider-node, trimmed for AWS Lambda by lambdaLean() of @org/aws-core/esbuild.
import { fromEnv } from "@aws-sdk/credential-provider-env";
import { CredentialsProviderError } from "@smithy/core/config";

const EXPIRY_WINDOW_MS = 300000;
export const credentialsWillNeedRefresh = (credentials) => credentials?.expiration !== undefined;
export const credentialsTreatedAsExpired = (credentials) =>
  credentials?.expiration !== undefined && credentials.expiration.getTime() - Date.now() < EXPIRY_WINDOW_MS;

const NOT_FOUND =
  "Could not load credentials from any providers: this bundle was built with lambdaLean() " +
  "(@org/aws-core/esbuild), which keeps environment variables";
`;

const WITH_CONTAINER = `const CONTAINER_URIS = ["AWS_CONTAINER_CREDENTIALS_RELATIVE_URI", "AWS_CONTAINER_CREDENTIALS_FULL_URI"];

async function resolveChain(init) {
  try {
    init.logger?.debug?.("@org/aws-core/esbuild - lean defaultProvider::fromEnv");
    return await fromEnv(init)();
  } catch (error) {
    if (error?.tryNextLink === false) throw error;
  }
  if (CONTAINER_URIS.some((name) => process.env[name])) {
    init.logger?.debug?.("@org/aws-core/esbuild - lean defaultProvider::fromHttp");
    // Loaded only when used: nothing of it runs at init.
    const { fromHttp } = await import("@aws-sdk/credential-provider-http");
    return fromHttp(init)();
  }
  throw new CredentialsProviderError(NOT_FOUND + " and container credentials only.", {
    logger: init.logger,
    tryNextLink: false,
  });
}
`;

const ENV_ONLY = `async function resolveChain(init) {
  try {
    init.logger?.debug?.("@org/aws-core/esbuild - lean defaultProvider::fromEnv");
    return await fromEnv(init)();
  } catch (error) {
    if (error?.tryNextLink === false) throw error;
  }
  throw new CredentialsProviderError(NOT_FOUND + " only.", { logger: init.logger, tryNextLink: false });
}
`;

// Same caching as the SDK's memoizeChain: one lookup at a time, credentials kept until they
// expire, refreshed in the background during their last five minutes, and on forceRefresh.
const MEMOIZED = `export const defaultProvider = (init = {}) => {
  let credentials;
  let loading;
  const load = (properties) =>
    (loading ??= resolveChain(init, properties)
      .then((loaded) => {
        credentials = loaded;
        return loaded;
      })
      .finally(() => {
        loading = undefined;
      }));
  return async (properties) => {
    if (properties?.forceRefresh) return load(properties);
    if (credentials?.expiration && credentials.expiration.getTime() < Date.now()) credentials = undefined;
    if (!credentials) return load(properties);
    if (credentialsTreatedAsExpired(credentials)) load(properties).catch(() => {});
    return credentials;
  };
};
`;
