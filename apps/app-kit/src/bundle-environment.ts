import { existsSync } from "node:fs";
import { join } from "node:path";

/** The exec wrapper `bundle.mjs` writes by default (`buildLambda()` of @org/aws-core/esbuild, `execWrapper`). */
export const EXEC_WRAPPER_FILE = "start-node.sh";

/**
 * The variables a function needs for what its bundle folder ships: with the exec wrapper,
 * `AWS_LAMBDA_EXEC_WRAPPER` (what `buildLambda()` returns as `environment`, read back from a
 * folder built earlier). The demo and the apps' tests run `dist/` this way.
 *
 * @example
 * ```ts
 * const env = { TABLE_NAME: "app", ...bundleEnvironment("apps/users-api/dist") };
 * ```
 */
export function bundleEnvironment(bundleDir: string): Record<string, string> {
  return existsSync(join(bundleDir, EXEC_WRAPPER_FILE))
    ? { AWS_LAMBDA_EXEC_WRAPPER: `/var/task/${EXEC_WRAPPER_FILE}` }
    : {};
}
