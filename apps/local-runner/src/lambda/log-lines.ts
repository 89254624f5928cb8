import type { Report } from "../report";

/** Lambda's `START` line, logged when the event reaches the handler. */
export function startLine(requestId: string): string {
  return `START RequestId: ${requestId} Version: $LATEST`;
}

/** Lambda's `END` line. */
export function endLine(requestId: string): string {
  return `END RequestId: ${requestId}`;
}

/** The line Lambda logs for a timed-out invocation, before its `END`. */
export function timedOutLine(requestId: string, timeoutMs: number): string {
  return `${new Date().toISOString()} ${requestId} Task timed out after ${(timeoutMs / 1000).toFixed(2)} seconds`;
}

/**
 * Lambda's `REPORT` line, fields separated by tabs:
 * `REPORT RequestId: <id>	Duration: 12.34 ms	Billed Duration: 13 ms	Memory Size: 128 MB	Max Memory Used: 60 MB	Init Duration: 180.12 ms`.
 * Like Lambda, it adds `Status: timeout`, or `Status: error` and `Error Type:` when the
 * runtime itself failed; a handler's own error adds nothing.
 */
export function reportLine(report: Report): string {
  const fields = [
    `REPORT RequestId: ${report.requestId}`,
    `Duration: ${report.durationMs.toFixed(2)} ms`,
    `Billed Duration: ${report.billedDurationMs} ms`,
    `Memory Size: ${report.memorySizeMb} MB`,
    `Max Memory Used: ${report.maxMemoryUsedMb} MB`,
  ];
  if (report.initDurationMs !== undefined) {
    fields.push(`Init Duration: ${report.initDurationMs.toFixed(2)} ms`);
  }
  if (report.status === "timeout") fields.push("Status: timeout");
  if (report.status === "crash") {
    fields.push("Status: error", `Error Type: ${report.errorType ?? "Runtime.Unknown"}`);
  }
  return fields.join("\t");
}
