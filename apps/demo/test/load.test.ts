import { describe, expect, it } from "vitest";
import { dataCheckProblems } from "../src/load/data-check";
import { loadTable } from "../src/load/load-table";
import { runLoad } from "../src/load/run-load";

// The CI variant of `pnpm load`: seconds, not minutes. The full one is the command.
describe("pnpm load, short", () => {
  it("serves concurrent users without a server error, and loses no acknowledged write", async () => {
    const report = await runLoad({ levels: [1, 6], durationSeconds: 2, reservedConcurrency: 3 });

    expect(report.levels.map((l) => l.connections)).toEqual([1, 6]);
    for (const level of report.levels) {
      expect(level.requests, `${level.connections} connections`).toBeGreaterThan(0);
      expect(level.coldStarts).toBeGreaterThan(0);
      expect(level.peakMemoryMb).toBeGreaterThan(0);
      const { p50, p95, p99 } = level.latencyMs;
      expect(p50).toBeGreaterThan(0);
      expect(p50 <= p95 && p95 <= p99).toBe(true);
      // Every container was sampled at the end: its memory, and at most a socket or two to
      // DynamoDB (one request at a time per container, over a kept-alive connection).
      const last = level.samples.at(-1);
      expect(last?.containers.length).toBeGreaterThan(0);
      expect(last?.containers.every((c) => c.rssMb > 0)).toBe(true);
      expect(level.resources.maxDynamoSocketsPerContainer).toBeLessThanOrEqual(2);
      // Throttling (429) and refusals are answers; a 5xx or a dropped connection is not.
      expect(Object.keys(level.statuses).filter((code) => code.startsWith("5"))).toEqual([]);
      expect(level.errors).toBe(0);
    }
    // Every user with an acknowledged write was read back, and nothing of it was lost.
    expect(report.dataCheck.usersWritten).toBeGreaterThan(0);
    expect(report.dataCheck.usersChecked).toBe(report.dataCheck.usersWritten);
    expect(dataCheckProblems(report.dataCheck)).toEqual([]);
    expect(report.dataCheck.profileWrites).toBeGreaterThan(0);
    expect(report.dataCheck.translations).toBeGreaterThan(0);
    expect(report.dataCheck.versionProblems).toEqual([]);
    expect(report.dataCheck.sharedPasses).toBe(0);
    expect(report.dataCheck.missingProfiles).toEqual([]);
    expect(report.dataCheck.missingTranslations).toEqual([]);
    expect(loadTable(report)).toContain("no version skipped or repeated");
  }, 180_000);
});
