// The build worker of LambdaFunction: CDK's local bundling (`tryBundle`) is synchronous and
// buildLambda() is not, so the construct runs this file in a child process (spawnSync, the
// same Node.js). Options arrive as JSON on stdin with the folder to fill as the one argument;
// the reply leaves as one JSON line on stdout, the last line written there.
import { readFileSync } from "node:fs";
import { buildLambda } from "@org/aws-core/esbuild";
import type { WorkerOptions, WorkerReply } from "./worker-protocol";

async function reply(): Promise<WorkerReply> {
  const outdir = process.argv[2];
  if (!outdir) return { ok: false, message: "no output folder given" };
  try {
    const options = JSON.parse(readFileSync(0, "utf8")) as WorkerOptions;
    const { metafile: _, ...build } = await buildLambda({ ...options, outdir });
    return { ok: true, build };
  } catch (error) {
    return { ok: false, message: error instanceof Error ? error.message : String(error) };
  }
}

// No top-level await: the file must also load where a bundler treats it as CommonJS.
reply().then((answer) => {
  process.stdout.write(`\n${JSON.stringify(answer)}\n`);
  process.exitCode = answer.ok ? 0 : 1;
});
