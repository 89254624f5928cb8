// The cold-start benchmark: `pnpm bench` (20 cold starts per variant) or `pnpm bench --quick`
// (2 per variant, for CI). Prints a markdown table and writes reports/cold-start[-quick]-node<N>.{json,md}.
// Options: --samples N, --warmup N, --variants id,id (the baseline is always run),
// --memory MB (default 256), --node 22|24 (the functions' Lambda runtime, default 24),
// --out <folder> (default reports).
import { mkdirSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { parseArgs } from "node:util";
import { repoPath } from "./src/paths";
import { toMarkdown } from "./src/report";
import { runColdStartBenchmark } from "./src/run-cold-start";

const { values } = parseArgs({
  options: {
    quick: { type: "boolean", default: false },
    samples: { type: "string" },
    warmup: { type: "string" },
    variants: { type: "string" },
    memory: { type: "string", default: "256" },
    node: { type: "string", default: "24" },
    out: { type: "string", default: repoPath("reports") },
  },
});

const positive = (name: string, value: string | undefined, fallback: number, min = 1) => {
  const n = value === undefined ? fallback : Number(value);
  if (!Number.isInteger(n) || n < min) throw new Error(`--${name} must be an integer >= ${min}`);
  return n;
};
const samples = positive("samples", values.samples, values.quick ? 2 : 20);
const warmupRounds = positive("warmup", values.warmup, values.quick ? 0 : 1, 0);
if (values.node !== "22" && values.node !== "24") throw new Error("--node must be 22 or 24");
const runtime = `nodejs${values.node}.x` as const;
const outDir = resolve(values.out);
const name = `${values.quick ? "cold-start-quick" : "cold-start"}-node${values.node}`;
const command = ["pnpm bench", ...process.argv.slice(2)].join(" ");

const report = await runColdStartBenchmark({
  samples,
  warmupRounds,
  variants: values.variants
    ?.split(",")
    .map((v) => v.trim())
    .filter(Boolean),
  bundleDir: join(outDir, `${name}-bundles`),
  runtime,
  memoryMb: positive("memory", values.memory, 256, 128),
  command,
  progress: (line) => process.stderr.write(`${line}\n`),
});

const markdown = toMarkdown(report);
mkdirSync(outDir, { recursive: true });
writeFileSync(join(outDir, `${name}.json`), `${JSON.stringify(report, null, 2)}\n`);
writeFileSync(join(outDir, `${name}.md`), markdown);
process.stdout.write(markdown);
process.stderr.write(`wrote ${join(outDir, `${name}.json`)} and ${name}.md\n`);
// Idle keep-alive sockets of the client that created the benchmark's user: nothing to wait for.
process.exit(0);
