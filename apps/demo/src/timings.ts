/** One REPORT of the local runner. */
export interface ReportLike {
  readonly functionName: string;
  readonly durationMs: number;
  readonly initDurationMs?: number | undefined;
  readonly maxMemoryUsedMb: number;
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2
    ? (sorted[middle] as number)
    : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
};
const ms = (value: number | undefined) => (value === undefined ? "-" : `${value.toFixed(1)} ms`);

/** A text table of cold and warm timings per function, from the runner's REPORTs. */
export function timingsTable(reports: readonly ReportLike[]): string {
  const rows = [
    [
      "function",
      "cold starts",
      "Init Duration",
      "cold Duration",
      "warm invocations",
      "warm Duration (median)",
      "Max Memory",
    ],
  ];
  const names = [...new Set(reports.map((r) => r.functionName))].sort();
  for (const name of names) {
    const mine = reports.filter((r) => r.functionName === name);
    const cold = mine.filter((r) => r.initDurationMs !== undefined);
    const warm = mine.filter((r) => r.initDurationMs === undefined);
    rows.push([
      name,
      String(cold.length),
      ms(cold.length ? median(cold.map((r) => r.initDurationMs as number)) : undefined),
      ms(cold.length ? median(cold.map((r) => r.durationMs)) : undefined),
      String(warm.length),
      ms(warm.length ? median(warm.map((r) => r.durationMs)) : undefined),
      `${Math.max(...mine.map((r) => r.maxMemoryUsedMb))} MB`,
    ]);
  }
  const widths =
    rows[0]?.map((_, i) => Math.max(...rows.map((row) => (row[i] ?? "").length))) ?? [];
  return rows.map((row) => row.map((cell, i) => cell.padEnd(widths[i] ?? 0)).join("  ")).join("\n");
}
