import type { AssetOptions } from "aws-cdk-lib/aws-s3-assets";
import type { FunctionTarget } from "./function-target";

/** The folder `buildLambda()` writes V8's compile cache to, in the function's code. */
const COMPILE_CACHE_DIR = ".node-compile-cache";

/**
 * `Code.fromAsset()`'s options and `extraHash`, an option of CDK's asset staging (a string
 * added to the asset's hash) that `Code.fromAsset()` and `s3_assets.Asset` pass on without
 * declaring it. A test checks that it still reaches the hash.
 */
export type StagedAssetOptions = AssetOptions & { readonly extraHash?: string | undefined };

/**
 * V8 writes different cache bytes on each run from the same bundle: hashed, they would make
 * every synth a new asset (and every deploy a code update). So the hash covers the bundle and,
 * instead of the cache's bytes, what the cache is made for. (`exclude` only leaves files out
 * of a bundled asset's hash: the cache is deployed.)
 */
export function cacheNeutralHash(
  target: FunctionTarget,
  compileCache: boolean,
): Pick<StagedAssetOptions, "exclude" | "extraHash"> {
  if (!compileCache) return {};
  const cacheNode = target.nodeVersion ?? process.versions.node;
  return { exclude: [COMPILE_CACHE_DIR], extraHash: JSON.stringify({ ...target, cacheNode }) };
}
