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
import {
  lambdaBuildOptions,
  loadedAtStart,
  writeCompileCache,
  writeExecWrapper,
} from "@org/aws-core/esbuild";
import { type NodeRuntime, nodeBinaryFor } from "@org/local-lambda-runner";
import { build, type Metafile } from "esbuild";
import { repoPath, repoRoot } from "./paths";
import type { Variant } from "./variants";

// Where writeCompileCache() writes, beside the bundle.
const COMPILE_CACHE_DIR = ".node-compile-cache";

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
 * The Node.js that makes a variant's compile cache: the runtime's own, or Node.js 24 for a
 * runtime too old to use the cache (it then ships and is ignored, as it would be in Lambda).
 */
function cacheMakerFor(runtime: NodeRuntime): string {
  return nodeBinaryFor(runtime === "nodejs22.x" ? "nodejs24.x" : runtime);
}

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
 * Bundles a variant into `<outDir>/<id>/`: fixture handlers with the sample apps' settings
 * (`lambdaBuildOptions` of @org/aws-core/esbuild, with or without the lean plugin), sample
 * apps with their own build script, so "as built" means exactly that.
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
  const splitting = source.splitting ?? false;
  const entry = source.compileCache ? "handler" : "index";
  let compileCacheBytes: number | undefined;
  let environment: Record<string, string> = {};
  // The folder the metafile's paths are relative to.
  let workingDir = repoRoot;
  if (source.kind === "handler") {
    const result = await build({
      ...lambdaBuildOptions({ lean: source.lean, splitting }),
      entryPoints: { [entry]: source.file },
      outdir: dir,
      absWorkingDir: repoRoot,
      metafile: true,
      logLevel: "warning",
      // The packages as published (their dist/), not a tsconfig's paths to their sources.
      tsconfigRaw: "{}",
    });
    writeFileSync(join(dir, "meta.json"), JSON.stringify(result.metafile));
    if (source.execWrapper) environment = { ...writeExecWrapper({ dir }).environment };
    if (source.compileCache) {
      const cache = await writeCompileCache({
        dir,
        node: cacheMakerFor(runtime),
        uid: FUNCTION_UID,
        nodeFlags: source.execWrapper ? [] : undefined,
      });
      compileCacheBytes = cache.bytes;
    }
  } else {
    execFileSync(
      process.execPath,
      [
        repoPath("apps", "app-kit", "bundle.mjs"),
        "--outdir",
        dir,
        source.lean ? "--lean" : "--no-lean",
        splitting ? "--splitting" : "--no-splitting",
        ...(source.compileCache ? ["--compile-cache"] : []),
        source.execWrapper ? "--exec-wrapper" : "--no-exec-wrapper",
      ],
      {
        cwd: repoPath("apps", source.app),
        env: {
          ...process.env,
          COMPILE_CACHE_NODE: cacheMakerFor(runtime),
          COMPILE_CACHE_UID: String(FUNCTION_UID),
        },
        stdio: ["ignore", "ignore", "inherit"],
      },
    );
    if (source.compileCache) compileCacheBytes = folderBytes(join(dir, COMPILE_CACHE_DIR));
    if (source.execWrapper) environment = { AWS_LAMBDA_EXEC_WRAPPER: "/var/task/start-node.sh" };
    workingDir = repoPath("apps", source.app);
  }
  const meta = JSON.parse(readFileSync(join(dir, "meta.json"), "utf8")) as Metafile;
  const files = Object.keys(meta.outputs).map((path) => resolve(workingDir, path));
  const entryFile = join(dir, `${entry}.mjs`);
  const codes = files.map((file) => readFileSync(file));
  return {
    dir,
    bytes: codes.reduce((sum, code) => sum + code.byteLength, 0),
    gzipBytes: codes.reduce((sum, code) => sum + gzipSync(code).byteLength, 0),
    split: splitting
      ? {
          entryBytes: statSync(entryFile).size,
          chunks: files.length - 1,
          startBytes: [...loadedAtStart(meta, relative(workingDir, entryFile))].reduce(
            (sum, file) => sum + statSync(resolve(workingDir, file)).size,
            0,
          ),
        }
      : undefined,
    compileCacheBytes,
    environment,
  };
}

function folderBytes(path: string): number {
  return readdirSync(path, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .reduce((sum, entry) => sum + statSync(join(entry.parentPath, entry.name)).size, 0);
}
