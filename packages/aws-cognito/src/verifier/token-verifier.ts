import { configurableSingleton, InvalidConfigError } from "@org/aws-core";
import { CognitoJwtVerifier } from "aws-jwt-verify";
import {
  CognitoJwtInvalidGroupError,
  FetchError,
  JwksNotAvailableInCacheError,
  JwksValidationError,
  JwtBaseError,
} from "aws-jwt-verify/error";
import type { Fetcher } from "aws-jwt-verify/https";
import { SimpleJwksCache } from "aws-jwt-verify/jwk";
import { CognitoForbiddenError, CognitoUnauthorizedError } from "../errors";
import { EndpointJwksFetcher } from "./endpoint-jwks-fetcher";

/** How tokens are verified. Each option falls back to an environment variable. */
export interface TokenVerifierOptions {
  /** The user pool id, e.g. `eu-west-1_AbCdEf123`. Default: `COGNITO_USER_POOL_ID`. */
  readonly userPoolId?: string | undefined;
  /**
   * The app client id(s) a token must be for. Default: `COGNITO_CLIENT_ID` (comma-separated
   * for several). `null` accepts any client of the pool, and must be said explicitly.
   */
  readonly clientId?: string | readonly string[] | null | undefined;
  /** Which token callers send. Default: `COGNITO_TOKEN_USE`, else `"access"`. */
  readonly tokenUse?: "access" | "id" | undefined;
  /** The token must carry at least one of these groups, else a `CognitoForbiddenError`. */
  readonly groups?: readonly string[] | undefined;
  /**
   * Where the JWKS is fetched from. Default: AWS, or the endpoint in
   * `AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER` when set (a local stand-in).
   */
  readonly jwksFetcher?: Fetcher | undefined;
}

/** The claims of a verified token. */
export type VerifiedClaims = Record<string, unknown>;

function createVerifier(options: TokenVerifierOptions) {
  const env = process.env;
  const userPoolId = options.userPoolId ?? env.COGNITO_USER_POOL_ID;
  if (!userPoolId) {
    throw new InvalidConfigError(
      "userPoolId",
      userPoolId,
      "a user pool id: set COGNITO_USER_POOL_ID",
    );
  }
  const clientId =
    options.clientId === undefined
      ? env.COGNITO_CLIENT_ID?.split(",").filter(Boolean)
      : options.clientId;
  if (clientId === undefined || (Array.isArray(clientId) && clientId.length === 0)) {
    throw new InvalidConfigError(
      "clientId",
      clientId,
      "an app client id: set COGNITO_CLIENT_ID, or configure({ clientId: null }) to accept any",
    );
  }
  const tokenUse =
    options.tokenUse ?? (env.COGNITO_TOKEN_USE as "access" | "id" | undefined) ?? "access";
  if (tokenUse !== "access" && tokenUse !== "id") {
    throw new InvalidConfigError("tokenUse", tokenUse, '"access" or "id" (COGNITO_TOKEN_USE)');
  }
  const endpoint = env.AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER ?? env.AWS_ENDPOINT_URL;
  const fetcher = options.jwksFetcher ?? (endpoint ? new EndpointJwksFetcher(endpoint) : undefined);
  return CognitoJwtVerifier.create(
    {
      userPoolId,
      tokenUse,
      clientId: clientId as string | string[] | null,
      ...(options.groups ? { groups: [...options.groups] } : {}),
    },
    fetcher ? { jwksCache: new SimpleJwksCache({ fetcher }) } : undefined,
  );
}

const verifier = /* @__PURE__ */ configurableSingleton("cognito-jwt-verifier", createVerifier);

/**
 * The container's Cognito token verifier (aws-jwt-verify's `CognitoJwtVerifier`), created on
 * first use from its options and environment. The user pool's JWKS is fetched once per
 * container and cached; concurrent first verifications share one fetch.
 *
 * @example
 * ```ts
 * import { tokenVerifier } from "@org/aws-cognito";
 *
 * tokenVerifier.configure({ tokenUse: "id" }); // optional, before first use
 * await tokenVerifier.prime(); // at module scope: fetch the JWKS during init
 *
 * export const handler = async (event) => {
 *   const claims = await tokenVerifier.verify(token);
 * };
 * ```
 */
export const tokenVerifier = {
  /**
   * Sets options before first use; afterwards a `ClientAlreadyCreatedError`.
   * @example
   * ```ts
   * tokenVerifier.configure({ clientId: ["web", "mobile"], groups: ["admin"] });
   * ```
   */
  configure: (options: TokenVerifierOptions): void => verifier.configure(options),

  /**
   * Fetches the JWKS now (during Lambda init) instead of on the first request.
   * @example
   * ```ts
   * await tokenVerifier.prime();
   * ```
   */
  async prime(): Promise<void> {
    await verifier.get().hydrate();
  },

  /**
   * The claims of a valid token; a `CognitoUnauthorizedError` (or `CognitoForbiddenError` for a missing
   * group) otherwise. Never returns claims of a token it could not verify.
   * @example
   * ```ts
   * const { sub } = await tokenVerifier.verify(token);
   * ```
   */
  async verify(token: string): Promise<VerifiedClaims> {
    try {
      return (await verifier.get().verify(token)) as VerifiedClaims;
    } catch (error) {
      if (error instanceof CognitoJwtInvalidGroupError) {
        const groups = verifier.options().groups ?? [];
        throw new CognitoForbiddenError("The user is not in a required group", groups, {
          cause: error,
        });
      }
      // JWKS unreachable or misconfigured: the server's problem (a 5xx), not the caller's.
      const serverSide = [FetchError, JwksNotAvailableInCacheError, JwksValidationError];
      if (serverSide.some((type) => error instanceof type)) throw error;
      if (error instanceof JwtBaseError) {
        throw new CognitoUnauthorizedError(`Invalid token: ${error.message}`, { cause: error });
      }
      throw error;
    }
  },

  /**
   * Forgets the verifier and its JWKS; its options are kept, as for every singleton
   * (`resetAll()` from `@org/aws-core` forgets them too).
   * @example
   * ```ts
   * afterEach(() => tokenVerifier.reset());
   * ```
   */
  reset: (): void => verifier.reset(),

  /** Whether the verifier exists. */
  isCreated: (): boolean => verifier.isCreated(),
};
