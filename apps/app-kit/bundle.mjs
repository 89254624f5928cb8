// Bundles an app the way it ships to Lambda: esbuild, minified ESM for Node.js 22 (the oldest
// Lambda runtime supported), the SDK's ESM build, handler "index.handler", and a metafile.
// Run from the app's folder:
//   node ../app-kit/bundle.mjs [--no-lean] [--no-splitting] [--no-exec-wrapper] [--compile-cache]
//                              [--outdir <folder>]
//
// Lean by default: lambdaLean() from @org/aws-core/esbuild trims what Lambda never runs out of
// the SDK (the default credential chain becomes environment variables with container
// credentials as fallback: no SSO, INI, process, web identity or IMDS providers, no nested
// STS/SSO clients; Bedrock's SSO token chain goes too). --no-lean (or LAMBDA_LEAN=0) keeps
// the SDK's full chains.
// Split by default (lambdaBuildOptions() of @org/aws-core/esbuild): index.mjs and, beside it,
// chunks/*.mjs; code reached only through import() (the Bedrock SDK, which @org/aws-bedrock
// loads on first use) is in chunks that only the routes using it read. The whole folder is the
// function's code. --no-splitting (or LAMBDA_SPLITTING=0) writes index.mjs alone, as before.
// --compile-cache (or LAMBDA_COMPILE_CACHE=1): the bundle becomes handler.mjs, index.mjs a
// loader that turns on the V8 compile cache shipped beside it (writeCompileCache of
// @org/aws-core/esbuild). The cache is made with COMPILE_CACHE_NODE (default: the Node.js
// running this script), which must be exactly the runtime's version and architecture, for
// the user COMPILE_CACHE_UID (default: Lambda's).
// The exec wrapper, by default: start-node.sh (writeExecWrapper) starts the runtime without
// --expose-gc, so Node.js keeps its own code cache for its built-in modules; the function
// needs AWS_LAMBDA_EXEC_WRAPPER=/var/task/start-node.sh, which the CDK app and the demo set
// when the file is there. --no-exec-wrapper (or LAMBDA_EXEC_WRAPPER=0) leaves it out.
// --outdir: where to write the bundle and meta.json instead of dist (benchmarks).
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { join, relative, resolve } from "node:path";
import { parseArgs } from "node:util";
import { lambdaBuildOptions, writeCompileCache, writeExecWrapper } from "@org/aws-core/esbuild";
import { build } from "esbuild";

const { values: args } = parseArgs({
  allowNegative: true,
  options: {
    lean: { type: "boolean", default: !["0", "false"].includes(process.env.LAMBDA_LEAN ?? "") },
    splitting: {
      type: "boolean",
      default: !["0", "false"].includes(process.env.LAMBDA_SPLITTING ?? ""),
    },
    "compile-cache": {
      type: "boolean",
      default: ["1", "true"].includes(process.env.LAMBDA_COMPILE_CACHE ?? ""),
    },
    "exec-wrapper": {
      type: "boolean",
      default: !["0", "false"].includes(process.env.LAMBDA_EXEC_WRAPPER ?? ""),
    },
    outdir: { type: "string", default: "dist" },
  },
});
const { lean, splitting, outdir } = args;
const compileCache = args["compile-cache"];
const execWrapper = args["exec-wrapper"];

// The folder is emptied first: never the app's own folder or one above it.
if (!relative(resolve(outdir), process.cwd()).startsWith("..")) {
  console.error(
    `--outdir ${outdir} would empty the app's folder: choose a folder inside or beside it`,
  );
  process.exit(2);
}
rmSync(outdir, { recursive: true, force: true });
mkdirSync(outdir, { recursive: true });
const entry = compileCache ? "handler" : "index";
const bundleFile = join(outdir, `${entry}.mjs`);
const result = await build({
  ...lambdaBuildOptions({ lean, splitting }),
  entryPoints: { [entry]: "src/handler.ts" },
  outdir,
  metafile: true,
  logLevel: "warning",
});
writeFileSync(join(outdir, "meta.json"), JSON.stringify(result.metafile));
const outputs = Object.values(result.metafile.outputs);
const entryBytes = outputs.find((output) => output.entryPoint === "src/handler.ts")?.bytes ?? 0;
const totalBytes = outputs.reduce((sum, output) => sum + output.bytes, 0);
const notes = [
  lean ? "lean" : "full SDK chains",
  splitting
    ? `split: ${outputs.length - 1} chunks, ${totalBytes} bytes with the entry`
    : "one file",
];
if (execWrapper) {
  const { environment } = writeExecWrapper({ dir: outdir });
  notes.push(`exec wrapper: set AWS_LAMBDA_EXEC_WRAPPER=${environment.AWS_LAMBDA_EXEC_WRAPPER}`);
}
if (compileCache) {
  const uid = process.env.COMPILE_CACHE_UID;
  const cache = await writeCompileCache({
    dir: outdir,
    node: process.env.COMPILE_CACHE_NODE || undefined,
    uid: uid ? Number(uid) : undefined,
    // Started through the wrapper, Node.js runs without --expose-gc: the cache must match.
    nodeFlags: execWrapper ? [] : undefined,
  });
  notes.push(`compile cache for Node.js ${cache.nodeVersion}, ${cache.bytes} bytes`);
  for (const [chunk, message] of Object.entries(cache.chunksFailed)) {
    console.warn(`compile cache: ${chunk} threw when imported on its own (${message})`);
  }
}
console.log(`${bundleFile}: ${entryBytes} bytes (${notes.join("; ")})`);
