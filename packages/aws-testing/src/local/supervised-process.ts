import { type ChildProcess, spawn } from "node:child_process";
import { LocalServiceError } from "./errors";

// Runs the real program as its child and kills it when its own stdin closes: that happens
// when the test process exits in any way, even killed, so no emulator outlives its tests.
// A "kill" line on its stdin SIGKILLs the program itself (a hard kill, as a crash would).
const SUPERVISOR = `
const { spawn } = require("node:child_process");
const [command, args, cwd] = JSON.parse(process.argv[1]);
const child = spawn(command, args, { cwd, stdio: ["ignore", "inherit", "inherit"] });
const stop = () => child.exitCode === null && child.kill("SIGTERM");
const hardKill = () => child.exitCode === null && child.kill("SIGKILL");
let input = "";
process.stdin
  .on("data", (chunk) => {
    input += chunk;
    if (input.includes("kill\\n")) hardKill();
  })
  .on("end", stop)
  .on("error", stop)
  .resume();
process.on("SIGTERM", stop);
process.on("SIGINT", stop);
child.on("error", (e) => { console.error(String(e)); process.exit(127); });
child.on("exit", (code, signal) => process.exit(code ?? (signal ? 0 : 1)));
`;

/** A program started by {@link startSupervised}. */
export interface SupervisedProcess {
  /** Process id of the supervisor, whose child is the program. */
  readonly pid: number;
  /** The last few KB of the program's output, for error messages. */
  output(): string;
  /** Whether it has exited. */
  hasExited(): boolean;
  /** Stops the program (SIGTERM, then SIGKILL after `graceMs`) and waits for it. */
  stop(graceMs?: number): Promise<void>;
  /**
   * Kills the program itself with SIGKILL, as a crash would (no shutdown of its own), and
   * waits until it and its supervisor have exited.
   */
  kill(): Promise<void>;
}

const OUTPUT_LIMIT = 8_192;

/**
 * Starts `command` under a small supervisor that stops it if this process dies.
 *
 * @example
 * ```ts
 * const server = startSupervised("java", ["-jar", "DynamoDBLocal.jar"], emulatorDir);
 * await server.stop();
 * ```
 */
export function startSupervised(
  command: string,
  args: readonly string[],
  cwd: string,
  env: NodeJS.ProcessEnv = process.env,
): SupervisedProcess {
  const child: ChildProcess = spawn(
    process.execPath,
    ["-e", SUPERVISOR, JSON.stringify([command, args, cwd])],
    { cwd, env, stdio: ["pipe", "pipe", "pipe"] },
  );
  if (child.pid === undefined) throw new LocalServiceError(`Could not start ${command}`);
  let output = "";
  const collect = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-OUTPUT_LIMIT);
  };
  child.stdout?.on("data", collect);
  child.stderr?.on("data", collect);
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  // Writing to a supervisor that has just exited must not crash the tests.
  child.stdin?.on("error", () => {});
  // Tests must not wait on the emulator to exit.
  child.unref();
  for (const stream of [child.stdin, child.stdout, child.stderr]) {
    (stream as unknown as { unref?: () => void } | null)?.unref?.();
  }

  return {
    pid: child.pid,
    output: () => output,
    hasExited: () => child.exitCode !== null || child.signalCode !== null,
    async stop(graceMs = 5_000) {
      if (child.exitCode !== null || child.signalCode !== null) return;
      process.kill(child.pid as number, "SIGTERM");
      const timer = setTimeout(() => child.kill("SIGKILL"), graceMs);
      await exited;
      clearTimeout(timer);
    },
    async kill() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      // The supervisor SIGKILLs its child, then exits when the child has: after `exited`,
      // the program is gone too. Ref'd meanwhile, so a script awaiting this does not end first.
      child.ref();
      child.stdin?.write("kill\n");
      await exited;
    },
  };
}
