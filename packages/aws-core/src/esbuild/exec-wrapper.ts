import { chmodSync, writeFileSync } from "node:fs";
import { join } from "node:path";

/** Options of {@link writeExecWrapper} (internal: {@link buildLambda} calls it). */
export interface ExecWrapperOptions {
  /** The folder that is deployed (Lambda's `/var/task`). */
  readonly dir: string;
  /** The script's file name. Default `"start-node.sh"`. */
  readonly file?: string | undefined;
}

/** What {@link writeExecWrapper} wrote, and the variable that turns it on. */
export interface ExecWrapper {
  readonly path: string;
  /** Set these on the function: `{ AWS_LAMBDA_EXEC_WRAPPER: "/var/task/start-node.sh" }`. */
  readonly environment: { readonly AWS_LAMBDA_EXEC_WRAPPER: string };
}

// POSIX sh: drops --expose-gc from the runtime's command line and starts the rest as it was.
const SCRIPT = `#!/bin/sh
# Starts Lambda's Node.js runtime without --expose-gc (writeExecWrapper of @org/aws-core/esbuild).
# That flag changes V8's flags hash, so V8 rejects the code cache built into Node.js and every
# built-in module (node:http among them) is compiled from source at each cold start.
for arg do
  shift
  [ "$arg" = "--expose-gc" ] && continue
  set -- "$@" "$arg"
done
exec "$@"
`;

/**
 * Writes a Lambda exec wrapper (`AWS_LAMBDA_EXEC_WRAPPER`) that starts the Node.js runtime
 * without `--expose-gc`, the one flag of Lambda's Node.js bootstrap that makes V8 reject the
 * code cache built into Node.js: with it, every built-in module a cold start loads (the
 * runtime's own, and `node:http`, `node:https` and their dependencies on the first AWS call) is
 * compiled from its source. Only `global.gc` goes away; neither Lambda's runtime nor the AWS
 * SDK calls it. Make a shipped compile cache with `nodeFlags: []` to match. Internal since
 * `buildLambda()`, which calls both.
 *
 * @example
 * ```ts
 * const wrapper = writeExecWrapper({ dir: "dist" });
 * await writeCompileCache({ dir: "dist", nodeFlags: [] });
 * // then set wrapper.environment on the function:
 * // AWS_LAMBDA_EXEC_WRAPPER=/var/task/start-node.sh
 * ```
 */
export function writeExecWrapper(options: ExecWrapperOptions): ExecWrapper {
  const file = options.file ?? "start-node.sh";
  const path = join(options.dir, file);
  writeFileSync(path, SCRIPT);
  chmodSync(path, 0o755);
  return { path, environment: { AWS_LAMBDA_EXEC_WRAPPER: `/var/task/${file}` } };
}
