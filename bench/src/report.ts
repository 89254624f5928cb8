import type { BuiltVariant } from "./build-variants";
import { medianRatioInterval, type Summary, summarize } from "./stats";
import type { ColdStartReport, Comparison, Goal, Sample, VariantResult } from "./types";
import type { Variant } from "./variants";

/** @example `summarizeVariant(variant, built, samples).initDurationMs.median` */
export function summarizeVariant(
  variant: Variant,
  built: BuiltVariant,
  samples: readonly Sample[],
): VariantResult {
  const of = (pick: (s: Sample) => number) => summarize(samples.map(pick));
  return {
    id: variant.id,
    tag: variant.tag,
    label: variant.label,
    bundle: {
      bytes: built.bytes,
      gzipBytes: built.gzipBytes,
      compileCacheBytes: built.compileCacheBytes,
      split: built.split,
    },
    initDurationMs: of((s) => s.initDurationMs),
    firstDurationMs: of((s) => s.firstDurationMs),
    coldTotalMs: of((s) => s.coldTotalMs),
    warmDurationMs: of((s) => s.warmDurationMs),
    maxMemoryUsedMb: of((s) => s.maxMemoryUsedMb),
    samples,
  };
}

const inits = (result: VariantResult) => result.samples.map((s) => s.initDurationMs);

function initRatio(a: VariantResult, b: VariantResult): string {
  const ratio = a.initDurationMs.median / b.initDurationMs.median;
  const [low, high] = medianRatioInterval(inits(a), inits(b));
  const total = a.coldTotalMs.median / b.coldTotalMs.median;
  return `Init ${fixed(ratio, 3)}x (95% interval ${fixed(low, 2)}-${fixed(high, 2)}); Init + first Duration ${fixed(total, 2)}x`;
}

/** Init Duration of `a` over `b`, with its interval, against a ceiling. */
function initGoal(goal: string, a: VariantResult, b: VariantResult, ceiling: number): Goal {
  const ratio = a.initDurationMs.median / b.initDurationMs.median;
  return { goal, met: ratio <= ceiling, measured: initRatio(a, b) };
}

const colds = (result: VariantResult) => result.samples.map((s) => s.coldTotalMs);

/** Init + first Duration of `a` over `b`, with its interval, against a ceiling. */
function coldTotalGoal(goal: string, a: VariantResult, b: VariantResult, ceiling: number): Goal {
  const ratio = a.coldTotalMs.median / b.coldTotalMs.median;
  const [low, high] = medianRatioInterval(colds(a), colds(b));
  return {
    goal,
    met: ratio <= ceiling,
    measured: `Init + first Duration ${fixed(ratio, 3)}x (95% interval ${fixed(low, 2)}-${fixed(high, 2)}); Init ${fixed(a.initDurationMs.median / b.initDurationMs.median, 2)}x`,
  };
}

/**
 * Init + first Duration of `a` over `b`, met when its 95% interval reaches 1 or below: `a` is
 * not measurably slower than `b`.
 */
function matchGoal(goal: string, a: VariantResult, b: VariantResult): Goal {
  const [low] = medianRatioInterval(colds(a), colds(b));
  return { ...coldTotalGoal(goal, a, b, Number.POSITIVE_INFINITY), met: low <= 1 };
}

/**
 * The goals, for the variants this run has: (3) within 1.03x of (2) on Init Duration and
 * within +2 KB of bundle; (4) at least 10% slower to init than (3); (7) at least 30% smaller
 * and at least 8% faster to init than (2); (9) at most 0.80x of (2) on Init + first Duration
 * with no more memory; (10) each app at most 0.85x of its build before; (11a), the lean
 * DynamoDB handler split, at most 0.95x of (7), its single file; (11h), translation-api's
 * `GET /translations` split, within 1.05x of users-api's `GET /users/{id}` split (11k);
 * (12), the facade of `@org/aws`, within 1.03x of (11a) on Init Duration; (13), a keyed
 * client, within 1.03x of (3) on Init + first Duration; (14), `buildLambda()`'s defaults,
 * matches (9w), the best hand-assembled row, within the interval of their ratio.
 */
export function evaluateGoals(results: readonly VariantResult[]): Goal[] {
  const byId = new Map(results.map((r) => [r.id, r]));
  const handWritten = byId.get("hand-written");
  const ours = byId.get("aws-dynamo");
  const facade = byId.get("facade");
  const lean = byId.get("aws-dynamo-lean");
  const goals: Goal[] = [];
  if (handWritten && ours) {
    const extra = ours.bundle.bytes - handWritten.bundle.bytes;
    const extraGzip = ours.bundle.gzipBytes - handWritten.bundle.gzipBytes;
    goals.push(initGoal("(3) Init Duration within 1.03x of (2)", ours, handWritten, 1.03));
    goals.push({
      goal: "(3) bundle within +2 KB of (2)",
      met: extra <= 2048,
      measured: `${signed(extra)} B raw, ${signed(extraGzip)} B gzip (${extraGzip <= 2048 ? "within" : "over"} 2 KB gzip)`,
    });
  }
  if (facade && ours) {
    const ratio = facade.initDurationMs.median / ours.initDurationMs.median;
    goals.push({
      goal: "(4) Init Duration at least 10% above (3)",
      met: ratio >= 1.1,
      measured: initRatio(facade, ours),
    });
  }
  if (handWritten && lean) {
    const size = lean.bundle.bytes / handWritten.bundle.bytes;
    const gzip = lean.bundle.gzipBytes / handWritten.bundle.gzipBytes;
    goals.push({
      goal: "(7) bundle at least 30% smaller than (2)",
      met: size <= 0.7,
      measured: `${percent(1 - size)} smaller raw, ${percent(1 - gzip)} smaller gzip`,
    });
    goals.push(initGoal("(7) Init Duration at least 8% below (2)", lean, handWritten, 0.92));
  }
  const tuned = byId.get("aws-dynamo-lean-cache-primed");
  if (handWritten && tuned) {
    goals.push(
      coldTotalGoal("(9) Init + first Duration at most 0.80x of (2)", tuned, handWritten, 0.8),
    );
    const wrapped = byId.get("aws-dynamo-lean-cache-primed-wrapped");
    if (wrapped) {
      goals.push(
        coldTotalGoal("(9w) Init + first Duration at most 0.80x of (2)", wrapped, handWritten, 0.8),
      );
    }
    const memory = tuned.maxMemoryUsedMb.median;
    const baseline = handWritten.maxMemoryUsedMb.median;
    goals.push({
      goal: "(9) Max Memory Used not above (2)",
      met: memory <= baseline,
      measured: `${fixed(memory, 0)} MB against ${fixed(baseline, 0)} MB`,
    });
  }
  for (const [before, after, tag] of [
    ["users-api", "users-api-tuned", "(10a)"],
    ["translation-api", "translation-api-tuned", "(10b)"],
  ] as const) {
    const [was, now] = [byId.get(before), byId.get(after)];
    if (was && now) {
      goals.push(
        coldTotalGoal(
          `${tag} Init + first Duration at most 0.85x of the build before`,
          now,
          was,
          0.85,
        ),
      );
    }
  }
  const [split, oneFile] = [byId.get("aws-dynamo-lean-split"), byId.get("aws-dynamo-lean")];
  if (split && oneFile) {
    goals.push(
      coldTotalGoal(
        "(11a) Init + first Duration at most 0.95x of (7), today's single file",
        split,
        oneFile,
        0.95,
      ),
    );
  }
  const [translations, users] = [byId.get("translations-list-split"), byId.get("users-api-split")];
  if (translations && users) {
    goals.push(
      coldTotalGoal(
        "(11h) translation-api GET /translations Init + first Duration within 1.05x of (11k) users-api GET /users/{id}",
        translations,
        users,
        1.05,
      ),
    );
  }
  const onUseFacade = byId.get("facade-on-use");
  if (onUseFacade && split) {
    goals.push(
      initGoal(
        "(12) the facade of @org/aws: Init within 1.03x of (11a), the single-client handler",
        onUseFacade,
        split,
        1.03,
      ),
    );
  }
  const keyed = byId.get("aws-dynamo-keyed");
  if (keyed && ours) {
    goals.push(
      coldTotalGoal(
        "(13) a keyed client: Init + first Duration within 1.03x of (3), the singleton",
        keyed,
        ours,
        1.03,
      ),
    );
  }
  const [defaults, handAssembled] = [
    byId.get("build-lambda-defaults"),
    byId.get("aws-dynamo-lean-cache-primed-wrapped"),
  ];
  if (defaults && handAssembled) {
    goals.push(
      matchGoal(
        "(14) buildLambda() defaults: Init + first Duration matches (9w), the best hand-assembled row, within its interval",
        defaults,
        handAssembled,
      ),
    );
  }
  return goals;
}

/** The pairs the docs compare: [variant, against, what the comparison shows]. */
const COMPARISONS: readonly (readonly [string, string, string])[] = [
  ["aws-dynamo-lean-split", "aws-dynamo-lean", "split vs one file, lean DynamoDB handler"],
  [
    "aws-dynamo-split",
    "aws-dynamo",
    "split vs one file, DynamoDB handler with the full SDK chains",
  ],
  [
    "three-clients-split",
    "three-clients-static",
    "load on use + split vs static SDK imports, one file",
  ],
  ["three-clients-one-file", "three-clients-static", "load on use, one file vs static SDK imports"],
  ["three-clients-split", "three-clients-one-file", "load on use: split vs one file"],
  [
    "translation-api-split",
    "translation-api-tuned",
    "translation-api GET /health: split vs one file",
  ],
  [
    "translations-list-split",
    "translations-list",
    "translation-api GET /translations: split vs one file",
  ],
  [
    "translations-create-split",
    "translations-create",
    "translation-api POST /translations: split vs one file",
  ],
  ["users-api-split", "users-api-tuned", "users-api GET /users/{id}: split vs one file"],
  [
    "translations-list-split",
    "users-api-split",
    "GET /translations vs GET /users/{id}, both split",
  ],
  ["translations-list", "users-api-tuned", "GET /translations vs GET /users/{id}, both one file"],
  [
    "facade-on-use",
    "aws-dynamo-lean-split",
    "the facade of @org/aws vs the single-client handler, both lean and split",
  ],
  [
    "build-lambda-defaults",
    "aws-dynamo-lean-cache-primed-wrapped",
    "buildLambda() defaults (split) vs the same handler assembled by hand (one file)",
  ],
];

/**
 * The comparisons of {@link COMPARISONS} whose two variants this run has.
 *
 * @example `compareVariants(report.variants).map((c) => c.pair)`
 */
export function compareVariants(results: readonly VariantResult[]): Comparison[] {
  const byId = new Map(results.map((r) => [r.id, r]));
  const comparisons: Comparison[] = [];
  for (const [id, againstId, what] of COMPARISONS) {
    const [a, b] = [byId.get(id), byId.get(againstId)];
    if (!a || !b) continue;
    comparisons.push({
      pair: `${a.tag} vs ${b.tag}`,
      what,
      coldTotal: {
        ratio: a.coldTotalMs.median / b.coldTotalMs.median,
        interval: medianRatioInterval(colds(a), colds(b)),
      },
      initDuration: {
        ratio: a.initDurationMs.median / b.initDurationMs.median,
        interval: medianRatioInterval(inits(a), inits(b)),
      },
      maxMemoryUsedMb: [a.maxMemoryUsedMb.median, b.maxMemoryUsedMb.median],
    });
  }
  return comparisons;
}

/**
 * The report as markdown: the machine and command, one table, the comparisons, the goals.
 *
 * @example `console.log(toMarkdown(report))`
 */
export function toMarkdown(report: ColdStartReport): string {
  const { machine, options } = report;
  const lines = [
    `Measured ${report.date.slice(0, 10)} on ${machine.cpus} cores (${machine.cpuModel}), ${machine.memoryGb} GB, Node.js ${machine.node.replace(/^v/, "")}, ${machine.platform}.`,
    `Command: \`${report.command}\`; ${options.samples} cold starts per variant after ${options.warmupRounds} warm-up round(s), interleaved; ${options.memoryMb} MB functions.`,
    "Times: median / p90. Ratios: median over the median of (2) in this run. Init above (1): Init Duration minus the empty handler's, the part a bundle adds to the runtime's own start. Init + first: per sample, what the first caller waits for.",
    "",
    "| variant | bundle raw (gzip) | size vs (2) | Init Duration ms | Init vs (2) | Init above (1) vs (2) | first Duration ms | Init + first ms | vs (2) | warm Duration ms | Max Memory Used MB |",
    "| --- | --: | --: | --: | --: | --: | --: | --: | --: | --: | --: |",
  ];
  const floor = report.variants.find((r) => r.id === "empty")?.initDurationMs.median;
  const baseline = report.variants.find((r) => r.id === report.baseline)?.initDurationMs.median;
  for (const r of report.variants) {
    const vs = r.vsBaseline;
    const aboveFloor =
      floor !== undefined && baseline !== undefined && r.id !== "empty"
        ? `${fixed((r.initDurationMs.median - floor) / (baseline - floor), 2)}x`
        : "";
    const cells = [
      `${r.tag} ${r.label}`,
      bundleCell(r.bundle),
      vs ? `${fixed(vs.bytes, 2)}x` : "",
      cell(r.initDurationMs),
      vs ? `${fixed(vs.initDuration, 2)}x` : "",
      aboveFloor,
      cell(r.firstDurationMs),
      cell(r.coldTotalMs),
      vs ? `${fixed(vs.coldTotal, 2)}x` : "",
      cell(r.warmDurationMs),
      cell(r.maxMemoryUsedMb, 0),
    ];
    lines.push(`| ${cells.join(" | ")} |`);
  }
  if (report.comparisons.length > 0) {
    lines.push(
      "",
      "| comparison | what | Init + first (95% interval) | Init (95% interval) | Max Memory Used MB |",
      "| --- | --- | --: | --: | --: |",
    );
    for (const c of report.comparisons) {
      const ratio = (r: Comparison["coldTotal"]) =>
        `${fixed(r.ratio, 3)}x (${fixed(r.interval[0], 2)}-${fixed(r.interval[1], 2)})`;
      lines.push(
        `| ${c.pair} | ${c.what} | ${ratio(c.coldTotal)} | ${ratio(c.initDuration)} | ${c.maxMemoryUsedMb.map((m) => fixed(m, 0)).join(" / ")} |`,
      );
    }
  }
  if (report.goals.length > 0) {
    lines.push("", "| goal | result | measured |", "| --- | --- | --- |");
    for (const g of report.goals)
      lines.push(`| ${g.goal} | ${g.met ? "met" : "missed"} | ${g.measured} |`);
  }
  return `${lines.join("\n")}\n`;
}

/** Size on disk (gzip), the compile cache, and for a split bundle its entry, chunks and start. */
function bundleCell(bundle: VariantResult["bundle"]): string {
  let cell = `${bytes(bundle.bytes)} (${bytes(bundle.gzipBytes)})`;
  if (bundle.compileCacheBytes) cell += ` + cache ${bytes(bundle.compileCacheBytes)}`;
  const { split } = bundle;
  if (split) {
    cell += `; entry ${bytes(split.entryBytes)} + ${split.chunks} chunks, ${bytes(split.startBytes)} read at start`;
  }
  return cell;
}

const fixed = (value: number, digits: number) =>
  Number.isFinite(value) ? value.toFixed(digits) : "n/a";
const cell = (s: Summary, digits = 1) => `${fixed(s.median, digits)} / ${fixed(s.p90, digits)}`;
const bytes = (n: number) => `${n.toLocaleString("en-US")} B`;
const signed = (n: number) => `${n >= 0 ? "+" : ""}${n.toLocaleString("en-US")}`;
const percent = (n: number) => `${(n * 100).toFixed(1)}%`;
