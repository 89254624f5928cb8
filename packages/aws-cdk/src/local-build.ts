import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import type { BundlingOptions, ILocalBundling } from "aws-cdk-lib";
import type { WorkerBuild, WorkerOptions, WorkerReply } from "./worker-protocol";

/**
 * The worker beside this module: `build-worker.js` in the published package (the ESM and the
 * CommonJS build share the folder), `build-worker.ts` when the sources run (tests; Node.js
 * strips the types).
 */
function workerFile(): string {
  const here = dirname(fileURLToPath(import.meta.url));
  const candidates = ["build-worker.js", "build-worker.ts"].map((file) => join(here, file));
  const found = candidates.find((file) => existsSync(file));
  if (!found) throw new Error(`@org/aws-cdk: the build worker is missing (${candidates[0]})`);
  return found;
}

/**
 * The last build of each set of options. CDK bundles an asset once per synth and options (its
 * cache key is these options, serialized), so a second function built the same way gets the
 * first one's build without a new run, and reads what it made from here.
 */
const lastBuilds = new Map<string, WorkerBuild>();

/**
 * CDK local bundling with `buildLambda()`, run in a child process. It always bundles or throws:
 * there is no Docker fallback. Its own fields are the options, so CDK's asset cache key (which
 * serializes the bundling options) tells two functions apart.
 */
export class LocalBuild implements ILocalBundling {
  constructor(readonly options: WorkerOptions) {}

  /** What the last build of these options made; `undefined` when none ran (bundling skipped). */
  get built(): WorkerBuild | undefined {
    return lastBuilds.get(JSON.stringify(this.options));
  }

  tryBundle(outputDir: string, _options: BundlingOptions): boolean {
    const run = spawnSync(process.execPath, [workerFile(), outputDir], {
      input: JSON.stringify(this.options),
      encoding: "utf8",
      // Whatever the worker or the Node.js making the cache says on stderr reaches the user.
      stdio: ["pipe", "pipe", "inherit"],
      maxBuffer: 64 * 1024 * 1024,
    });
    if (run.error) throw new Error(`could not start the build worker: ${run.error.message}`);
    const reply = parseReply(run.stdout);
    if (!reply) {
      const end = run.signal ? `was killed (${run.signal})` : `exited with code ${run.status}`;
      throw new Error(`the build of ${this.options.entry} ${end} without a result`);
    }
    if (!reply.ok) throw new Error(`building ${this.options.entry} failed: ${reply.message}`);
    lastBuilds.set(JSON.stringify(this.options), reply.build);
    return true;
  }
}

/** The worker's reply: its last line on stdout (anything printed before it is not ours). */
function parseReply(stdout: string): WorkerReply | undefined {
  const last = stdout.trimEnd().split("\n").at(-1);
  if (!last) return undefined;
  try {
    const reply = JSON.parse(last) as WorkerReply;
    return typeof reply === "object" && reply !== null && "ok" in reply ? reply : undefined;
  } catch {
    return undefined;
  }
}
