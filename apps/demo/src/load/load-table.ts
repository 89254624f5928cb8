import type { LoadReport } from "./run-load";

/**
 * The load report as markdown: one row per level, then the data check.
 *
 * @example
 * ```ts
 * writeFileSync("reports/load.md", loadTable(report));
 * ```
 */
export function loadTable(report: LoadReport): string {
  const { options, dataCheck } = report;
  const lines = [
    `${options.durationSeconds} s per level; reserved concurrency ${options.reservedConcurrency} per function; latency in ms.`,
    "",
    "| connections | requests | req/s | p50 | p90 | p97.5 | p99 | responses by status | errors | cold starts | containers | peak memory MB | memory growth MB |",
    "| --: | --: | --: | --: | --: | --: | --: | --- | --: | --: | --: | --: | --: |",
  ];
  for (const level of report.levels) {
    const statuses = Object.entries(level.statuses)
      .map(([code, count]) => `${code}: ${count}`)
      .join(", ");
    const { p50, p90, p97_5, p99 } = level.latencyMs;
    lines.push(
      `| ${level.connections} | ${level.requests} | ${level.requestsPerSecond.toFixed(1)} | ${p50} | ${p90} | ${p97_5} | ${p99} | ${statuses} | ${level.errors} | ${level.coldStarts} | ${level.containers} | ${level.peakMemoryMb} | ${level.memoryGrowthMb} |`,
    );
  }
  const lost = dataCheck.versionProblems.length + dataCheck.missingTranslations.length;
  lines.push(
    "",
    `Data check: ${dataCheck.users} users, ${dataCheck.profileWrites} acknowledged profile writes, ` +
      `${dataCheck.translations} acknowledged translations: ${lost === 0 ? "all readable, no version skipped or repeated" : `${lost} problems`}.`,
    ...dataCheck.versionProblems.map((p) => `- version: ${p}`),
    ...dataCheck.missingTranslations.map((p) => `- missing translation: ${p}`),
  );
  return `${lines.join("\n")}\n`;
}
