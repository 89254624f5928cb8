// Runs a folder built for Lambda the way Lambda would: copied elsewhere, read-only, started
// as Lambda's sandbox user (993) when the tests run as root, and reports what Node.js said
// of the compile cache shipped in it.
import { execFileSync, spawnSync } from "node:child_process";
import {
  chmodSync,
  cpSync,
  mkdtempSync,
  readdirSync,
  renameSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const LAMBDA_UID = 993;
const asRoot = process.getuid?.() === 0;
/** Who runs the functions: Lambda's user when the tests can switch to it, else the tests' own. */
export const RUN_AS = asRoot ? LAMBDA_UID : (process.getuid?.() ?? 0);

const made: string[] = [];

/** A temporary folder, removed by {@link cleanUp}. */
export function temporaryFolder(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  made.push(dir);
  chmodSync(dir, 0o755);
  return dir;
}

/** Removes every folder this file made (read-only ones included). */
export function cleanUp(): void {
  copies.clear();
  for (const dir of made.splice(0)) {
    execFileSync("chmod", ["-R", "u+w", dir]);
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Writes `files` (name → source) into a new temporary folder; returns the folder. */
export function sourceFolder(files: Readonly<Record<string, string>>): string {
  const dir = temporaryFolder("build-lambda-src-");
  for (const [name, source] of Object.entries(files)) writeFileSync(join(dir, name), source);
  return dir;
}

/** A copy of a Node.js binary that the user the functions run as can execute (root's home is closed). */
export function runnable(binary: string): string {
  if (!asRoot) return binary;
  let copy = copies.get(binary);
  if (copy === undefined) {
    copy = join(temporaryFolder("build-lambda-node-"), "node");
    cpSync(binary, copy);
    chmodSync(copy, 0o755);
    copies.set(binary, copy);
  }
  return copy;
}

const copies = new Map<string, string>();

/**
 * A deployed copy: another path, nothing writable, as /var/task is; when the tests cannot
 * run as Lambda's user, the cache folder is retagged for their own.
 */
export function deploy(dir: string): string {
  const target = temporaryFolder("build-lambda-task-");
  cpSync(dir, target, { recursive: true });
  if (!asRoot) {
    const root = join(target, ".node-compile-cache");
    for (const folder of readdirSync(root)) {
      renameSync(join(root, folder), join(root, folder.replace(/-\d+$/, `-${RUN_AS}`)));
    }
  }
  lockDown(target);
  return target;
}

function lockDown(path: string): void {
  for (const entry of readdirSync(path, { withFileTypes: true })) {
    if (entry.isDirectory()) lockDown(join(path, entry.name));
    else chmodSync(join(path, entry.name), entry.name.endsWith(".sh") ? 0o555 : 0o444);
  }
  chmodSync(path, 0o555);
}

/** How to start the function's Node.js. */
export interface Start {
  readonly node: string;
  /** The command before `node` (qemu), if any. */
  readonly launcher?: readonly string[];
  /** The runtime's flags: `["--expose-gc"]` without the exec wrapper. */
  readonly flags?: readonly string[];
}

/**
 * Imports `dir/index.mjs` and calls its handler with `event`; reports the answer, and the
 * modules whose compile cache Node.js accepted (relative to `dir`).
 */
export function invoke(dir: string, start: Start, event: unknown) {
  const [command = start.node, ...args] = [...(start.launcher ?? []), start.node];
  const script = `const m = await import(${JSON.stringify(join(dir, "index.mjs"))}); console.log(JSON.stringify(await m.handler(${JSON.stringify(event)})));`;
  const run = spawnSync(
    command,
    [...args, ...(start.flags ?? []), "--input-type=module", "--eval", script],
    {
      env: { PATH: process.env.PATH ?? "", NODE_DEBUG_NATIVE: "COMPILE_CACHE" },
      cwd: dir,
      encoding: "utf8",
      uid: RUN_AS,
      timeout: 120_000,
    },
  );
  if (run.error) throw run.error;
  const lines = run.stderr.split("\n");
  return {
    status: run.status,
    answer: run.stdout.trim() ? (JSON.parse(run.stdout) as unknown) : undefined,
    accepted: lines
      .filter((line) => line.includes("was accepted"))
      .map((line) => /(handler|chunks\/[^\s]+)\.mjs/.exec(line)?.[0])
      .filter((file) => file !== undefined)
      .sort(),
    // Anything Node.js printed besides its cache's debug lines.
    otherOutput: lines.filter((line) => line && !line.startsWith("[compile cache]")),
  };
}
