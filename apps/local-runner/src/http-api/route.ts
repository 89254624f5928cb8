/**
 * One route of the HTTP API: requests matching `method` and `path` go to `function`.
 *
 * - `method`: an HTTP method or `ANY`.
 * - `path`: literal segments and `{name}` segments (`/users/{id}`), a greedy last segment
 *   `{name+}` (`/files/{proxy+}`), or `$default` for every request no other route matches.
 *
 * @example
 * ```ts
 * const routes: Route[] = [
 *   { method: "GET", path: "/users/{id}", function: "users-api" },
 *   { method: "ANY", path: "/translations", function: "translation-api" },
 * ];
 * ```
 */
export interface Route {
  readonly method: string;
  readonly path: string;
  readonly function: string;
}
