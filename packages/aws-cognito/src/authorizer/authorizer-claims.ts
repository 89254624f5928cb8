/** The authorizer part of an API Gateway request context, as far as it is read here. */
interface AuthorizerLike {
  /** HTTP API JWT authorizer. */
  readonly jwt?: { readonly claims?: Readonly<Record<string, unknown>> } | undefined;
  /** REST API Cognito authorizer. */
  readonly claims?: Readonly<Record<string, unknown>> | undefined;
}

/**
 * The parts of an API Gateway event (HTTP API v2 or REST) that are read here: `headers` and
 * `requestContext.authorizer`. Any API Gateway event type fits.
 */
export interface ApiGatewayEventLike {
  readonly headers?: Readonly<Record<string, string | undefined>> | null | undefined;
  readonly requestContext?: object | undefined;
}

/**
 * Where claims came from, which says how their array claims (`cognito:groups`) are written:
 *
 * - `"http-api"`: an HTTP API JWT authorizer (`requestContext.authorizer.jwt.claims`), which
 *   renders an array as `"[a b]"`;
 * - `"rest"`: a REST API Cognito authorizer (`requestContext.authorizer.claims`), which
 *   renders it as `"a,b"`;
 * - `"token"`: a token verified here, or accepted by Cognito: a JSON array.
 */
export type ClaimsForm = "http-api" | "rest" | "token";

/** Claims an API Gateway authorizer verified, and the form they are written in. */
export interface AuthorizerClaims {
  readonly claims: Record<string, unknown>;
  readonly form: Exclude<ClaimsForm, "token">;
}

const isClaims = (value: unknown): value is Readonly<Record<string, unknown>> =>
  typeof value === "object" && value !== null;

/**
 * The claims an API Gateway authorizer verified (HTTP API JWT authorizer, or REST API Cognito
 * authorizer), copied, with the form they came in; `undefined` when the request went through
 * no authorizer.
 */
export function authorizerClaims(
  event: ApiGatewayEventLike | undefined,
): AuthorizerClaims | undefined {
  const authorizer = (event?.requestContext as { authorizer?: AuthorizerLike | null } | undefined)
    ?.authorizer;
  const httpApi = authorizer?.jwt?.claims;
  if (isClaims(httpApi)) return { claims: { ...httpApi }, form: "http-api" };
  const rest = authorizer?.claims;
  if (isClaims(rest)) return { claims: { ...rest }, form: "rest" };
  return undefined;
}
