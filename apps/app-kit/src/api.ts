// The one description of an app's HTTP routes and who may call them. The handler implements
// exactly these routes (its type says so), the CDK app declares them on the HTTP API with
// their authorizer, and the local runner's HTTP front enforces the same authorizer: the
// three cannot drift apart. No imports: the CDK app reads this without loading the handler.

/** Who may call a route: anyone, or a caller with a JWT the API's authorizer verified. */
export type RouteAuth =
  | { readonly auth: "public" }
  | {
      readonly auth: "jwt";
      /** The token must carry at least one of these OAuth scopes (API Gateway's `authorizationScopes`). */
      readonly scopes?: readonly string[] | undefined;
    };

/** A route key as API Gateway writes it: `"<METHOD> <path>"`, e.g. `"GET /users/{id}"`. */
export type RouteKey = `${string} /${string}`;

/** The Lambda Node.js runtimes an app can run on. */
export type LambdaNodeRuntime = "nodejs24.x" | "nodejs22.x";

/** An app: its function name, its runtime and its routes. */
export interface AppApi<K extends RouteKey = RouteKey> {
  /** The function's name (`AWS_LAMBDA_FUNCTION_NAME` locally, the construct's name in the CDK app). */
  readonly function: string;
  /** The Lambda runtime it is deployed on, and run on locally. */
  readonly runtime: LambdaNodeRuntime;
  readonly routes: Readonly<Record<K, RouteAuth>>;
}

/** One route, split for tools that want method and path apart. */
export interface ApiRoute {
  readonly method: string;
  readonly path: string;
  readonly routeKey: RouteKey;
  readonly auth: RouteAuth;
}

/**
 * Declares an app's routes; the route keys' types carry through to `createHttpHandler`.
 *
 * @example
 * ```ts
 * export const usersApi = defineApi({
 *   function: "users-api",
 *   runtime: "nodejs24.x",
 *   routes: { "GET /users/{id}": { auth: "jwt" }, "GET /health": { auth: "public" } },
 * });
 * ```
 */
export function defineApi<const K extends RouteKey>(api: AppApi<K>): AppApi<K> {
  return api;
}

/**
 * The routes of an app as a list.
 *
 * @example
 * ```ts
 * apiRoutes(usersApi); // [{ method: "GET", path: "/users/{id}", routeKey: "GET /users/{id}", auth: { auth: "jwt" } }, ...]
 * ```
 */
export function apiRoutes(api: AppApi): ApiRoute[] {
  return Object.entries<RouteAuth>(api.routes).map(([routeKey, auth]) => {
    const [method = "", path = ""] = routeKey.split(" ");
    return { method, path, routeKey: routeKey as RouteKey, auth };
  });
}
