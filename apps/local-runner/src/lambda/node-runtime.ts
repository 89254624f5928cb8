import { execFileSync } from "node:child_process";

/** The Lambda Node.js runtimes the runner can start a function on. */
export const NODE_RUNTIMES = ["nodejs24.x", "nodejs22.x"] as const;
export type NodeRuntime = (typeof NODE_RUNTIMES)[number];

/** The runtime of a function that names none: Lambda's newest Node.js runtime. */
export const DEFAULT_RUNTIME: NodeRuntime = "nodejs24.x";

const binaries = new Map<string, string>();

/**
 * The `node` binary that runs a function on `runtime`: this process's own when its major
 * version matches, otherwise that major's Node.js from the npm registry, through `npx`
 * (downloaded once, then cached by npm).
 */
export function nodeBinaryFor(runtime: NodeRuntime): string {
  const major = runtime.replace(/^nodejs(\d+)\.x$/, "$1");
  if (process.versions.node.split(".")[0] === major) return process.execPath;
  let binary = binaries.get(major);
  if (!binary) {
    binary = execFileSync(
      "npx",
      ["--yes", "-p", `node@${major}`, "--", "node", "-p", "process.execPath"],
      { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] },
    ).trim();
    binaries.set(major, binary);
  }
  return binary;
}
