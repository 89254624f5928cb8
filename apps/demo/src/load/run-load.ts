import { createUser, signIn } from "@org/aws-testing/local";
import autocannon from "autocannon";
import { startStack } from "../stack";
import { checkAcknowledgedData, type DataCheck, type LoadUser } from "./data-check";
import { percentile, timed } from "./latency";
import {
  type ResourceSample,
  type ResourceTrend,
  resourceTrend,
  sampleResources,
} from "./resource-sampler";
import { type Acknowledged, userMix } from "./workload";

/** Options of {@link runLoad}. */
export interface LoadOptions {
  /** Open connections per level, each one signed-in user working in a loop. */
  readonly levels: readonly number[];
  /** Seconds per level. */
  readonly durationSeconds: number;
  /** Containers each function may run at once, as Lambda's reserved concurrency: past it, 429. */
  readonly reservedConcurrency: number;
  /** Seconds between samples of every container's memory and sockets. Default 5. */
  readonly sampleEverySeconds?: number;
  readonly progress?: (line: string) => void;
}

/** One level's figures. */
export interface LevelResult {
  readonly connections: number;
  readonly requests: number;
  readonly requestsPerSecond: number;
  /** Latency percentiles of every answer, milliseconds. */
  readonly latencyMs: { p50: number; p90: number; p95: number; p99: number };
  /** Responses by status code. */
  readonly statuses: Record<string, number>;
  /** Connection errors and timeouts (no HTTP answer at all). */
  readonly errors: number;
  readonly coldStarts: number;
  /** Distinct containers that served this level. */
  readonly containers: number;
  /** Highest Max Memory Used of any invocation of this level, MB. */
  readonly peakMemoryMb: number;
  /**
   * Largest rise of Max Memory Used within one container from its first invocation of the
   * level to its last, MB: a leak (listeners, sockets, registry entries) shows here.
   */
  readonly memoryGrowthMb: number;
  /** Resident memory and connections to DynamoDB of every container, sampled over the level. */
  readonly samples: readonly ResourceSample[];
  /** What the samples say about growth. */
  readonly resources: ResourceTrend;
}

/** What `pnpm load` measured. */
export interface LoadReport {
  readonly options: Omit<LoadOptions, "progress">;
  readonly levels: LevelResult[];
  readonly dataCheck: DataCheck;
}

/**
 * Starts the local stack, signs in one user per connection of every level, and runs the
 * user mix at each level in turn (loopback only, bounded in time), then checks that every
 * acknowledged write is readable and no profile version was skipped or repeated.
 *
 * @example
 * ```ts
 * const report = await runLoad({ levels: [1, 10, 50], durationSeconds: 10, reservedConcurrency: 20 });
 * ```
 */
export async function runLoad(options: LoadOptions): Promise<LoadReport> {
  const progress = options.progress ?? (() => {});
  const stack = await startStack({
    log: false,
    progress,
    maxContainers: options.reservedConcurrency,
    reservedConcurrency: options.reservedConcurrency,
  });
  try {
    // Users of their own per level: a write still in flight when a level ends is applied but
    // never answered, and must not look like a skipped version to the next level's check.
    const users = options.levels.reduce((sum, level) => sum + level, 0);
    progress(`Signing in ${users} users...`);
    // Each user's id (the `sub`) from sign-up, so the check knows whose data a token reads
    // back even when nothing of theirs is found.
    const signedIn: LoadUser[] = [];
    for (let i = 0; i < users; i++) {
      const user = {
        username: `load-${i}`,
        password: "Load-passw0rd!",
        email: `load-${i}@example.com`,
      };
      const id = await createUser(stack.cognito, user);
      const { accessToken } = await signIn(stack.cognito, { clientId: stack.clientId, ...user });
      signedIn.push({ id, token: accessToken });
    }
    const tokens = signedIn.map((user) => user.token);
    const acknowledged: Acknowledged = {
      profileVersions: new Map(),
      translations: new Map(),
      sharedPasses: 0,
    };
    const levels: LevelResult[] = [];
    let firstUser = 0;
    for (const connections of options.levels) {
      progress(`${connections} connections for ${options.durationSeconds} s...`);
      const levelTokens = tokens.slice(firstUser, firstUser + connections);
      firstUser += connections;
      const before = stack.runner.reports().length;
      const sampler = sampleResources({
        pids: () => stack.runner.containerPids(),
        dynamoPort: stack.dynamo.port,
        everySeconds: options.sampleEverySeconds ?? 5,
      });
      const latencies: number[] = [];
      let samples: ResourceSample[] = [];
      let result: autocannon.Result;
      try {
        result = await autocannon({
          url: stack.url,
          connections,
          duration: options.durationSeconds,
          requests: timed(userMix(levelTokens, acknowledged), latencies),
          timeout: 30,
        });
      } finally {
        samples = sampler.stop();
      }
      const reports = stack.runner.reports().slice(before);
      levels.push({
        connections,
        requests: result.requests.total,
        requestsPerSecond: result.requests.average,
        latencyMs: {
          p50: percentile(latencies, 50),
          p90: percentile(latencies, 90),
          p95: percentile(latencies, 95),
          p99: percentile(latencies, 99),
        },
        statuses: Object.fromEntries(
          Object.entries(result.statusCodeStats ?? {}).map(([code, stats]) => [
            code,
            stats?.count ?? 0,
          ]),
        ),
        errors: result.errors + result.timeouts,
        coldStarts: reports.filter((r) => r.coldStart).length,
        containers: new Set(reports.map((r) => r.containerPid)).size,
        peakMemoryMb: Math.max(0, ...reports.map((r) => r.maxMemoryUsedMb ?? 0)),
        memoryGrowthMb: memoryGrowth(reports),
        samples,
        resources: resourceTrend(samples),
      });
    }
    progress("Checking the acknowledged data...");
    const dataCheck = await checkAcknowledgedData(stack.url, signedIn, acknowledged);
    const { progress: _, ...reported } = options;
    return { options: reported, levels, dataCheck };
  } finally {
    await stack.stop();
  }
}

function memoryGrowth(
  reports: readonly { containerPid: number; maxMemoryUsedMb?: number }[],
): number {
  const byContainer = new Map<number, number[]>();
  for (const { containerPid, maxMemoryUsedMb } of reports) {
    if (maxMemoryUsedMb === undefined) continue;
    byContainer.set(containerPid, [...(byContainer.get(containerPid) ?? []), maxMemoryUsedMb]);
  }
  return Math.max(0, ...[...byContainer.values()].map((mbs) => (mbs.at(-1) ?? 0) - (mbs[0] ?? 0)));
}
