/**
 * One log line of a function: Lambda's own `START`/`END`/`REPORT` lines (`platform`), a line
 * the handler wrote, or the HTTP API's word on a request it refused before the function ran
 * (`api`, e.g. the JWT authorizer's reason: what API Gateway's access log would hold).
 */
export interface LogEntry {
  readonly functionName: string;
  readonly source: "platform" | "stdout" | "stderr" | "api";
  readonly text: string;
}

/**
 * Where log lines go.
 *
 * @example
 * ```ts
 * const lines: string[] = [];
 * await startLocalRunner({ functions, log: (entry) => lines.push(entry.text) });
 * ```
 */
export type LogSink = (entry: LogEntry) => void;

/**
 * The default sink: each line on stdout, prefixed with its function's name.
 *
 * @example
 * ```ts
 * stdoutLogSink({ functionName: "users-api", source: "platform", text: "END RequestId: 1" });
 * // [users-api] END RequestId: 1
 * ```
 */
export const stdoutLogSink: LogSink = (entry) => {
  process.stdout.write(`[${entry.functionName}] ${entry.text}\n`);
};
