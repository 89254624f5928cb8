import { execFileSync } from "node:child_process";
import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from "node:fs";
import { join, relative, resolve } from "node:path";
import { gzipSync } from "node:zlib";
import { buildLambda, type LambdaArchitecture, loadedAtStart } from "@org/aws-core/esbuild";
import { type NodeRuntime, nodeBinaryFor } from "@org/local-lambda-runner";
import type { Metafile } from "esbuild";
import { repoPath } from "./paths";
import { retagCompileCache } from "./retag-compile-cache";
import type { Variant } from "./variants";

/** What a split bundle is made of. */
export interface SplitFiles {
  /** The entry module alone. */
  readonly entryBytes: number;
  /** The chunks beside it. */
  readonly chunks: number;
  /** The entry and the chunks it imports statically: what a cold start reads. */
  readonly startBytes: number;
}

/** A variant's bundle: a folder holding `index.mjs` (handler `index.handler`). */
export interface BuiltVariant {
  readonly dir: string;
  /** The bundle's size on disk, every chunk included (without the loader and the compile cache). */
  readonly bytes: number;
  /** The sum of each file's gzip size. */
  readonly gzipBytes: number;
  /** For a split bundle: the entry, the number of chunks, what a cold start reads. */
  readonly split?: SplitFiles | undefined;
  /** The compile cache's size, when the variant ships one. */
  readonly compileCacheBytes?: number | undefined;
  /** Variables the function needs for what the bundle ships (the exec wrapper's). */
  readonly environment: Readonly<Record<string, string>>;
}

/**
 * The Node.js version that makes a hand-assembled variant's compile cache: the runtime's own,
 * or Node.js 24 for a runtime too old to use the cache (it then ships and is ignored, as it
 * would be in Lambda).
 */
function cacheMakerVersion(runtime: NodeRuntime): string {
  const binary = nodeBinaryFor(runtime === "nodejs22.x" ? "nodejs24.x" : runtime);
  return execFileSync(binary, ["-p", "process.versions.node"], { encoding: "utf8" }).trim();
}

/** The functions run here, on this machine's architecture (Lambda's name of it). */
const HOST_ARCHITECTURE: LambdaArchitecture = process.arch === "arm64" ? "arm64" : "x86_64";

// The local runner runs functions as this process's user; Lambda as its sandbox user.
const FUNCTION_UID = process.getuid?.() ?? 0;

/** What must be built first: the packages' `dist/` (bundles use them as users get them). */
export function assertBuilt(): void {
  const needed = [
    "packages/aws-core/dist/index.js",
    "packages/aws-core/dist/esbuild/index.js",
    "packages/aws-dynamo/dist/index.js",
    "packages/aws-cognito/dist/index.js",
    "packages/aws-bedrock/dist/index.js",
    "packages/aws-testing/dist/local/index.js",
    "apps/local-runner/dist/index.js",
  ];
  const missing = needed.filter((file) => !existsSync(repoPath(file)));
  if (missing.length > 0) {
    throw new Error(`${missing.join(", ")} missing: run "pnpm build" first`);
  }
}

/**
 * Bundles a variant into `<outDir>/<id>/` with `buildLambda()` of @org/aws-core/esbuild, for
 * this machine's architecture: fixture handlers with the parts of the recipe the variant
 * names, (14) with `buildLambda()`'s defaults, sample apps with their own build script, so "as
 * built" means exactly that. A compile cache is retagged for the user the runner runs as.
 */
export async function buildVariant(
  variant: Variant,
  outDir: string,
  runtime: NodeRuntime,
): Promise<BuiltVariant> {
  const dir = join(outDir, variant.id);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const { source } = variant;
  // The folder the metafile's paths are relative to.
  let workingDir = process.cwd();
  if (source.kind === "app") {
    execFileSync(
      process.execPath,
      [
        repoPath("apps", "app-kit", "bundle.mjs"),
        "--outdir",
        dir,
        source.lean ? "--lean" : "--no-lean",
        source.splitting ? "--splitting" : "--no-splitting",
        ...(source.compileCache ? ["--compile-cache"] : []),
        source.execWrapper ? "--exec-wrapper" : "--no-exec-wrapper",
      ],
      { cwd: repoPath("apps", source.app), stdio: ["ignore", "ignore", "inherit"] },
    );
    workingDir = repoPath("apps", source.app);
  } else {
    const built = await buildLambda({
      entry: source.file,
      outdir: dir,
      architecture: HOST_ARCHITECTURE,
      // (14) gets buildLambda()'s defaults; the others the parts they name, their cache made
      // for Node.js 24 even on the nodejs22.x runtime (shipped, and ignored there).
      ...(source.kind === "handler" && {
        lean: source.lean,
        splitting: source.splitting ?? false,
        execWrapper: source.execWrapper ?? false,
        compileCache: source.compileCache ?? false,
        ...(source.compileCache && { nodeVersion: cacheMakerVersion(runtime) }),
      }),
    });
    // A variant measured without the cache it names would be measuring something else.
    if (source.compileCache && !built.compileCache) {
      throw new Error(`${variant.id}: no compile cache: ${built.skipped.join("; ")}`);
    }
    writeFileSync(join(dir, "meta.json"), JSON.stringify(built.metafile));
  }
  const cache = retagCompileCache(dir, FUNCTION_UID);
  const entry = existsSync(join(dir, "handler.mjs")) ? "handler" : "index";
  const meta = JSON.parse(readFileSync(join(dir, "meta.json"), "utf8")) as Metafile;
  const files = Object.keys(meta.outputs).map((path) => resolve(workingDir, path));
  const entryFile = join(dir, `${entry}.mjs`);
  const codes = files.map((file) => readFileSync(file));
  return {
    dir,
    bytes: codes.reduce((sum, code) => sum + code.byteLength, 0),
    gzipBytes: codes.reduce((sum, code) => sum + gzipSync(code).byteLength, 0),
    split: source.splitting
      ? {
          entryBytes: statSync(entryFile).size,
          chunks: files.length - 1,
          startBytes: [...loadedAtStart(meta, relative(workingDir, entryFile))].reduce(
            (sum, file) => sum + statSync(resolve(workingDir, file)).size,
            0,
          ),
        }
      : undefined,
    compileCacheBytes: cache ? folderBytes(cache) : undefined,
    // What the bundle ships asks for it: the exec wrapper's variable.
    environment: existsSync(join(dir, "start-node.sh"))
      ? { AWS_LAMBDA_EXEC_WRAPPER: "/var/task/start-node.sh" }
      : {},
  };
}

function folderBytes(path: string): number {
  return readdirSync(path, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .reduce((sum, entry) => sum + statSync(join(entry.parentPath, entry.name)).size, 0);
}
