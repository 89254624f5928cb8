import { existsSync } from "node:fs";
import { join } from "node:path";

/** The exec wrapper `bundle.mjs --exec-wrapper` writes (`writeExecWrapper` of @org/aws-core/esbuild). */
export const EXEC_WRAPPER_FILE = "start-node.sh";

/**
 * The variables a function needs for what its bundle folder ships: with the exec wrapper,
 * `AWS_LAMBDA_EXEC_WRAPPER`. The CDK app and the demo read the same folder the same way.
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
