// Bundles an app the way it ships to Lambda: esbuild, minified ESM for Node.js 22 (the oldest Lambda runtime supported), the
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
import { lambdaBuildOptions } from "@org/aws-core/esbuild";
import { build } from "esbuild";

const { values: args } = parseArgs({
  options: {
    lean: { type: "boolean", default: false },
    outdir: { type: "string", default: "dist" },
  },
});
const lean = args.lean || process.env.LAMBDA_LEAN === "1" || process.env.LAMBDA_LEAN === "true";

// The shared Lambda preset of @org/aws-core/esbuild (minified ESM for node22, the SDK's ESM
// build, a require() banner, no legal comments), with lambdaLean() only when asked for.
const result = await build({
  ...lambdaBuildOptions({ lean }),
  entryPoints: ["src/handler.ts"],
  outfile: join(args.outdir, "index.mjs"),
  metafile: true,
  logLevel: "warning",
});
mkdirSync(args.outdir, { recursive: true });
writeFileSync(join(args.outdir, "meta.json"), JSON.stringify(result.metafile));
const output = Object.values(result.metafile.outputs)[0];
console.log(`${join(args.outdir, "index.mjs")}: ${output.bytes} bytes${lean ? " (lean)" : ""}`);
