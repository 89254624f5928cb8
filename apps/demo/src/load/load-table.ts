import { dataCheckProblems } from "./data-check";
import { highest, median } from "./resource-sampler";
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
    "| connections | requests | req/s | p50 | p90 | p95 | p99 | responses by status | errors | cold starts | containers | peak memory MB | memory growth MB | median RSS growth, 2nd half MB | highest RSS growth, 2nd half MB | sockets to DynamoDB |",
    "| --: | --: | --: | --: | --: | --: | --: | --- | --: | --: | --: | --: | --: | --: | --: | --: |",
  ];
  for (const level of report.levels) {
    const statuses = Object.entries(level.statuses)
      .map(([code, count]) => `${code}: ${count}`)
      .join(", ");
    const { p50, p90, p95, p99 } = level.latencyMs;
    const { medianRssGrowthMb, highestRssGrowthMb, maxDynamoSocketsPerContainer } = level.resources;
    lines.push(
      `| ${level.connections} | ${level.requests} | ${level.requestsPerSecond.toFixed(1)} | ${p50} | ${p90} | ${p95} | ${p99} | ${statuses} | ${level.errors} | ${level.coldStarts} | ${level.containers} | ${level.peakMemoryMb} | ${level.memoryGrowthMb} | ${medianRssGrowthMb ?? "n/a"} | ${highestRssGrowthMb ?? "n/a"} | ${maxDynamoSocketsPerContainer} |`,
    );
  }
  lines.push(
    "",
    "Memory growth: the largest rise of Max Memory Used within one container. RSS growth: the rise of the containers' median (and highest) resident memory from the middle of the level to its end. Sockets: the most connections to DynamoDB one container held at any sample.",
  );
  for (const level of report.levels.filter((l) => l.samples.length >= 3)) {
    lines.push("", ...resourcesOverTime(level));
  }
  const problems = dataCheckProblems(dataCheck);
  lines.push(
    "",
    `Data check: ${dataCheck.usersChecked} of ${dataCheck.usersWritten} users with acknowledged writes read back, ` +
      `${dataCheck.profileWrites} acknowledged profile writes, ${dataCheck.translations} acknowledged translations: ` +
      `${problems.length === 0 ? "all readable, no version skipped or repeated" : `${problems.length} problems`}.`,
    ...(dataCheck.sharedPasses > 0
      ? [
          `- ${dataCheck.sharedPasses} passes took a user another connection was serving (a request got no answer): their version order does not count`,
        ]
      : []),
    ...problems.map((p) => `- ${p}`),
  );
  return `${lines.join("\n")}\n`;
}

// One row per sample: how many containers, their resident memory, their sockets to DynamoDB.
function resourcesOverTime(level: LevelResult): string[] {
  const rows = level.samples.map(({ atSeconds, containers }) => {
    const rss = containers.map((c) => c.rssMb);
    const sockets = containers.map((c) => c.socketsToPort);
    return `| ${atSeconds} | ${containers.length} | ${median(rss)} | ${highest(rss)} | ${sockets.reduce((a, b) => a + b, 0)} | ${highest(sockets)} |`;
  });
  return [
    `${level.connections} connections, every container sampled over time:`,
    "",
    "| s | containers | median RSS MB | highest RSS MB | sockets to DynamoDB | most in one container |",
    "| --: | --: | --: | --: | --: | --: |",
    ...rows,
  ];
}
