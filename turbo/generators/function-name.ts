import { existsSync, readdirSync } from "node:fs";
import { join } from "node:path";

/**
 * The longest name `pnpm gen function` takes. The name becomes a folder, a package
 * (`@org/<name>`), a route prefix and, in PascalCase, part of CDK construct ids and of the
 * Lambda function's physical name, which CloudFormation cuts at 64 characters.
 */
export const MAX_FUNCTION_NAME_LENGTH = 40;

// Lowercase words of letters and digits joined by single dashes, starting with a letter.
const KEBAB_CASE = /^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$/;

/** The names a new function's files and code use, all derived from its kebab-case name. */
export interface FunctionNames {
  /** The kebab-case name: folder `apps/<name>`, package `@org/<name>`, routes `/<name>/...`. */
  readonly name: string;
  /** The `defineApi` constant of `src/api.ts`, e.g. `ordersApi` (`<camelCase>` + `Api`). */
  readonly apiName: string;
  /** PascalCase, for CDK construct ids, e.g. `OrdersApi`. */
  readonly pascalName: string;
  /** The sort-key prefix of its items in the shared table, e.g. `ORDERS_API`. */
  readonly keyPrefix: string;
}

/**
 * Why `name` cannot be a new function in the repo at `root`, or `undefined` when it can:
 * kebab-case, at most {@link MAX_FUNCTION_NAME_LENGTH} characters, and no app or package of
 * that name yet. `orders` and `orders-api` count as the same name: both would declare
 * `ordersApi`.
 *
 * @example
 * ```ts
 * functionNameProblem("orders-api", process.cwd()); // undefined
 * functionNameProblem("OrdersApi", process.cwd()); // 'the name must be kebab-case ...'
 * ```
 */
export function functionNameProblem(name: unknown, root: string): string | undefined {
  if (typeof name !== "string" || name === "")
    return "give the function a name: pnpm gen function <name>, e.g. pnpm gen function orders-api";
  if (name.length > MAX_FUNCTION_NAME_LENGTH)
    return `the name must be at most ${MAX_FUNCTION_NAME_LENGTH} characters; "${name.slice(0, 50)}..." has ${name.length}`;
  if (!KEBAB_CASE.test(name))
    return `the name must be kebab-case (lowercase letters and digits, words joined by "-", starting with a letter), e.g. orders-api; got "${name}"`;
  const taken = takenBy(name, root);
  if (taken) return `"${name}" is taken: ${taken} already exists`;
  return undefined;
}

/**
 * The names derived from a valid function name.
 *
 * @example
 * ```ts
 * functionNames("orders-api"); // { name: "orders-api", apiName: "ordersApi", pascalName: "OrdersApi", keyPrefix: "ORDERS_API" }
 * functionNames("orders"); // { name: "orders", apiName: "ordersApi", pascalName: "OrdersApi", keyPrefix: "ORDERS" }
 * ```
 */
export function functionNames(name: string): FunctionNames {
  const words = name.split("-");
  const pascalName = words.map((word) => word[0]?.toUpperCase() + word.slice(1)).join("");
  const camel = pascalName[0]?.toLowerCase() + pascalName.slice(1);
  return {
    name,
    // `Api` always ends it, so no name makes a reserved word or a bare `table`.
    apiName: camel.endsWith("Api") ? camel : `${camel}Api`,
    pascalName,
    keyPrefix: words.join("_").toUpperCase(),
  };
}

// The app or package folder a name clashes with: the same folder, or one whose `apiName`
// (and construct id) would be the same, like `users` next to `users-api`.
function takenBy(name: string, root: string): string | undefined {
  const { apiName } = functionNames(name);
  for (const parent of ["apps", "packages"]) {
    const dir = join(root, parent);
    if (!existsSync(dir)) continue;
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (!entry.isDirectory()) continue;
      const clash =
        entry.name === name ||
        (KEBAB_CASE.test(entry.name) && functionNames(entry.name).apiName === apiName);
      if (clash) return `${parent}/${entry.name}`;
    }
  }
  return undefined;
}
