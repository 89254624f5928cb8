import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { toMarkdown } from "./src/report";
import { runColdStartBenchmark } from "./src/run-cold-start";
import { VARIANTS } from "./src/variants";

const outDir = mkdtempSync(join(tmpdir(), "cold-start-"));
afterAll(() => rmSync(outDir, { recursive: true, force: true }));

describe("pnpm bench --quick", () => {
  it("measures every variant on fresh containers and reports numbers for each", async () => {
    const report = await runColdStartBenchmark({
      samples: 2,
      warmupRounds: 0,
      bundleDir: join(outDir, "bundles"),
      runtime: "nodejs24.x",
      memoryMb: 256,
      command: "pnpm bench --quick",
    });

    expect(report.variants.map((v) => v.id)).toEqual(VARIANTS.map((v) => v.id));
    const positive = expect.any(Number);
    for (const variant of report.variants) {
      expect(variant.samples, variant.id).toHaveLength(2);
      for (const summary of [
        variant.initDurationMs,
        variant.firstDurationMs,
        variant.coldTotalMs,
        variant.warmDurationMs,
        variant.maxMemoryUsedMb,
      ]) {
        expect(summary.n, variant.id).toBe(2);
        expect(Number.isFinite(summary.median) && summary.median > 0, variant.id).toBe(true);
        expect(Number.isFinite(summary.p90) && summary.p90 > 0, variant.id).toBe(true);
      }
      const source = VARIANTS.find((v) => v.id === variant.id)?.source;
      expect(variant.bundle, variant.id).toEqual({
        bytes: positive,
        gzipBytes: positive,
        compileCacheBytes: source?.compileCache ? positive : undefined,
        split: source?.splitting
          ? { entryBytes: positive, chunks: positive, startBytes: positive }
          : undefined,
      });
      // A split bundle's cold start reads the entry and some of its chunks, not all.
      const { split } = variant.bundle;
      if (split) {
        expect(split.startBytes, variant.id).toBeGreaterThan(split.entryBytes);
        expect(split.startBytes, variant.id).toBeLessThan(variant.bundle.bytes);
      }
      expect(Object.values(variant.vsBaseline ?? {}).every(Number.isFinite), variant.id).toBe(true);
    }
    // Every sample had a container of its own: a cold start each time.
    const pids = report.variants.flatMap((v) => v.samples.map((s) => s.containerPid));
    expect(new Set(pids).size).toBe(pids.length);
    expect(report.goals.map((g) => g.goal.slice(0, 4))).toEqual([
      "(3) ",
      "(3) ",
      "(4) ",
      "(7) ",
      "(7) ",
      "(9) ",
      "(9w)",
      "(9) ",
      "(10a",
      "(10b",
      "(11a",
      "(11h",
      "(12)",
      "(13)",
      "(14)",
    ]);
    // Every pair the docs compare has both its variants in a full run.
    expect(report.comparisons).toHaveLength(13);
    for (const c of report.comparisons) {
      expect(Number.isFinite(c.coldTotal.ratio) && c.coldTotal.ratio > 0, c.pair).toBe(true);
    }

    const markdown = toMarkdown(report);
    for (const variant of report.variants) expect(markdown).toContain(variant.tag);
  });
});
