import { mkdirSync, rmSync } from "node:fs";
import { isAbsolute, join, relative, resolve, sep } from "node:path";
import type { Metafile } from "esbuild";
import { missingPackage } from "../client/missing-package";
import { InvalidConfigError } from "../errors/errors";
import { lambdaBuildOptions } from "./build-options";
import { CACHE_TIMEOUT_MS, type CacheMaker, findCacheMaker } from "./cache-maker";
import { writeCompileCache } from "./compile-cache";
import { writeExecWrapper } from "./exec-wrapper";
import { type LambdaTarget, lambdaTarget } from "./lambda-target";
import { loadedAtStart } from "./loaded-at-start";
import type { BuildLambdaOptions, LambdaBuild } from "./types";

/** The export Lambda calls: the handler setting is always `index.handler`. */
const HANDLER_EXPORT = "handler";

/**
 * Builds a Lambda function's code the way it starts fastest, in one call: a lean, split
 * bundle ({@link lambdaBuildOptions}), the exec wrapper that starts the runtime without
 * `--expose-gc`, and V8's compile cache of the bundle made by exactly the runtime's Node.js on
 * the runtime's architecture (fetched once from the npm registry when it is not the Node.js
 * running the build; run under qemu for arm64 on an x64 machine). Every part can be turned
 * off.
 *
 * `outdir` is emptied, then holds the function's code: `index.mjs` (the handler module,
 * `index.handler`), `chunks/`, and with the cache `handler.mjs` (the bundle, `index.mjs` its
 * loader) and `.node-compile-cache/`; with the wrapper `start-node.sh`, and the function
 * needs the returned `environment`. A part that cannot be made (no compile cache for
 * `nodejs22.x`, no qemu, no such Node.js version...) leaves a line in `skipped`, and the
 * build still succeeds; nothing is printed. Making the cache imports the bundle, as Lambda's
 * init does (with placeholder AWS credentials and an endpoint that goes nowhere): keep its
 * module scope free of calls to real services.
 *
 * @throws InvalidConfigError for an unknown `runtime` or `architecture`, a `nodeVersion` that
 *   is not an exact version of the runtime's major, an `outdir` that would empty the working
 *   folder or the entry, or an entry that does not export `handler`.
 * @example
 * ```ts
 * import { buildLambda } from "@org/aws-core/esbuild";
 *
 * const built = await buildLambda({ entry: "src/handler.ts", outdir: "dist" });
 * for (const line of built.skipped) console.warn(line);
 * // Deploy dist/ with handler built.handler ("index.handler"), runtime built.runtime,
 * // architecture built.architecture and the variables of built.environment.
 * ```
 */
export async function buildLambda(options: BuildLambdaOptions): Promise<LambdaBuild> {
  const {
    entry,
    outdir,
    runtime = "nodejs24.x",
    architecture = "arm64",
    nodeVersion,
    lean = true,
    splitting = true,
    execWrapper = true,
    compileCache = true,
  } = options;
  const target = lambdaTarget(runtime, architecture, nodeVersion);
  const dir = checkedOutdir(outdir, entry);
  const skipped: string[] = [];
  let maker: CacheMaker | undefined;
  if (compileCache) {
    const found = await findCacheMaker(target);
    if ("skipped" in found) skipped.push(found.skipped);
    else maker = found;
  }

  const bundleAs = (name: string) => bundle({ entry, dir, target, lean, splitting, name });
  // With the cache, the bundle is handler.mjs and index.mjs the loader that turns the cache on.
  let bundled = await bundleAs(maker ? "handler" : "index");
  let cache: LambdaBuild["compileCache"];
  if (maker) {
    try {
      const made = await writeCompileCache({
        dir,
        node: maker.node,
        launcher: maker.launcher,
        // Started through the wrapper, Node.js runs without --expose-gc: V8's tag must match.
        nodeFlags: execWrapper ? [] : ["--expose-gc"],
        timeoutMs: maker.launcher.length > 0 ? CACHE_TIMEOUT_MS.emulated : CACHE_TIMEOUT_MS.native,
      });
      cache = { nodeVersion: made.nodeVersion, directory: made.directory, bytes: made.bytes };
      for (const [chunk, message] of Object.entries(made.chunksFailed)) {
        skipped.push(
          `compile cache: ${chunk} not cached: it threw when imported on its own (${message}); it compiles as usual when first used`,
        );
      }
    } catch (error) {
      skipped.push(`compile cache: not made: ${whyCacheFailed(error)}`);
      // The folder as it is without a cache: index.mjs is the bundle again.
      bundled = await bundleAs("index");
    }
  }
  const environment = execWrapper ? { ...writeExecWrapper({ dir }).environment } : {};
  return {
    outdir: dir,
    handler: `index.${HANDLER_EXPORT}`,
    environment,
    runtime: target.runtime,
    architecture: target.architecture,
    bytes: bundled.bytes,
    compileCache: cache,
    skipped,
    metafile: bundled.metafile,
  };
}

/** The folder to fill, absolute; refused when emptying it would delete the caller's work. */
function checkedOutdir(outdir: string, entry: string): string {
  const dir = resolve(outdir);
  const isInside = (path: string) => {
    const rel = relative(dir, path);
    return !isAbsolute(rel) && rel !== ".." && !rel.startsWith(`..${sep}`);
  };
  if (isInside(process.cwd())) {
    throw InvalidConfigError.invalid(
      "outdir",
      outdir,
      "a folder inside or beside the working folder: it is emptied before the build",
    );
  }
  if (isInside(resolve(entry))) {
    throw InvalidConfigError.invalid(
      "outdir",
      outdir,
      `a folder that does not hold the entry (${entry}): it is emptied before the build`,
    );
  }
  return dir;
}

interface Bundled {
  readonly metafile: Metafile;
  readonly bytes: LambdaBuild["bytes"];
}

/** Empties `dir` and bundles `entry` into it as `<name>.mjs` (and chunks). */
async function bundle(options: {
  entry: string;
  dir: string;
  target: LambdaTarget;
  lean: boolean;
  splitting: boolean;
  name: string;
}): Promise<Bundled> {
  const { entry, dir, target, lean, splitting, name } = options;
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const cwd = process.cwd();
  // Imported when a build runs: the entry's other tools load without esbuild installed.
  const { build } = await import("esbuild").catch(missingPackage("esbuild", "buildLambda()"));
  const { metafile } = await build({
    ...lambdaBuildOptions({ lean, splitting, target: `node${target.major}` }),
    entryPoints: { [name]: entry },
    outdir: dir,
    absWorkingDir: cwd,
    metafile: true,
    // The caller prints: errors come with the rejection, and nothing else is said.
    logLevel: "silent",
  });
  const entryOutput = relative(cwd, join(dir, `${name}.mjs`))
    .split(sep)
    .join("/");
  const exported = metafile.outputs[entryOutput]?.exports ?? [];
  if (!exported.includes(HANDLER_EXPORT)) {
    throw InvalidConfigError.invalid(
      "entry",
      entry,
      `a module that exports "${HANDLER_EXPORT}" (the function's handler is index.${HANDLER_EXPORT})`,
    );
  }
  const size = (file: string) => metafile.outputs[file]?.bytes ?? 0;
  const sum = (files: Iterable<string>) =>
    [...files].reduce((total, file) => total + size(file), 0);
  return {
    metafile,
    bytes: {
      entry: size(entryOutput),
      atStart: sum(loadedAtStart(metafile, entryOutput)),
      total: sum(Object.keys(metafile.outputs)),
    },
  };
}

/** One line from a failed cache run: Node's error, not the command with its script. */
function whyCacheFailed(error: unknown): string {
  const failure = error as { killed?: boolean; stderr?: unknown; message?: unknown };
  if (failure.killed) return "the run that makes it took too long and was stopped";
  const message = String(failure.message ?? error).split("\n")[0] ?? "";
  if (failure.stderr === undefined) return message;
  const stderr = String(failure.stderr ?? "")
    .split("\n")
    .map((line) => line.trim())
    .filter(Boolean);
  const line = stderr.find((text) => /^[A-Za-z]*Error\b/.test(text)) ?? stderr.at(-1) ?? message;
  return `importing the bundle with the runtime's Node.js failed (${line})`;
}
