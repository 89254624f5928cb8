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
 * The claims an API Gateway authorizer verified (HTTP API JWT authorizer, or REST API Cognito
 * authorizer), copied; `undefined` when the request went through no authorizer.
 */
export function authorizerClaims(
  event: ApiGatewayEventLike | undefined,
): Record<string, unknown> | undefined {
  const authorizer = (event?.requestContext as { authorizer?: AuthorizerLike | null } | undefined)
    ?.authorizer;
  const claims = authorizer?.jwt?.claims ?? authorizer?.claims;
  return claims && typeof claims === "object" ? { ...claims } : undefined;
}
