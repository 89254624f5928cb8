import { type SpawnSyncReturns, spawnSync } from "node:child_process";
import {
  copyFileSync,
  existsSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { stripVTControlCharacters } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { repoRoot } from "./workspace";

// `pnpm gen function` in a copy of the repo: the files git knows (committed or not, ignored
// ones left out), its own node_modules installed from pnpm's store, then the new app's
// checks and the CDK app's synth, exactly as a user runs them after generating.

const NAME = "orders-api";
const STACK = "apps/infra/lib/lambda-apps-stack.ts";
const INFRA_MANIFEST = "apps/infra/package.json";

/** pnpm: the one on PATH when it is the repo's version (under scripts/pnpm), else scripts/pnpm. */
function pnpmCommand(): string {
  const manifest = JSON.parse(readFileSync(join(repoRoot, "package.json"), "utf8"));
  const wanted = String(manifest.packageManager).replace(/^pnpm@/, "");
  const onPath = spawnSync("pnpm", ["--version"], { encoding: "utf8" });
  return onPath.status === 0 && onPath.stdout.trim() === wanted
    ? "pnpm"
    : join(repoRoot, "scripts/pnpm");
}

/** Copies the files of the repo at `from` that git tracks or would track into `to`. */
function copyRepo(from: string, to: string): number {
  const listed = spawnSync(
    "git",
    ["ls-files", "-z", "--cached", "--others", "--exclude-standard"],
    { cwd: from, encoding: "utf8" },
  );
  if (listed.status !== 0) throw new Error(`git ls-files failed: ${listed.stderr}`);
  let copied = 0;
  for (const file of listed.stdout.split("\0")) {
    const source = join(from, file);
    // Deleted in the working tree but still in the index: not part of the repo as it is.
    if (file === "" || !existsSync(source) || !lstatSync(source).isFile()) continue;
    mkdirSync(dirname(join(to, file)), { recursive: true });
    copyFileSync(source, join(to, file));
    copied += 1;
  }
  return copied;
}

/** Every file under `dir` (node_modules left out), with its content. */
function snapshot(dir: string, files: Record<string, string> = {}, base = dir) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory() && entry.name !== "node_modules") snapshot(path, files, base);
    else if (entry.isFile()) files[path.slice(base.length + 1)] = readFileSync(path, "utf8");
  }
  return files;
}

/** This process's environment without AWS or CDK settings: a synth must need none. */
function withoutAwsSettings(): NodeJS.ProcessEnv {
  return Object.fromEntries(
    Object.entries(process.env).filter(([name]) => !/^(AWS_|CDK_)/.test(name)),
  );
}

describe("pnpm gen function", () => {
  let copy = "";
  let pnpm = "";
  const timings: string[] = [];

  /** Runs a command in the copy; the result, with its output in one string. */
  function run(command: string, args: string[], env: NodeJS.ProcessEnv = process.env) {
    const started = performance.now();
    const result: SpawnSyncReturns<string> = spawnSync(command, args, {
      cwd: copy,
      encoding: "utf8",
      env: { ...env, TURBO_TELEMETRY_DISABLED: "1", FORCE_COLOR: "0", NO_COLOR: "1" },
      maxBuffer: 64 * 1024 * 1024,
    });
    timings.push(
      `${[command.split("/").at(-1), ...args].join(" ")}: ${Math.round(performance.now() - started)} ms`,
    );
    // Without colors, whatever a tool makes of FORCE_COLOR.
    const output = stripVTControlCharacters(`${result.stdout}${result.stderr}`);
    return { status: result.status, output };
  }

  /** Runs a step that must succeed; a failure shows its output. */
  function step(command: string, args: string[], env?: NodeJS.ProcessEnv): string {
    const { status, output } = run(command, args, env);
    expect(status, `${args.join(" ")} failed:\n${output.slice(-6000)}`).toBe(0);
    return output;
  }

  beforeAll(() => {
    copy = mkdtempSync(join(tmpdir(), "gen-function-"));
    pnpm = pnpmCommand();
    const copied = copyRepo(repoRoot, copy);
    expect(copied).toBeGreaterThan(100);
    // Its own node_modules, linked from pnpm's store: never the repo's (a pnpm command in the
    // copy would rewrite the state of a shared one). The lockfile is the repo's.
    step(pnpm, ["install", "--offline", "--frozen-lockfile"]);
  }, 120_000);

  // Removing a copy with its node_modules takes a while.
  afterAll(() => {
    if (copy) rmSync(copy, { recursive: true, force: true });
    console.info(`pnpm gen function, in a copy of the repo:\n  ${timings.join("\n  ")}`);
  }, 120_000);

  it.each([
    ["not kebab-case", "OrdersApi", /must be kebab-case/],
    ["too long", `a${"-b".repeat(20)}`, /at most 40 characters/],
    ["an existing app", "users-api", /"users-api" is taken: apps\/users-api already exists/],
    ["the same as an existing app's", "users", /"users" is taken: apps\/users-api/],
    ["an existing package", "aws-core", /"aws-core" is taken: packages\/aws-core/],
  ])("refuses a name %s, with one clear line, and writes nothing", (_, name, message) => {
    const before = snapshot(join(copy, "apps"));
    const { status, output } = run(process.execPath, ["scripts/gen.mjs", "function", name]);
    expect(status).not.toBe(0);
    expect(output).toMatch(message);
    expect(snapshot(join(copy, "apps"))).toEqual(before);
  });

  it("never prompts: without a name it prints its usage and fails", () => {
    const { status, output } = run(process.execPath, ["scripts/gen.mjs", "function"]);
    expect(status).toBe(2);
    expect(output).toContain("usage: pnpm gen function <name>");
  });

  it("writes an app whose lint, types and tests pass, and which cdk synth deploys", () => {
    step(pnpm, ["gen", "function", NAME]);
    const app = snapshot(join(copy, "apps", NAME));
    expect(Object.keys(app).sort()).toEqual([
      "package.json",
      "src/api.ts",
      "src/handler.ts",
      "src/item.ts",
      "test/handler.test.ts",
      "tsconfig.json",
      "turbo.json",
      "vitest.config.ts",
    ]);
    // Built like the sample apps: the same turbo settings as users-api's.
    expect(JSON.parse(app["turbo.json"] ?? "")).toEqual(
      JSON.parse(readFileSync(join(copy, "apps/users-api/turbo.json"), "utf8")),
    );
    expect(readFileSync(join(copy, STACK), "utf8")).toContain(
      `new LambdaFunction(this, "OrdersApiFunction"`,
    );
    expect(JSON.parse(readFileSync(join(copy, INFRA_MANIFEST), "utf8")).dependencies).toEqual(
      expect.objectContaining({ [`@org/${NAME}`]: "workspace:*" }),
    );

    // The new package joins the workspace: the lockfile gains it, from the store.
    step(pnpm, ["install", "--offline", "--no-frozen-lockfile"]);
    for (const pkg of [`@org/${NAME}`, "@org/infra"]) step(pnpm, ["--filter", pkg, "run", "lint"]);
    // turbo builds the packages both depend on first (typecheck needs their dist/). It
    // reads the repo's own turbo cache, never writes it: after the repo's `pnpm run
    // typecheck` (as in `pnpm test`) the packages' builds are hits.
    step(pnpm, [
      "exec",
      "turbo",
      "run",
      "typecheck",
      `--filter=@org/${NAME}`,
      "--filter=@org/infra",
      `--cache-dir=${join(repoRoot, ".turbo/cache")}`,
      "--cache=local:r",
    ]);
    const tests = step(pnpm, ["--filter", `@org/${NAME}`, "run", "test"]);
    expect(tests).toMatch(/Tests\s+6 passed/);

    // The CDK app's own synth script, offline: no version check, notices or credentials.
    step(pnpm, ["--filter", "@org/infra", "run", "synth", "--quiet", "--no-notices"], {
      ...withoutAwsSettings(),
      CDK_DISABLE_VERSION_CHECK: "1",
      CDK_DISABLE_CLI_TELEMETRY: "true",
      AWS_EC2_METADATA_DISABLED: "true",
    });
    const template = JSON.parse(
      readFileSync(join(copy, "apps/infra/cdk.out/LambdaApps.template.json"), "utf8"),
    ) as { Resources: Record<string, { Type: string; Properties: Record<string, unknown> }> };
    const resources = Object.values(template.Resources);
    const fn = resources.find(
      (r) => r.Type === "AWS::Lambda::Function" && r.Properties.Description === NAME,
    );
    expect(fn?.Properties).toEqual(
      expect.objectContaining({ Handler: "index.handler", Architectures: ["arm64"] }),
    );
    expect(
      resources
        .filter((r) => r.Type === "AWS::ApiGatewayV2::Route")
        .map((r) => r.Properties.RouteKey),
    ).toContain(`GET /${NAME}/items/{id}`);
  }, 300_000);
});
