import { execFile } from "node:child_process";

/** How to run a command: always asynchronously, so servers in this process keep answering. */
export interface RunOptions {
  readonly cwd: string;
  readonly env?: NodeJS.ProcessEnv | undefined;
  /** Killed after this long. Default 120,000 ms. */
  readonly timeoutMs?: number | undefined;
}

/** What a finished command printed, and its exit code (127 when it could not start). */
export interface RunResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

const tail = (text: string, max = 4_000) => (text.length > max ? `…${text.slice(-max)}` : text);

/** Runs a command to its end, whatever its exit code. */
export function runCommand(
  command: string,
  args: readonly string[],
  options: RunOptions,
): Promise<RunResult> {
  return new Promise((resolve) => {
    execFile(
      command,
      args,
      {
        cwd: options.cwd,
        env: options.env ?? process.env,
        timeout: options.timeoutMs ?? 120_000,
        killSignal: "SIGKILL",
        maxBuffer: 64 * 1024 * 1024,
        encoding: "utf8",
      },
      (error, stdout, stderr) => {
        let code = 0;
        if (error) {
          const reason = error as NodeJS.ErrnoException & { killed?: boolean };
          code = typeof reason.code === "number" ? reason.code : reason.killed ? 137 : 127;
          if (reason.killed) stderr += `\n(killed after ${options.timeoutMs ?? 120_000} ms)`;
          if (code === 127) stderr += `\n${error.message}`;
        }
        resolve({ code, stdout, stderr });
      },
    );
  });
}

/** Runs a command and returns its stdout; a non-zero exit is an error showing both outputs. */
export async function run(
  command: string,
  args: readonly string[],
  options: RunOptions,
): Promise<string> {
  const result = await runCommand(command, args, options);
  if (result.code !== 0) {
    throw new Error(
      `\`${command} ${args.join(" ")}\` (in ${options.cwd}) exited with ${result.code}\n` +
        `--- stdout ---\n${tail(result.stdout)}\n--- stderr ---\n${tail(result.stderr)}`,
    );
  }
  return result.stdout;
}
