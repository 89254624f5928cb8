import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { repoRoot } from "./workspace";

interface Step {
  uses?: string;
  run?: string;
  with?: Record<string, unknown>;
  env?: Record<string, string>;
}

const workflow = parse(readFileSync(join(repoRoot, ".github/workflows/release.yml"), "utf8"));
const steps: Step[] = workflow.jobs.release.steps;
const rootScripts = JSON.parse(readFileSync(join(repoRoot, "package.json"), "utf8")).scripts;

describe("the release workflow", () => {
  it("runs on pushes to main, one run at a time", () => {
    expect(workflow.on.push.branches).toEqual(["main"]);
    expect(workflow.concurrency).toBeTruthy();
  });

  it("installs with the pinned pnpm, from the lockfile, on the Node.js of .nvmrc (24), and tests first", () => {
    expect(
      steps.find((s) => s.uses?.startsWith("actions/setup-node"))?.with?.["node-version-file"],
    ).toBe(".nvmrc");
    expect(readFileSync(join(repoRoot, ".nvmrc"), "utf8").trim()).toBe("24");
    expect(steps.some((s) => s.run?.includes("pnpm@12.4.2"))).toBe(true);
    expect(steps.some((s) => s.run === "pnpm install --frozen-lockfile")).toBe(true);
    const testIndex = steps.findIndex((s) => s.run === "bash .ci/run");
    const releaseIndex = steps.findIndex((s) => s.uses?.startsWith("changesets/action"));
    expect(testIndex).toBeGreaterThan(-1);
    expect(testIndex).toBeLessThan(releaseIndex);
  });

  it("versions and publishes with changesets/action through the root scripts", () => {
    const release = steps.find((s) => s.uses?.startsWith("changesets/action@"));
    expect(release?.with).toMatchObject({
      version: "pnpm version-packages",
      publish: "pnpm release",
    });
    expect(release?.env).toMatchObject({
      GITHUB_TOKEN: expect.any(String),
      NPM_TOKEN: expect.any(String),
    });
    expect(rootScripts["version-packages"]).toBe("changeset version");
    expect(rootScripts.release).toMatch(/build.*changeset publish/);
  });

  it("may write releases and pull requests, and sign provenance", () => {
    expect(workflow.permissions).toMatchObject({
      contents: "write",
      "pull-requests": "write",
      "id-token": "write",
    });
  });
});
