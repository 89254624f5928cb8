// Bundles an app the way it ships to Lambda, with buildLambda() of @org/aws-core/esbuild:
// minified ESM, the SDK's ESM build, handler "index.handler", for this machine's architecture
// (dist/ runs here: the demo, the local runner, the benchmarks). Writes esbuild's metafile to
// <outdir>/meta.json for the apps' bundle tests. Run from the app's folder:
//   node ../app-kit/bundle.mjs [--no-lean] [--no-splitting] [--no-exec-wrapper] [--compile-cache]
//                              [--outdir <folder>]
//
// Lean by default (lambdaLean()): the SDK's default credential chain becomes environment
// variables with container credentials as fallback, Bedrock's SSO token chain goes too.
// --no-lean (or LAMBDA_LEAN=0) keeps the SDK's full chains.
// Split by default: index.mjs and chunks/*.mjs; code reached only through import() (the
// Bedrock SDK, which @org/aws-bedrock loads on first use) is read only by the routes using it.
// --no-splitting (or LAMBDA_SPLITTING=0) writes one file.
// The exec wrapper by default: start-node.sh starts the runtime without --expose-gc; the
// function needs AWS_LAMBDA_EXEC_WRAPPER=/var/task/start-node.sh, which the demo and the
// tests set when the file is there. --no-exec-wrapper (or LAMBDA_EXEC_WRAPPER=0) leaves it out.
// --compile-cache (or LAMBDA_COMPILE_CACHE=1), off by default here: the bundle becomes
// handler.mjs, index.mjs a loader that turns on the V8 compile cache shipped beside it, made
// by the Node.js running this script, for Lambda's user (993): a tool that runs the function
// as another user retags the cache folder (the benchmark does).
// --outdir: where to write the bundle instead of dist (benchmarks).
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { buildLambda } from "@org/aws-core/esbuild";

const off = (name) => ["0", "false"].includes(process.env[name] ?? "");
const on = (name) => ["1", "true"].includes(process.env[name] ?? "");
const { values: args } = parseArgs({
  allowNegative: true,
  options: {
    lean: { type: "boolean", default: !off("LAMBDA_LEAN") },
    splitting: { type: "boolean", default: !off("LAMBDA_SPLITTING") },
    "compile-cache": { type: "boolean", default: on("LAMBDA_COMPILE_CACHE") },
    "exec-wrapper": { type: "boolean", default: !off("LAMBDA_EXEC_WRAPPER") },
    outdir: { type: "string", default: "dist" },
  },
});

const architecture = { x64: "x86_64", arm64: "arm64" }[process.arch];
if (!architecture) {
  console.error(`bundle.mjs: Lambda has no ${process.arch} architecture to build for`);
  process.exit(2);
}
let built;
try {
  built = await buildLambda({
    entry: "src/handler.ts",
    outdir: args.outdir,
    architecture,
    lean: args.lean,
    splitting: args.splitting,
    execWrapper: args["exec-wrapper"],
    compileCache: args["compile-cache"],
  });
} catch (error) {
  // A wrong setting (an --outdir that would empty the app's folder): its message says it all.
  if (error?.name !== "InvalidConfigError") throw error;
  console.error(`bundle.mjs: ${error.message}`);
  process.exit(2);
}
writeFileSync(join(built.outdir, "meta.json"), JSON.stringify(built.metafile));

const { bytes, compileCache, environment } = built;
const notes = [
  args.lean ? "lean" : "full SDK chains",
  args.splitting
    ? `split: ${bytes.atStart} bytes read at start, ${bytes.total} with every chunk`
    : "one file",
];
if (environment.AWS_LAMBDA_EXEC_WRAPPER) {
  notes.push(`exec wrapper: set AWS_LAMBDA_EXEC_WRAPPER=${environment.AWS_LAMBDA_EXEC_WRAPPER}`);
}
if (compileCache) {
  notes.push(`compile cache for Node.js ${compileCache.nodeVersion}, ${compileCache.bytes} bytes`);
}
const bundleFile = join(args.outdir, compileCache ? "handler.mjs" : "index.mjs");
console.log(`${bundleFile}: ${bytes.entry} bytes (${notes.join("; ")})`);
for (const line of built.skipped) console.warn(line);
