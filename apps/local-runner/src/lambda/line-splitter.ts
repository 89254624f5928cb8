import type { Readable } from "node:stream";

/**
 * Calls `onLine` for each complete line of `stream`, and for a last unterminated one at its
 * end. The runtime client writes a multi-line log message as one line with `\r` in place of
 * its newlines (as CloudWatch expects); those are turned back into newlines here.
 */
export function forEachLine(stream: Readable | null, onLine: (line: string) => void): void {
  if (!stream) return;
  let pending = "";
  stream.setEncoding("utf8");
  stream.on("data", (chunk: string) => {
    const lines = (pending + chunk).split("\n");
    pending = lines.pop() ?? "";
    for (const line of lines) onLine(line.replaceAll("\r", "\n"));
  });
  stream.on("end", () => {
    if (pending) onLine(pending.replaceAll("\r", "\n"));
    pending = "";
  });
}
