// Bundles an app the way it ships to Lambda: esbuild, minified ESM for Node.js 20, the
// SDK's ESM build, one file (dist/index.mjs, handler "index.handler") and a metafile.
// Run from the app's folder: node ../app-kit/bundle.mjs [--lean] [--outdir <folder>]
//
// --lean (or LAMBDA_LEAN=1): trims what Lambda never runs out of the SDK with lambdaLean()
// from @org/aws-core/esbuild: the default credential chain becomes environment variables
// with container credentials as fallback (no SSO, INI, process, web identity or IMDS
// providers, no nested STS/SSO clients), and Bedrock's SSO token chain goes too. The CDK app
// deploys these prebuilt bundles, so this is also how a lean deployment is made.
// --outdir: where to write index.mjs and meta.json instead of dist (benchmarks).
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { build } from "esbuild";

const { values: args } = parseArgs({
  options: {
    lean: { type: "boolean", default: false },
    outdir: { type: "string", default: "dist" },
  },
});
const lean = args.lean || process.env.LAMBDA_LEAN === "1" || process.env.LAMBDA_LEAN === "true";
// Loaded only when asked for: a normal build does not need @org/aws-core built first.
const plugins = lean ? [(await import("@org/aws-core/esbuild")).lambdaLean()] : [];

const result = await build({
  entryPoints: ["src/handler.ts"],
  outfile: join(args.outdir, "index.mjs"),
  bundle: true,
  minify: true,
  format: "esm",
  platform: "node",
  target: "node20",
  mainFields: ["module", "main"],
  metafile: true,
  legalComments: "none",
  // Some CommonJS dependencies call require(); ESM output needs one.
  banner: { js: "import{createRequire as __cr}from'module';const require=__cr(import.meta.url);" },
  plugins,
  logLevel: "warning",
});
mkdirSync(args.outdir, { recursive: true });
writeFileSync(join(args.outdir, "meta.json"), JSON.stringify(result.metafile));
const output = Object.values(result.metafile.outputs)[0];
console.log(`${join(args.outdir, "index.mjs")}: ${output.bytes} bytes${lean ? " (lean)" : ""}`);
