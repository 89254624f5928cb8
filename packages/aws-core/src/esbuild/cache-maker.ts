import { makesPortableCache } from "./compile-cache";
import { fetchLinuxNode } from "./fetch-node";
import { hostArchitecture, type LambdaTarget, majorOf } from "./lambda-target";
import { qemuAarch64Launcher } from "./qemu";

/** The Node.js that makes a function's compile cache, and how to start it. */
export interface CacheMaker {
  /** The Node.js version it is: the runtime's. */
  readonly nodeVersion: string;
  readonly node: string;
  /** The command that runs `node` on this machine (qemu for another architecture), or `[]`. */
  readonly launcher: readonly string[];
}

/** The machine and Node.js running the build (a parameter for tests). */
export interface BuildMachine {
  readonly nodeVersion: string;
  readonly execPath: string;
  /** `process.arch`. */
  readonly arch: string;
  readonly platform: NodeJS.Platform;
}

const THIS_MACHINE: BuildMachine = {
  nodeVersion: process.versions.node,
  execPath: process.execPath,
  arch: process.arch,
  platform: process.platform,
};

/** How long one run that makes a cache may take: emulated, V8 compiles many times slower. */
export const CACHE_TIMEOUT_MS = { native: 120_000, emulated: 900_000 } as const;

/**
 * Finds the Node.js that makes the compile cache of a function on `target`: exactly the
 * runtime's Node.js version on the runtime's architecture, or V8 ignores the cache in Lambda.
 * The build's own Node.js when it is that one; else the official build for Linux, fetched
 * once with npm, run directly or, for arm64 on an x64 machine, under qemu. When there is none,
 * the line for `skipped` that says why and what to do.
 */
export async function findCacheMaker(
  target: LambdaTarget,
  env: NodeJS.ProcessEnv = process.env,
  machine: BuildMachine = THIS_MACHINE,
): Promise<CacheMaker | { readonly skipped: string }> {
  const skip = (why: string) => ({ skipped: `compile cache: not made: ${why}` });
  if (target.major < 24) {
    return skip(
      `Node.js ${target.major} (${target.runtime}) cannot make a cache that works at another path than where it was made; portable caches came with Node.js 24.12`,
    );
  }
  const own = machine.nodeVersion;
  const version = target.nodeVersion ?? (majorOf(own) === target.major ? own : undefined);
  if (version === undefined) {
    return skip(
      `the build runs on Node.js ${own} and ${target.runtime} on Node.js ${target.major}; give nodeVersion, the runtime's exact Node.js version`,
    );
  }
  if (!makesPortableCache(version)) {
    return skip(
      `Node.js ${version} cannot make a cache that works at another path than where it was made; portable caches came with Node.js 24.12`,
    );
  }
  const host = hostArchitecture(machine.arch);
  if (version === own && host === target.architecture) {
    return { nodeVersion: version, node: machine.execPath, launcher: [] };
  }
  if (machine.platform !== "linux") {
    return skip(
      `the cache for Node.js ${version} on ${target.architecture} is made by Node.js for Linux, which does not run on ${machine.platform}; build on Linux, or on Node.js ${version} on ${target.architecture}`,
    );
  }
  let launcher: readonly string[] = [];
  if (host !== target.architecture) {
    if (host !== "x86_64" || target.architecture !== "arm64") {
      return skip(
        `this ${machine.arch} machine cannot run a Node.js for ${target.architecture}; build on ${target.architecture}`,
      );
    }
    const qemu = qemuAarch64Launcher(env);
    if ("missing" in qemu) return skip(qemu.missing);
    launcher = qemu.launcher;
  }
  const fetched = await fetchLinuxNode(version, target.architecture, env);
  if ("missing" in fetched) return skip(fetched.missing);
  return { nodeVersion: version, node: fetched.node, launcher };
}
