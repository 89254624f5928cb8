import { execFile } from "node:child_process";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";

const run = promisify(execFile);
const demoDir = fileURLToPath(new URL("..", import.meta.url));

describe("pnpm demo", () => {
  it("runs the whole journey, prints REPORT lines with Init Duration and the timings table, exits 0", async () => {
    const { stdout } = await run(`${demoDir}/node_modules/.bin/tsx`, ["src/demo.ts"], {
      cwd: demoDir,
      timeout: 180_000,
      maxBuffer: 10 * 1024 * 1024,
    });
    expect(stdout).toMatch(
      /REPORT RequestId: \S+\tDuration: [\d.]+ ms\t.*Init Duration: [\d.]+ ms/,
    );
    expect(stdout).toMatch(/translation-api\s+1\s+[\d.]+ ms/);
    expect(stdout).toContain("Every step answered as expected.");
    // Progress while the stand-ins start: what, then how long it took.
    for (const what of ["DynamoDB Local (Java)", "cognito-local", "the local Bedrock Runtime"]) {
      expect(stdout).toContain(`Starting ${what}...`);
      expect(stdout).toMatch(new RegExp(`${what.replace(/[()]/g, "\\$&")} ready in [\\d.]+ s`));
    }
    expect(stdout).not.toContain("FAILED");
  }, 200_000);
});
