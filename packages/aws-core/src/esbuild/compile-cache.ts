import { execFile } from "node:child_process";
import {
  chmodSync,
  existsSync,
  readdirSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from "node:fs";
import { join, relative, resolve, sep } from "node:path";
import { promisify } from "node:util";

/** The folder, beside the bundle, that holds the cache. */
export const COMPILE_CACHE_DIR = ".node-compile-cache";

/**
 * The user Lambda's Node.js runtimes run functions as (`id -u` in a function prints 993).
 * Node names the cache's folder after it, so a cache for Lambda must carry it.
 */
export const LAMBDA_SANDBOX_UID = 993;

/** Options of {@link writeCompileCache} (internal: {@link buildLambda} calls it). */
export interface CompileCacheOptions {
  /** The folder that is deployed: it holds the bundle and receives the loader and the cache. */
  readonly dir: string;
  /** The bundle's file name in `dir`. Default `"handler.mjs"`. */
  readonly bundle?: string | undefined;
  /** The loader's file name: the module Lambda loads. Default `"index.mjs"` (handler `index.handler`). */
  readonly entry?: string | undefined;
  /** The bundle's exports the loader passes on. Default `["handler"]`. */
  readonly exports?: readonly string[] | undefined;
  /**
   * The Node.js that makes the cache: it must be exactly the runtime's version, on the
   * runtime's architecture (`arm64` for Graviton), or Node ignores the cache. Default: the
   * Node.js running the build.
   */
  readonly node?: string | undefined;
  /**
   * The command that runs `node` on this machine, before it: `[]` (the default) runs it
   * directly; `["qemu-aarch64-static", "-L", "/usr/aarch64-linux-gnu"]` runs an arm64 Node.js
   * on x64.
   */
  readonly launcher?: readonly string[] | undefined;
  /** How long the run that makes the cache may take. Default 60 s. */
  readonly timeoutMs?: number | undefined;
  /**
   * The flags the runtime starts Node.js with, as far as they change V8's cache tag. Default
   * `["--expose-gc"]`, the flag of Lambda's Node.js bootstrap that does.
   */
  readonly nodeFlags?: readonly string[] | undefined;
  /** The user the functions run as; default {@link LAMBDA_SANDBOX_UID}. */
  readonly uid?: number | undefined;
  /**
   * Also compile the other `.mjs` modules in `dir` (not in `node_modules`) into the cache: the
   * chunks of a split bundle (`lambdaBuildOptions()`'s default), the ones it imports only on
   * first use among them (an SDK that a route loads with `import()`), which the bundle's own
   * start never reaches.
   * Each is imported once, after the bundle, as its first use would. One that throws when
   * imported on its own does not fail the build: if it is not in the cache, it compiles as
   * usual when the function first needs it. Node.js reads a module's cache only when it loads
   * that module, so a cached chunk that no request uses costs disk space only. Default `true`.
   */
  readonly chunks?: boolean | undefined;
}

/** What {@link writeCompileCache} made. */
export interface CompileCacheResult {
  /** The cache folder for the runtime, e.g. `<dir>/.node-compile-cache/v24.21.0-arm64-1c717fce-993`. */
  readonly directory: string;
  /** The Node.js version the cache is for. */
  readonly nodeVersion: string;
  readonly bytes: number;
  /** The other modules (chunks) imported into the cache without error. */
  readonly chunks: number;
  /**
   * Chunks that threw when imported on their own (their error message by path, relative to
   * the folder): V8 compiled them before running them, so they are most likely cached too,
   * but this cannot tell.
   */
  readonly chunksFailed: Readonly<Record<string, string>>;
}

const execFileAsync = promisify(execFile);

/**
 * Ships V8's compile cache with a Lambda bundle: writes a small loader (`index.mjs`) that
 * turns on Node.js's module compile cache before it imports the bundle, then runs the loader
 * once with the runtime's Node.js so the cache of the bundle's code lands beside it. In
 * Lambda the bundle is then read from the cache instead of compiled from its source. A
 * split bundle's chunks are cached too, those loaded only on first use included (`chunks`).
 *
 * The cache is portable (its keys are paths relative to the cache folder) from Node.js 24.12;
 * on older versions, or with a Node.js of another version, architecture or flags, Node.js
 * finds no matching cache and compiles as usual, at no measurable cost. Importing the bundle
 * runs its module scope, as Lambda's init does: keep it free of calls to real services.
 *
 * Internal since `buildLambda()`, which finds the runtime's Node.js and calls this.
 *
 * @example
 * ```ts
 * // dist/handler.mjs and dist/chunks/ built; add the loader and the cache
 * const cache = await writeCompileCache({ dir: "dist", nodeFlags: [] });
 * console.log(`compile cache for Node.js ${cache.nodeVersion}: ${cache.bytes} bytes, ${cache.chunks} chunks`);
 * ```
 */
export async function writeCompileCache(options: CompileCacheOptions): Promise<CompileCacheResult> {
  const {
    dir,
    bundle = "handler.mjs",
    entry = "index.mjs",
    exports = ["handler"],
    node = process.execPath,
    launcher = [],
    timeoutMs = 60_000,
    nodeFlags = ["--expose-gc"],
    uid = LAMBDA_SANDBOX_UID,
    chunks = true,
  } = options;
  if (!existsSync(join(dir, bundle)))
    throw new Error(`writeCompileCache: ${join(dir, bundle)} does not exist`);
  const cacheRoot = join(dir, COMPILE_CACHE_DIR);
  rmSync(cacheRoot, { recursive: true, force: true });
  writeFileSync(join(dir, entry), loaderSource(bundle, exports));
  const others = chunks
    ? modulesIn(dir).filter((path) => !isOneOf(path, dir, [entry, bundle]))
    : [];

  const [command = node, ...launcherArgs] = [...launcher, node];
  const { stdout } = await execFileAsync(
    command,
    [
      ...launcherArgs,
      ...nodeFlags,
      "--input-type=module",
      "--eval",
      GENERATE,
      join(dir, entry),
      join(dir, bundle),
      ...others,
    ],
    // Lambda's init without Lambda: any AWS call made at module scope goes nowhere.
    { env: { PATH: process.env.PATH ?? "", ...SANDBOX_ENV }, timeout: timeoutMs },
  );
  const { version, exported, failed } = JSON.parse(stdout) as {
    version: string;
    exported: string[];
    failed: Record<string, string>;
  };
  if (!makesPortableCache(version.slice(1))) {
    throw new Error(
      `writeCompileCache: Node.js ${version} cannot make a cache that works at another path; use 24.12 or later`,
    );
  }
  const missing = exports.filter((name) => !exported.includes(name));
  if (missing.length > 0) {
    throw new Error(`writeCompileCache: ${bundle} does not export ${missing.join(", ")}`);
  }
  return {
    directory: retagForUser(cacheRoot, uid),
    nodeVersion: version.slice(1),
    bytes: sizeOf(cacheRoot),
    chunks: others.length - Object.keys(failed).length,
    chunksFailed: Object.fromEntries(
      Object.entries(failed).map(([chunk, message]) => [relative(dir, chunk), message]),
    ),
  };
}

/**
 * The `.mjs` modules in `dir` and its folders (a split bundle's chunks: `lambdaBuildOptions()`
 * writes `.mjs` only), the cache and any `node_modules` left out: those are not the bundle's.
 */
function modulesIn(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((file) => file.isFile() && file.name.endsWith(".mjs"))
    .map((file) => join(file.parentPath, file.name))
    .filter((path) => {
      const parts = relative(dir, path).split(sep);
      return !parts.includes(COMPILE_CACHE_DIR) && !parts.includes("node_modules");
    })
    .sort();
}

function isOneOf(path: string, dir: string, names: readonly string[]): boolean {
  return names.some((name) => resolve(dir, name) === resolve(path));
}

/**
 * Whether Node.js `version` (`"24.12.0"`) makes a cache that works at another path: portable
 * caches (keys relative to the cache folder) came with Node.js 24.12.
 */
export function makesPortableCache(version: string): boolean {
  const [major = 0, minor = 0] = version.split(".").map(Number);
  return major > 24 || (major === 24 && minor >= 12);
}

/** The loader: the cache must be on before the bundle is compiled, hence the dynamic import. */
function loaderSource(bundle: string, exports: readonly string[]): string {
  const names = exports.join(",");
  return `// Turns on the compile cache in ${COMPILE_CACHE_DIR}, then loads the bundle (writeCompileCache of @org/aws-core/esbuild).
import{enableCompileCache}from"node:module";
try{enableCompileCache({directory:import.meta.dirname+"/${COMPILE_CACHE_DIR}",portable:true})}catch{}
export const{${names}}=await import("./${bundle}");
`;
}

// Runs in the generating process: load the loader, then every other module (chunks: compiled
// even if they throw when evaluated on their own), report, write the cache, leave at once
// (a module scope may have left sockets or timers open).
const GENERATE = `import { flushCompileCache } from "node:module";
import { pathToFileURL } from "node:url";
const [loader, bundle, ...chunks] = process.argv.slice(1);
await import(pathToFileURL(loader).href);
const bundled = await import(pathToFileURL(bundle).href);
const failed = {};
for (const chunk of chunks) {
  try {
    await import(pathToFileURL(chunk).href);
  } catch (error) {
    failed[chunk] = String(error?.message ?? error);
  }
}
flushCompileCache();
process.stdout.write(JSON.stringify({ version: process.version, exported: Object.keys(bundled), failed }), () => process.exit(0));`;

const SANDBOX_ENV = {
  AWS_REGION: "us-east-1",
  AWS_ACCESS_KEY_ID: "compile-cache",
  AWS_SECRET_ACCESS_KEY: "compile-cache",
  AWS_ENDPOINT_URL: "http://127.0.0.1:9",
  AWS_MAX_ATTEMPTS: "1",
  AWS_LAMBDA_INITIALIZATION_TYPE: "on-demand",
};

/**
 * Node names the cache folder `v<version>-<arch>-<V8 tag>-<uid>`; the generating user is
 * rarely the one the function runs as. Files are made readable to every user too (Node
 * writes them for its own user only).
 */
function retagForUser(cacheRoot: string, uid: number): string {
  const folders = existsSync(cacheRoot) ? readdirSync(cacheRoot) : [];
  if (folders.length !== 1) {
    throw new Error(
      `writeCompileCache: expected one cache folder in ${cacheRoot}, found ${folders.length}`,
    );
  }
  const made = folders[0] as string;
  const target = made.replace(/-\d+$/, `-${uid}`);
  if (target !== made) renameSync(join(cacheRoot, made), join(cacheRoot, target));
  makeReadable(cacheRoot);
  return join(cacheRoot, target);
}

function makeReadable(path: string): void {
  const isDir = statSync(path).isDirectory();
  chmodSync(path, isDir ? 0o755 : 0o644);
  if (isDir) for (const name of readdirSync(path)) makeReadable(join(path, name));
}

function sizeOf(path: string): number {
  const stats = statSync(path);
  if (!stats.isDirectory()) return stats.size;
  return readdirSync(path).reduce((sum, name) => sum + sizeOf(join(path, name)), 0);
}
