import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { fixtureHandler } from "./support";

// The published builds, ES module and CommonJS, each find the build worker beside them
// (dist/build-worker.js) and build a function. Needs `pnpm --filter @org/aws-cdk build`
// (the repo's `pnpm test` lints, and so builds, first).
const dist = fileURLToPath(new URL("../dist/", import.meta.url));
const built = existsSync(join(dist, "index.js")) && existsSync(join(dist, "index.cjs"));
const out = mkdtempSync(join(tmpdir(), "aws-cdk-dist-"));
afterAll(() => rmSync(out, { recursive: true, force: true }));

function synthWith(format: "esm" | "cjs"): string[] {
  const outdir = join(out, format);
  const body = `
    const app = new App({ outdir: ${JSON.stringify(outdir)}, builtinCloudFormationValidation: false });
    const stack = new Stack(app, "Test");
    new LambdaFunction(stack, "Fn", {
      entry: ${JSON.stringify(fixtureHandler)},
      architecture: Architecture.X86_64,
      build: { compileCache: false },
    });
    app.synth();`;
  const script =
    format === "esm"
      ? `import { App, Stack } from "aws-cdk-lib";
         import { Architecture } from "aws-cdk-lib/aws-lambda";
         import { LambdaFunction } from ${JSON.stringify(join(dist, "index.js"))};${body}`
      : `const { App, Stack } = require("aws-cdk-lib");
         const { Architecture } = require("aws-cdk-lib/aws-lambda");
         const { LambdaFunction } = require(${JSON.stringify(join(dist, "index.cjs"))});${body}`;
  const run = spawnSync(
    process.execPath,
    [format === "esm" ? "--input-type=module" : "--input-type=commonjs", "-e", script],
    { cwd: join(dist, ".."), encoding: "utf8" },
  );
  expect(run.status, run.stderr).toBe(0);
  const asset = readdirSync(outdir).find((file) => file.startsWith("asset."));
  return asset ? readdirSync(join(outdir, asset)).sort() : [];
}

describe.runIf(built)("the published builds", () => {
  it.each(["esm", "cjs"] as const)("%s: builds a function with the worker beside it", (format) => {
    expect(synthWith(format)).toEqual(["index.mjs", "start-node.sh"]);
  });
});
