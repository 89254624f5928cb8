import { type ChildProcess, spawn } from "node:child_process";

// Kills every pid it was told about when its stdin closes, which happens when the runner's
// process exits in any way, even killed: a container stuck in a busy loop would otherwise
// outlive a crashed `pnpm dev` or test run. It ignores SIGINT/SIGTERM so that a Ctrl-C to the
// whole process group does not stop it before it has done its job.
const REAPER = `
const pids = new Set();
let pending = "";
process.on("SIGINT", () => {});
process.on("SIGTERM", () => {});
process.stdin.setEncoding("utf8");
process.stdin.on("data", (chunk) => {
  const lines = (pending + chunk).split("\\n");
  pending = lines.pop();
  for (const line of lines) {
    const pid = Number(line.slice(1));
    if (line[0] === "+") pids.add(pid); else pids.delete(pid);
  }
});
const reap = () => {
  for (const pid of pids) { try { process.kill(pid, "SIGKILL"); } catch {} }
  process.exit(0);
};
process.stdin.on("end", reap).on("error", reap);
`;

/**
 * A small watchdog process that kills the containers if the runner dies without `stop()`.
 *
 * @example
 * ```ts
 * const reaper = OrphanReaper.start();
 * reaper.watch(child.pid);
 * // ... child exits ...
 * reaper.forget(child.pid);
 * reaper.close();
 * ```
 */
export class OrphanReaper {
  private constructor(private readonly child: ChildProcess) {}

  static start(): OrphanReaper {
    const child = spawn(process.execPath, ["-e", REAPER], {
      env: { PATH: process.env.PATH ?? "" },
      stdio: ["pipe", "ignore", "ignore"],
    });
    child.on("error", () => {});
    child.stdin?.on("error", () => {});
    // The watchdog must never keep the runner's process alive.
    child.unref();
    (child.stdin as unknown as { unref?: () => void } | null)?.unref?.();
    return new OrphanReaper(child);
  }

  watch(pid: number): void {
    this.child.stdin?.write(`+${pid}\n`);
  }

  forget(pid: number): void {
    this.child.stdin?.write(`-${pid}\n`);
  }

  /** Ends the watchdog; it kills whatever it still watches, so forget live pids first. */
  close(): void {
    this.child.stdin?.end();
  }
}
