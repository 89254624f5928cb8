import { execFileSync } from "node:child_process";
import { cpus, release, totalmem } from "node:os";
import { setTimeout as sleep } from "node:timers/promises";
import { type LocalBedrock, startLocalBedrock } from "@org/aws-testing/local";
import {
  type InvocationResult,
  type LocalRunner,
  type NodeRuntime,
  nodeBinaryFor,
  startLocalRunner,
} from "@org/local-lambda-runner";
import { assertBuilt, type BuiltVariant, buildVariant } from "./build-variants";
import { compareVariants, evaluateGoals, summarizeVariant } from "./report";
import { functionEnv, REGION, startDynamo, warmDynamo } from "./stand-ins";
import type { ColdStartReport, Machine, Sample, VariantResult } from "./types";
import { VARIANTS, type Variant } from "./variants";

/** Options of {@link runColdStartBenchmark}. */
export interface ColdStartOptions {
  /** Measured cold starts per variant. */
  readonly samples: number;
  /** Unrecorded rounds first (file cache, DynamoDB Local's JIT). */
  readonly warmupRounds: number;
  /** Variant ids to run; default all. The baseline is always added. */
  readonly variants?: readonly string[] | undefined;
  /** Where the bundles go (one folder per variant). */
  readonly bundleDir: string;
  /** The Lambda runtime every function runs on. */
  readonly runtime: NodeRuntime;
  /** The functions' memory size (heap limits). */
  readonly memoryMb: number;
  /** The command line, for the report. */
  readonly command: string;
  /** Progress lines (stderr in the CLI). */
  readonly progress?: ((line: string) => void) | undefined;
}

const BASELINE = "hand-written";

/**
 * Runs the cold-start benchmark: bundles every variant, starts DynamoDB Local and one local
 * Lambda runner, then for each round invokes every variant twice on a fresh container (a cold
 * start, then a warm call) in an order rotated each round, killing the container after.
 */
export async function runColdStartBenchmark(options: ColdStartOptions): Promise<ColdStartReport> {
  const progress = options.progress ?? (() => {});
  const variants = selectVariants(options.variants);
  assertBuilt();

  const built = new Map<string, BuiltVariant>();
  for (const variant of variants) {
    built.set(variant.id, await buildVariant(variant, options.bundleDir, options.runtime));
  }
  progress(`bundled ${variants.length} variants into ${options.bundleDir}`);

  const dynamo = await startDynamo();
  let runner: LocalRunner | undefined;
  let bedrock: LocalBedrock | undefined;
  const startedAt = new Date();
  try {
    progress(`DynamoDB Local on ${dynamo.endpoint}`);
    // The local Bedrock Runtime (its model echoes): for the routes that call a model.
    bedrock = await startLocalBedrock();
    const env = functionEnv(dynamo.endpoint, bedrock.endpoint);
    runner = await startLocalRunner({
      functions: Object.fromEntries(
        [...built].map(([id, bundle]) => [
          id,
          {
            bundleDir: bundle.dir,
            runtime: options.runtime,
            env: { ...env, ...bundle.environment },
            memoryMb: options.memoryMb,
            timeoutMs: 10_000,
          },
        ]),
      ),
      region: REGION,
      log: false,
    });
    await warmDynamo(dynamo.endpoint, 50);

    const samples = new Map<string, Sample[]>(variants.map((v) => [v.id, []]));
    const rounds = options.warmupRounds + options.samples;
    for (let round = 0; round < rounds; round += 1) {
      const measured = round >= options.warmupRounds;
      const order = rotate(variants, round);
      for (const [position, variant] of order.entries()) {
        const sample = await coldThenWarm(runner, variant, round - options.warmupRounds, position);
        if (measured) samples.get(variant.id)?.push(sample);
      }
      progress(
        measured
          ? `round ${round - options.warmupRounds + 1}/${options.samples}`
          : `warm-up round ${round + 1}/${options.warmupRounds}`,
      );
    }

    const results = variants.map((variant) =>
      summarizeVariant(
        variant,
        built.get(variant.id) as BuiltVariant,
        samples.get(variant.id) ?? [],
      ),
    );
    const baseline = results.find((r) => r.id === BASELINE);
    if (baseline) {
      for (const result of results) result.vsBaseline = ratios(result, baseline);
    }
    return {
      date: startedAt.toISOString(),
      command: options.command,
      machine: machine(nodeVersionOf(options.runtime)),
      options: {
        samples: options.samples,
        warmupRounds: options.warmupRounds,
        memoryMb: options.memoryMb,
      },
      baseline: BASELINE,
      variants: results,
      goals: evaluateGoals(results),
      comparisons: compareVariants(results),
    };
  } finally {
    await runner?.stop();
    await bedrock?.stop();
    await dynamo.stop();
  }
}

function selectVariants(ids: readonly string[] | undefined): Variant[] {
  if (!ids || ids.length === 0) return [...VARIANTS];
  const unknown = ids.filter((id) => !VARIANTS.some((v) => v.id === id));
  if (unknown.length > 0) {
    throw new Error(
      `Unknown variant(s) ${unknown.join(", ")}; known: ${VARIANTS.map((v) => v.id).join(", ")}`,
    );
  }
  return VARIANTS.filter((v) => v.id === BASELINE || ids.includes(v.id));
}

/** Round r starts with the variant at index r: each variant takes each position in turn. */
function rotate<T>(items: readonly T[], by: number): T[] {
  const shift = by % items.length;
  return [...items.slice(shift), ...items.slice(0, shift)];
}

async function coldThenWarm(
  runner: LocalRunner,
  variant: Variant,
  round: number,
  position: number,
): Promise<Sample> {
  const cold = await runner.invoke(variant.id, variant.event());
  const warm = await runner.invoke(variant.id, variant.event());
  await stopContainers(runner, variant.id);
  assertSucceeded(runner, variant, cold, "cold");
  assertSucceeded(runner, variant, warm, "warm");
  if (!cold.report.coldStart || warm.report.coldStart) {
    throw new Error(`${variant.id}: expected a cold start then a warm call on one container`);
  }
  if (cold.report.containerPid !== warm.report.containerPid) {
    throw new Error(`${variant.id}: the warm call ran on another container`);
  }
  const initDurationMs = cold.report.initDurationMs ?? Number.NaN;
  return {
    round,
    position,
    containerPid: cold.report.containerPid,
    initDurationMs,
    firstDurationMs: cold.report.durationMs,
    coldTotalMs: initDurationMs + cold.report.durationMs,
    warmDurationMs: warm.report.durationMs,
    maxMemoryUsedMb: cold.report.maxMemoryUsedMb,
  };
}

function assertSucceeded(
  runner: LocalRunner,
  variant: Variant,
  result: InvocationResult,
  which: string,
): void {
  if (result.ok && variant.check(result.payload)) return;
  const detail = result.ok
    ? `unexpected result ${JSON.stringify(result.payload).slice(0, 500)}`
    : `${result.error.errorType}: ${result.error.errorMessage}`;
  const logs = runner
    .logs()
    .filter((entry) => entry.functionName === variant.id)
    .slice(-20)
    .map((entry) => `  ${entry.text}`)
    .join("\n");
  throw new Error(`${variant.id} (${which} call) failed: ${detail}\n${logs}`);
}

/**
 * Kills a function's containers by pid and waits until the runner has seen them exit, so the
 * next sample of it starts cold and nothing of this one still runs.
 */
async function stopContainers(runner: LocalRunner, functionName: string): Promise<void> {
  for (const pid of runner.containerPids(functionName)) {
    try {
      process.kill(pid, "SIGKILL");
    } catch {
      // Already gone.
    }
  }
  const deadline = Date.now() + 5_000;
  while (runner.containerPids(functionName).length > 0) {
    if (Date.now() > deadline) throw new Error(`Containers of ${functionName} did not exit`);
    await sleep(2);
  }
  // Let the kernel finish tearing the process down before the next one starts.
  await sleep(20);
}

function ratios(result: VariantResult, baseline: VariantResult) {
  const r = (a: number, b: number) => a / b;
  return {
    initDuration: r(result.initDurationMs.median, baseline.initDurationMs.median),
    firstDuration: r(result.firstDurationMs.median, baseline.firstDurationMs.median),
    coldTotal: r(result.coldTotalMs.median, baseline.coldTotalMs.median),
    warmDuration: r(result.warmDurationMs.median, baseline.warmDurationMs.median),
    maxMemoryUsed: r(result.maxMemoryUsedMb.median, baseline.maxMemoryUsedMb.median),
    bytes: r(result.bundle.bytes, baseline.bundle.bytes),
    gzipBytes: r(result.bundle.gzipBytes, baseline.bundle.gzipBytes),
  };
}

// The Node.js the functions run on: the one the runner starts for their runtime.
function nodeVersionOf(runtime: NodeRuntime): string {
  return execFileSync(nodeBinaryFor(runtime), ["--version"], { encoding: "utf8" }).trim();
}

function machine(node: string): Machine {
  const cores = cpus();
  return {
    cpus: cores.length,
    cpuModel: cores[0]?.model ?? "unknown",
    memoryGb: Math.round(totalmem() / 2 ** 30),
    node,
    platform: `${process.platform} ${release()}`,
  };
}
