/**
 * The source of the module that stands in for `@aws-sdk/token-providers` in a lean bundle.
 * Bedrock Runtime's client imports two of its exports: `fromEnvSigningName` (the
 * `AWS_BEARER_TOKEN_BEDROCK` API key) and `nodeProvider`, whose only source is the SSO token
 * cache a developer's `aws sso login` writes under `~/.aws/sso`, refreshed through a nested
 * SSO OIDC client. Lambda has no such cache, so the stand-in's `nodeProvider` says "no token"
 * the way the real one does when the cache is empty, and the nested client is not bundled.
 * `fromEnvSigningName` and `fromStatic` are the SDK's code, restated; `fromSso` throws.
 *
 * @example
 * ```ts
 * build.onLoad({ filter: /.*\/, namespace }, () => ({
 *   contents: leanTokenProvidersSource(),
 *   loader: "js",
 * }));
 * ```
 */
export function leanTokenProvidersSource(): string {
  return SOURCE;
}

const SOURCE = `// @aws-sdk/token-providers, trimmed for AWS Lambda by lambdaLean() of @org/aws-core/esbuild.
import { setTokenFeature } from "@aws-sdk/core/client";
import { getBearerTokenEnvKey } from "@aws-sdk/core/httpAuthSchemes";
import { TokenProviderError } from "@smithy/core/config";

const REMOVED =
  "SSO tokens (~/.aws/sso) are not available: this bundle was built with lambdaLean() " +
  "(@org/aws-core/esbuild), which removes the SSO token provider Lambda never uses";

export const fromEnvSigningName = ({ logger, signingName } = {}) => async () => {
  logger?.debug?.("@aws-sdk/token-providers - fromEnvSigningName");
  if (!signingName) {
    throw new TokenProviderError("Please pass 'signingName' to compute environment variable key", { logger });
  }
  const bearerTokenKey = getBearerTokenEnvKey(signingName);
  if (!(bearerTokenKey in process.env)) {
    throw new TokenProviderError(\`Token not present in '\${bearerTokenKey}' environment variable\`, { logger });
  }
  const token = { token: process.env[bearerTokenKey] };
  setTokenFeature(token, "BEARER_SERVICE_ENV_VARS", "3");
  return token;
};

export const fromStatic = ({ token, logger }) => async () => {
  logger?.debug?.("@aws-sdk/token-providers - fromStatic");
  if (!token || !token.token) throw new TokenProviderError("Please pass a valid token to fromStatic", false);
  return token;
};

export const fromSso = (init = {}) => async () => {
  throw new TokenProviderError(REMOVED + ".", { logger: init.logger, tryNextLink: true });
};

export const nodeProvider = (init = {}) => async () => {
  throw new TokenProviderError("Could not load token from any providers: " + REMOVED + ".", {
    logger: init.logger,
    tryNextLink: false,
  });
};
`;
