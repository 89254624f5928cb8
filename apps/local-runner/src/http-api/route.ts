/**
 * One route of the HTTP API: requests matching `method` and `path` go to `function`.
 *
 * - `method`: an HTTP method or `ANY`.
 * - `path`: literal segments and `{name}` segments (`/users/{id}`), a greedy last segment
 *   `{name+}` (`/files/{proxy+}`), or `$default` for every request no other route matches.
 * - `authorization`: `{ type: "jwt" }` puts the runner's JWT authorizer in front of the
 *   route, as API Gateway's `authorizationType: JWT` does (with `scopes` as its
 *   `authorizationScopes`); without it, the route is public.
 *
 * @example
 * ```ts
 * const routes: Route[] = [
 *   { method: "GET", path: "/health", function: "translation-api" },
 *   { method: "GET", path: "/users/{id}", function: "users-api", authorization: { type: "jwt" } },
 * ];
 * ```
 */
export interface Route {
  readonly method: string;
  readonly path: string;
  readonly function: string;
  readonly authorization?: RouteAuthorization | undefined;
}

/** A JWT authorizer on a route; the token must carry one of `scopes`, when there are any. */
export interface RouteAuthorization {
  readonly type: "jwt";
  readonly scopes?: readonly string[] | undefined;
}
