import type { LevelResult, LoadReport } from "./run-load";

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
    "| connections | requests | req/s | p50 | p90 | p95 | p99 | responses by status | errors | cold starts | containers | peak memory MB | memory growth MB | RSS growth, 2nd half MB | sockets to DynamoDB |",
    "| --: | --: | --: | --: | --: | --: | --: | --- | --: | --: | --: | --: | --: | --: | --: |",
  ];
  for (const level of report.levels) {
    const statuses = Object.entries(level.statuses)
      .map(([code, count]) => `${code}: ${count}`)
      .join(", ");
    const { p50, p90, p95, p99 } = level.latencyMs;
    const { secondHalfRssGrowthMb, maxDynamoSocketsPerContainer } = level.resources;
    lines.push(
      `| ${level.connections} | ${level.requests} | ${level.requestsPerSecond.toFixed(1)} | ${p50} | ${p90} | ${p95} | ${p99} | ${statuses} | ${level.errors} | ${level.coldStarts} | ${level.containers} | ${level.peakMemoryMb} | ${level.memoryGrowthMb} | ${secondHalfRssGrowthMb ?? "n/a"} | ${maxDynamoSocketsPerContainer} |`,
    );
  }
  lines.push(
    "",
    "Memory growth: the largest rise of Max Memory Used within one container. RSS growth: the largest rise of one container's resident memory from the middle of the level to its end. Sockets: the most connections to DynamoDB one container held at any sample.",
  );
  for (const level of report.levels.filter((l) => l.samples.length >= 3)) {
    lines.push("", ...resourcesOverTime(level));
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

// One row per sample: how many containers, their resident memory, their sockets to DynamoDB.
function resourcesOverTime(level: LevelResult): string[] {
  const rows = level.samples.map(({ atSeconds, containers }) => {
    const rss = containers.map((c) => c.rssMb).sort((a, b) => a - b);
    const median = rss[Math.floor(rss.length / 2)] ?? 0;
    const sockets = containers.map((c) => c.socketsToPort);
    return `| ${atSeconds} | ${containers.length} | ${median} | ${Math.max(0, ...rss)} | ${sockets.reduce((a, b) => a + b, 0)} | ${Math.max(0, ...sockets)} |`;
  });
  return [
    `${level.connections} connections, every container sampled over time:`,
    "",
    "| s | containers | median RSS MB | highest RSS MB | sockets to DynamoDB | most in one container |",
    "| --: | --: | --: | --: | --: | --: |",
    ...rows,
  ];
}
