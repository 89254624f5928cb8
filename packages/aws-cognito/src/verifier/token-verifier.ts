import { configurableSingleton, InvalidConfigError } from "@org/aws-core/internal";
import { CognitoJwtVerifier } from "aws-jwt-verify";
import type { CognitoJwtVerifierSingleUserPool } from "aws-jwt-verify/cognito-verifier";
import {
  CognitoJwtInvalidGroupError,
  FetchError,
  JwkInvalidKtyError,
  JwkInvalidUseError,
  JwksNotAvailableInCacheError,
  JwksValidationError,
  JwkValidationError,
  JwtBaseError,
  ParameterValidationError,
} from "aws-jwt-verify/error";
import { type Fetcher, SimpleFetcher } from "aws-jwt-verify/https";
import { SimpleJwksCache } from "aws-jwt-verify/jwk";
import {
  asCognitoError,
  CognitoError,
  CognitoForbiddenError,
  CognitoUnauthorizedError,
  CognitoUnavailableError,
} from "../errors";
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
  /** The token must carry at least one of these groups, else a `CognitoError` of kind `forbidden`. */
  readonly groups?: readonly string[] | undefined;
  /**
   * Where the JWKS is fetched from. Default: AWS, or the endpoint in
   * `AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER` when set (a local stand-in).
   */
  readonly jwksFetcher?: Fetcher | undefined;
}

/** The claims of a verified token. */
export type VerifiedClaims = Record<string, unknown>;

/** aws-jwt-verify's `CognitoJwtVerifier` of one user pool, as {@link tokenVerifier} creates it. */
export type CognitoVerifier = CognitoJwtVerifierSingleUserPool<{
  userPoolId: string;
  tokenUse: "access" | "id";
  clientId: string | string[] | null;
  groups?: string[];
}>;

/** The verifier, and how to fetch its user pool's JWKS. */
interface VerifierEntry {
  readonly verifier: CognitoVerifier;
  readonly userPoolId: string;
  readonly jwksCache: SimpleJwksCache;
}

// Every failure of the JWKS fetcher means the keys are out of reach: the server's problem
// (a 503), never the caller's (a 401), and told apart from token errors by its class.
function reachOrUnavailable(fetcher: Fetcher): Fetcher {
  return {
    async fetch(uri, ...rest) {
      try {
        return await fetcher.fetch(uri, ...rest);
      } catch (error) {
        throw new CognitoUnavailableError(
          `The user pool's JWKS could not be fetched from ${uri}: ${reasonOf(error)}`,
          { cause: error },
        );
      }
    },
  };
}

function reasonOf(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = error.cause instanceof Error ? ` (${error.cause.message})` : "";
  return `${error.message}${cause}`;
}

/** The user pool, app clients and token use a token must have, from options or environment. */
export interface UserPoolSettings {
  readonly userPoolId: string;
  /** The app clients a token must be for; `null` accepts any client of the pool. */
  readonly clientId: readonly string[] | null;
  readonly tokenUse: "access" | "id";
}

function resolveSettings(options: TokenVerifierOptions): UserPoolSettings {
  const env = process.env;
  const userPoolId = options.userPoolId ?? env.COGNITO_USER_POOL_ID;
  if (!userPoolId) {
    throw InvalidConfigError.invalid(
      "userPoolId",
      userPoolId,
      "a user pool id: set COGNITO_USER_POOL_ID",
    );
  }
  const given =
    options.clientId === undefined
      ? env.COGNITO_CLIENT_ID?.split(",").filter(Boolean)
      : options.clientId;
  if (given === undefined || (Array.isArray(given) && given.length === 0)) {
    throw InvalidConfigError.invalid(
      "clientId",
      given,
      "an app client id: set COGNITO_CLIENT_ID, or configure({ clientId: null }) to accept any",
    );
  }
  const clientId = given === null ? null : typeof given === "string" ? [given] : [...given];
  const tokenUse =
    options.tokenUse ?? (env.COGNITO_TOKEN_USE as "access" | "id" | undefined) ?? "access";
  if (tokenUse !== "access" && tokenUse !== "id") {
    throw InvalidConfigError.invalid("tokenUse", tokenUse, '"access" or "id" (COGNITO_TOKEN_USE)');
  }
  return { userPoolId, clientId, tokenUse };
}

/**
 * @internal The user pool and app clients {@link tokenVerifier} is configured for (its
 * options, else the environment): what `getUserFromToken` holds a token to as well.
 */
export function userPoolSettings(): UserPoolSettings {
  return resolveSettings(singleton.options());
}

// aws-jwt-verify's fetcher tries twice; with its own limits (1.5 s idle, 3 s to answer) a
// JWKS that never answers would hold a cold start past Lambda's default 3 s timeout. Two
// tries of at most 1 s end within 2 s.
const JWKS_FETCH_LIMITS = { defaultRequestOptions: { timeout: 1_000, responseTimeout: 1_000 } };

function createVerifier(options: TokenVerifierOptions): VerifierEntry {
  const env = process.env;
  const { userPoolId, clientId, tokenUse } = resolveSettings(options);
  // Only Cognito's own variable: the generic AWS_ENDPOINT_URL (one endpoint for every
  // service) must not also decide where the keys that tokens are trusted by come from.
  const endpoint = env.AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER;
  const fetcher =
    options.jwksFetcher ??
    (endpoint ? new EndpointJwksFetcher(endpoint) : new SimpleFetcher(JWKS_FETCH_LIMITS));
  const jwksCache = new SimpleJwksCache({ fetcher: reachOrUnavailable(fetcher) });
  try {
    const verifier: CognitoVerifier = CognitoJwtVerifier.create(
      {
        userPoolId,
        tokenUse,
        clientId: clientId === null ? null : [...clientId],
        ...(options.groups ? { groups: [...options.groups] } : {}),
      },
      { jwksCache },
    );
    return { verifier, userPoolId, jwksCache };
  } catch (error) {
    if (!(error instanceof ParameterValidationError)) throw error;
    throw InvalidConfigError.invalid(
      "userPoolId",
      userPoolId,
      "a user pool id such as eu-west-1_AbCdEf123 (COGNITO_USER_POOL_ID)",
    );
  }
}

const singleton = /* @__PURE__ */ configurableSingleton("cognito-jwt-verifier", createVerifier);

// The verifier whose JWKS is fetched, or being fetched; a failed fetch is forgotten.
let ready:
  | { readonly entry: VerifierEntry; readonly promise: Promise<CognitoVerifier> }
  | undefined;

// One request for the JWKS, cached for both of Cognito's issuer host names (cognito-idp and
// issuer-cognito-idp), which serve the same keys: aws-jwt-verify's hydrate() would fetch it
// twice. A token whose kid is not among the keys still makes aws-jwt-verify fetch again.
async function fetchJwks(entry: VerifierEntry): Promise<CognitoVerifier> {
  const { jwksUri } = CognitoJwtVerifier.parseUserPoolId(entry.userPoolId);
  entry.verifier.cacheJwks(await entry.jwksCache.getJwks(jwksUri));
  return entry.verifier;
}

// JWKS contents that are not a usable JWKS (the key a token's kid picks is one of them too):
// the server's configuration, not the caller's token.
const MISCONFIGURED = [
  JwksValidationError,
  JwkValidationError,
  JwkInvalidUseError,
  JwkInvalidKtyError,
];
const UNREACHABLE = [FetchError, JwksNotAvailableInCacheError];

/** Any failure of the verifier or its JWKS as a {@link CognitoError}. */
function verifierError(error: unknown): CognitoError {
  if (error instanceof CognitoError) return error;
  if (error instanceof CognitoJwtInvalidGroupError) {
    return new CognitoForbiddenError("The user is not in a required group", {
      requiredGroups: singleton.options().groups ?? [],
      cause: error,
    });
  }
  if (UNREACHABLE.some((type) => error instanceof type)) {
    return new CognitoUnavailableError(`The user pool's JWKS is out of reach: ${reasonOf(error)}`, {
      cause: error,
    });
  }
  if (MISCONFIGURED.some((type) => error instanceof type)) {
    return new CognitoError(`The user pool's JWKS is not usable: ${reasonOf(error)}`, {
      kind: "internal",
      cause: error,
    });
  }
  if (error instanceof JwtBaseError) {
    return new CognitoUnauthorizedError(`Invalid token: ${error.message}`, { cause: error });
  }
  return asCognitoError(error, "The token verifier failed");
}

/** The container's Cognito token verifier: see {@link tokenVerifier}. */
export interface TokenVerifier {
  /** Name in errors and in `prime()` results: `"cognito-jwt-verifier"`. */
  readonly name: string;
  /**
   * The verifier (aws-jwt-verify's `CognitoJwtVerifier`), created from its options on the
   * first call, with its user pool's JWKS fetched. Concurrent calls share one creation and
   * one fetch; a failure is not kept, and the next call tries again. What `prime()` of
   * `@org/aws-core` calls.
   * @example
   * ```ts
   * const verifier = await tokenVerifier.get();
   * ```
   */
  get(): Promise<CognitoVerifier>;
  /**
   * The claims of a valid token; otherwise a `CognitoError`: kind `unauthorized` for a token
   * that cannot be verified, `forbidden` for one outside the `groups` option, `unavailable`
   * when the JWKS is out of reach, `internal` for a misconfiguration.
   * @example
   * ```ts
   * const { sub } = await tokenVerifier.verify(token);
   * ```
   */
  verify(token: string): Promise<VerifiedClaims>;
  /**
   * Sets options; merges with earlier calls. Before the first use only: afterwards an
   * an `AwsCoreError` of kind `internal`, instead of being ignored.
   * @example
   * ```ts
   * tokenVerifier.configure({ clientId: ["web", "mobile"], groups: ["admin"] });
   * ```
   */
  configure(options: TokenVerifierOptions): void;
  /**
   * Forgets the verifier and its JWKS; the options are kept (`resetAll()` of `@org/aws-core`
   * forgets both).
   * @example
   * ```ts
   * afterEach(() => tokenVerifier.reset());
   * ```
   */
  reset(): void;
  /**
   * The verifier if it was created, without creating it.
   * @example
   * ```ts
   * if (tokenVerifier.peek() === undefined) console.log("not used yet");
   * ```
   */
  peek(): CognitoVerifier | undefined;
}

/**
 * The container's Cognito token verifier (aws-jwt-verify's `CognitoJwtVerifier`), created on
 * first use from its options and the environment, with the same rules as the clients of
 * `@org/aws-core`: `configure()` before first use, `get()` to create it (and fetch the user
 * pool's JWKS: one request, then cached), `reset()`, `peek()`. So `prime([tokenVerifier])`
 * of `@org/aws-core` fetches the JWKS during Lambda's init. Every failure is a `CognitoError`
 * (see {@link TokenVerifier.verify}).
 *
 * @example
 * ```ts
 * import { prime } from "@org/aws-core";
 * import { tokenVerifier } from "@org/aws-cognito";
 *
 * tokenVerifier.configure({ tokenUse: "id" }); // optional, before first use
 * await prime([tokenVerifier]); // at module scope: fetches the JWKS during the init
 *
 * export const handler = async (event) => {
 *   const claims = await tokenVerifier.verify(token);
 * };
 * ```
 */
export const tokenVerifier: TokenVerifier = {
  name: "cognito-jwt-verifier",

  get(): Promise<CognitoVerifier> {
    let entry: VerifierEntry;
    try {
      entry = singleton.get();
    } catch (error) {
      return Promise.reject(asCognitoError(error, "Creating the token verifier failed"));
    }
    if (ready?.entry !== entry) {
      const promise: Promise<CognitoVerifier> = fetchJwks(entry).catch((error: unknown) => {
        if (ready?.promise === promise) ready = undefined;
        throw verifierError(error);
      });
      ready = { entry, promise };
    }
    return ready.promise;
  },

  async verify(token: string): Promise<VerifiedClaims> {
    const verifier = await tokenVerifier.get();
    try {
      return (await verifier.verify(token)) as VerifiedClaims;
    } catch (error) {
      throw verifierError(error);
    }
  },

  configure(options: TokenVerifierOptions): void {
    singleton.configure(options);
  },

  reset(): void {
    ready = undefined;
    singleton.reset();
  },

  peek(): CognitoVerifier | undefined {
    return singleton.peek()?.verifier;
  },
};
