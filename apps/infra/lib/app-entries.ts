import { createRequire } from "node:module";
import { dirname, join } from "node:path";

/**
 * The handler module of an app of `apps/` (`src/handler.ts`), found through its package
 * `@org/<app>` (whose `./api` export sits beside the handler), wherever the CDK app runs from.
 *
 * @example
 * ```ts
 * const entry = appEntry("users-api"); // <repo>/apps/users-api/src/handler.ts
 * ```
 */
export function appEntry(app: string): string {
  const api = createRequire(import.meta.url).resolve(`@org/${app}/api`);
  return join(dirname(api), "handler.ts");
}
