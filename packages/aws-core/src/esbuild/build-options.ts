import type { BuildOptions } from "esbuild";
import { lambdaLean } from "./lambda-lean";
import { splitOutputCheck } from "./split-output-check";
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
 * Where {@link lambdaBuildOptions} puts the chunks of a split bundle, relative to `outdir`:
 * shared code as `chunks/chunk-<hash>.mjs`, a module reached only by `import()` under its own
 * file's name (`chunks/dist-es-<hash>.mjs` for an SDK package's `dist-es/index.js`). The hash
 * is of the content, so an unchanged chunk keeps its name from build to build.
 *
 * @example
 * ```ts
 * const chunks = readdirSync(join("dist", "chunks")); // [ "chunk-ZX3UCZNY.mjs", ... ]
 * ```
 */
export const LAMBDA_CHUNK_NAMES = "chunks/[name]-[hash]";

/**
 * esbuild options for a Lambda handler bundle on Node.js: minified ES modules (`.mjs`), the
 * SDK's ES module build (`mainFields: ["module", "main"]`, about 40% smaller than its
 * CommonJS build), a `require` for CommonJS dependencies, no legal comments, the
 * {@link lambdaLean} plugin unless `lean: false`, and code splitting unless
 * `splitting: false`. Spread it and add your entry and output folder.
 *
 * Split (the default), the bundle is a folder: the entry module (`outdir/<entry>.mjs`) and
 * its chunks in `outdir/chunks/` ({@link LAMBDA_CHUNK_NAMES}). Code that is only reached
 * through `import()` (the SDK's own optional credential providers, a client of
 * `@org/aws-bedrock` or `@org/aws-cognito`, which load their SDK on first use) lands in chunks
 * that Node.js reads only when a request needs them; the entry imports the rest. Deploy the
 * whole folder. Splitting needs `outdir`: an `outfile` fails the build with an
 * `InvalidConfigError` (setting `"outfile"`, in the build error's `errors[0].detail`). With
 * `splitting: false` the bundle is one file, as before: give `outfile` or `outdir`.
 *
 * @example
 * ```ts
 * import { build } from "esbuild";
 * import { lambdaBuildOptions } from "@org/aws-core/esbuild";
 *
 * // dist/index.mjs (handler "index.handler") and dist/chunks/*.mjs: deploy dist/
 * await build({
 *   ...lambdaBuildOptions(),
 *   entryPoints: { index: "src/handler.ts" },
 *   outdir: "dist",
 *   metafile: true,
 * });
 *
 * // One file, no chunks:
 * await build({
 *   ...lambdaBuildOptions({ splitting: false }),
 *   entryPoints: ["src/handler.ts"],
 *   outfile: "dist/index.mjs",
 * });
 * ```
 */
export function lambdaBuildOptions(options: LambdaBuildPresetOptions = {}): BuildOptions {
  const { lean = true, target = "node22", splitting = true, ...leanOptions } = options;
  return {
    bundle: true,
    minify: true,
    format: "esm",
    platform: "node",
    target,
    mainFields: ["module", "main"],
    legalComments: "none",
    banner: { js: CREATE_REQUIRE_BANNER },
    splitting,
    ...(splitting ? { chunkNames: LAMBDA_CHUNK_NAMES } : {}),
    // Lambda loads ES modules by extension: without a package.json "type", .js is CommonJS.
    outExtension: { ".js": ".mjs" },
    plugins: [
      ...(splitting ? [splitOutputCheck()] : []),
      ...(lean ? [lambdaLean(leanOptions)] : []),
    ],
  };
}
