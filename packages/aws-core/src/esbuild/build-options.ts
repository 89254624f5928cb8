import type { BuildOptions } from "esbuild";
import { lambdaLean } from "./lambda-lean";
import type { LambdaBuildPresetOptions } from "./types";

/**
 * ES module output needs a `require` for the CommonJS dependencies some packages still
 * `require()` (Node.js built-ins among them).
 *
 * @example
 * ```ts
 * await build({ ...options, format: "esm", banner: { js: CREATE_REQUIRE_BANNER } });
 * ```
 */
export const CREATE_REQUIRE_BANNER =
  "import{createRequire as __cr}from'module';const require=__cr(import.meta.url);";

/**
 * esbuild options for a Lambda handler bundle on Node.js: one minified ES module, the SDK's
 * ES module build (`mainFields: ["module", "main"]`, about 40% smaller than its CommonJS
 * build), a `require` for CommonJS dependencies, no legal comments, and the
 * {@link lambdaLean} plugin unless `lean: false`. Spread it and add your entry and output.
 *
 * @example
 * ```ts
 * import { build } from "esbuild";
 * import { lambdaBuildOptions } from "@org/aws-core/esbuild";
 *
 * await build({
 *   ...lambdaBuildOptions(),
 *   entryPoints: ["src/handler.ts"],
 *   outfile: "dist/index.mjs",
 *   metafile: true,
 * });
 * ```
 */
export function lambdaBuildOptions(options: LambdaBuildPresetOptions = {}): BuildOptions {
  const { lean = true, target = "node22", ...leanOptions } = options;
  return {
    bundle: true,
    minify: true,
    format: "esm",
    platform: "node",
    target,
    mainFields: ["module", "main"],
    legalComments: "none",
    banner: { js: CREATE_REQUIRE_BANNER },
    plugins: lean ? [lambdaLean(leanOptions)] : [],
  };
}
