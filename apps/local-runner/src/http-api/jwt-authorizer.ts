import { JwtRsaVerifier } from "aws-jwt-verify";
import {
  FetchError,
  JwksNotAvailableInCacheError,
  JwksValidationError,
} from "aws-jwt-verify/error";
import type { Fetcher } from "aws-jwt-verify/https";
import { SimpleJwksCache } from "aws-jwt-verify/jwk";
import type { JwtHeader, JwtPayload } from "aws-jwt-verify/jwt-model";
import type { RouteAuthorization } from "./route";

/**
 * The JWT authorizer of the HTTP API, configured as API Gateway's is (`AWS::ApiGatewayV2::
 * Authorizer` with `JwtConfiguration`): the issuer, the audiences, and where its keys are.
 *
 * @example
 * ```ts
 * const authorizer: JwtAuthorizerOptions = {
 *   issuer: `https://cognito-idp.us-east-1.amazonaws.com/${userPoolId}`,
 *   audience: [clientId],
 *   jwksUri: `${cognitoLocal.endpoint}/${userPoolId}/.well-known/jwks.json`,
 * };
 * ```
 */
export interface JwtAuthorizerOptions {
  /** The `iss` every token must have. */
  readonly issuer: string;
  /** A token's `aud`, or `client_id` when it has no `aud` (Cognito access tokens), must be one of these. */
  readonly audience: readonly string[];
  /** Where the signing keys are. Default `<issuer>/.well-known/jwks.json`. */
  readonly jwksUri?: string | undefined;
}

/** What the authorizer decided about one request. */
export type AuthorizerDecision =
  | {
      readonly allow: true;
      /** `requestContext.authorizer` of the event, as API Gateway fills it in. */
      readonly context: {
        readonly jwt: { readonly claims: Record<string, string>; readonly scopes: string[] | null };
      };
    }
  | { readonly allow: false; readonly statusCode: 401 | 403 | 503; readonly reason: string };

/**
 * Checks a request's `Authorization` header before the function runs, by API Gateway's rules
 * for HTTP API JWT authorizers: the token (with or without a `Bearer ` prefix) must be an
 * RS256 JWT signed by a key of the issuer's JWKS (`kid`), with the configured `iss`, an `aud`
 * (or `client_id`) among the audiences, an `exp` in the future, and `nbf` and `iat`, when
 * present, in the past; a route with scopes needs one of them in `scope` (or `scp`).
 * Like API Gateway, it does not look at `token_use`: the function's own check
 * (`requireUser` in `@org/aws-cognito`) does.
 *
 * The decision's `reason` is for the runner's log; callers only ever see API Gateway's
 * bodies: `{"message":"Unauthorized"}` (401) and `{"message":"Forbidden"}` (403). Keys
 * that cannot be fetched answer 503, not 401: the caller's token may well be good.
 */
export class JwtAuthorizer {
  private readonly verifier;

  constructor(options: JwtAuthorizerOptions) {
    const audience = new Set(options.audience);
    this.verifier = JwtRsaVerifier.create(
      {
        issuer: options.issuer,
        jwksUri: options.jwksUri ?? `${options.issuer.replace(/\/$/, "")}/.well-known/jwks.json`,
        audience: null,
        customJwtCheck: ({ header, payload }) => checkApiGatewayRules(header, payload, audience),
      },
      { jwksCache: new SimpleJwksCache({ fetcher: plainFetcher }) },
    );
  }

  /**
   * The decision for a request with this `Authorization` header, on a route with `route`. A
   * request with the header more than once is judged on the values joined by commas, as the
   * function receives them in the event: that is never a valid token, so it answers 401.
   */
  async authorize(
    header: string | undefined,
    route: RouteAuthorization,
  ): Promise<AuthorizerDecision> {
    const token = header?.replace(/^Bearer\s+/i, "").trim();
    if (!token) return { allow: false, statusCode: 401, reason: "no Authorization header" };
    // No JWT has a comma: this is several Authorization headers, joined.
    if (token.includes(",")) {
      return { allow: false, statusCode: 401, reason: "more than one Authorization header" };
    }
    let payload: JwtPayload;
    try {
      payload = await this.verifier.verify(token);
    } catch (error) {
      const keysUnavailable = [FetchError, JwksNotAvailableInCacheError, JwksValidationError];
      if (keysUnavailable.some((type) => error instanceof type)) {
        return { allow: false, statusCode: 503, reason: `JWKS unavailable: ${message(error)}` };
      }
      // Every failed check: aws-jwt-verify's own errors, and those of checkApiGatewayRules.
      if (error instanceof Error) {
        return { allow: false, statusCode: 401, reason: message(error) };
      }
      throw error;
    }
    const scopes = scopesOf(payload);
    const required = route.scopes ?? [];
    if (required.length > 0 && !required.some((scope) => scopes?.includes(scope))) {
      return { allow: false, statusCode: 403, reason: `none of the scopes ${required.join(" ")}` };
    }
    return { allow: true, context: { jwt: { claims: stringClaims(payload), scopes } } };
  }
}

// aws-jwt-verify's own fetcher speaks HTTPS only; a local issuer serves its keys over HTTP.
const plainFetcher: Fetcher = {
  async fetch(uri) {
    let response: Response;
    try {
      response = await fetch(uri, { signal: AbortSignal.timeout(3_000) });
    } catch (error) {
      throw new FetchError(uri, message(error));
    }
    if (!response.ok) throw new FetchError(uri, `status ${response.status}`);
    return response.arrayBuffer();
  },
};

function checkApiGatewayRules(header: JwtHeader, payload: JwtPayload, audience: Set<string>) {
  if (header.alg !== "RS256") throw new Error(`alg ${String(header.alg)} is not RS256`);
  if (typeof payload.exp !== "number") throw new Error("no exp claim");
  if (typeof payload.iat === "number" && payload.iat > Date.now() / 1000) {
    throw new Error("iat is in the future");
  }
  const audiences = payload.aud === undefined ? [payload.client_id] : [payload.aud].flat();
  if (!audiences.some((value) => typeof value === "string" && audience.has(value))) {
    throw new Error("neither aud nor client_id is an accepted audience");
  }
}

function scopesOf(payload: JwtPayload): string[] | null {
  const { scope, scp } = payload as { scope?: unknown; scp?: unknown };
  if (typeof scope === "string") return scope.split(" ").filter(Boolean);
  if (Array.isArray(scp)) return scp.filter((s): s is string => typeof s === "string");
  return null;
}

// API Gateway hands the function every claim as a string; arrays as "[a b]".
function stringClaims(payload: JwtPayload): Record<string, string> {
  return Object.fromEntries(
    Object.entries(payload).map(([name, value]) => [
      name,
      typeof value === "string"
        ? value
        : Array.isArray(value)
          ? `[${value.join(" ")}]`
          : typeof value === "object" && value !== null
            ? JSON.stringify(value)
            : String(value),
    ]),
  );
}

const message = (error: unknown) => (error instanceof Error ? error.message : String(error));
