import { existsSync, readdirSync, renameSync } from "node:fs";
import { join } from "node:path";

/** Where `buildLambda()` puts the compile cache, beside the bundle. */
export const COMPILE_CACHE_DIR = ".node-compile-cache";

/**
 * Renames a bundle's compile cache for the user the local runner runs functions as. Node.js
 * names the cache folder `v<version>-<arch>-<V8 tag>-<uid>` and reads only the one of its own
 * user; `buildLambda()` tags it for Lambda's sandbox user (993). Returns the cache's folder,
 * or `undefined` when the bundle ships none.
 *
 * @example `retagCompileCache("reports/bundles/aws-dynamo-lean-cache", process.getuid())`
 */
export function retagCompileCache(bundleDir: string, uid: number): string | undefined {
  const root = join(bundleDir, COMPILE_CACHE_DIR);
  if (!existsSync(root)) return undefined;
  for (const folder of readdirSync(root)) {
    const retagged = folder.replace(/-\d+$/, `-${uid}`);
    if (retagged !== folder) renameSync(join(root, folder), join(root, retagged));
  }
  return root;
}
