import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { build, type Metafile } from "esbuild";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { InvalidConfigError } from "../../src/errors/errors";
import { writeExecWrapper } from "../../src/esbuild/exec-wrapper";
import { lambdaBuildOptions, loadedAtStart } from "../../src/esbuild/index";
import { chainPackagesIn, workspaceSources } from "./bundle-helpers";

const fixture = (name: string) => fileURLToPath(new URL(`./fixtures/${name}`, import.meta.url));
const made: string[] = [];
afterAll(() => {
  for (const dir of made) rmSync(dir, { recursive: true, force: true });
});

/** A split build with the default options into a new folder; the metafile's paths relative to it. */
async function splitBuild(entry: string, options: Parameters<typeof lambdaBuildOptions>[0] = {}) {
  const outdir = mkdtempSync(join(tmpdir(), "split-bundle-"));
  made.push(outdir);
  const result = await build({
    ...lambdaBuildOptions(options),
    entryPoints: { index: entry },
    outdir,
    alias: workspaceSources,
    metafile: true,
    logLevel: "silent",
    tsconfigRaw: "{}",
  });
  const outputs = Object.fromEntries(
    Object.entries(result.metafile.outputs).map(([path, output]) => [
      relative(outdir, path),
      output,
    ]),
  ) as Metafile["outputs"];
  // The files a cold start reads, relative to outdir as `outputs` are.
  const atStart = [
    ...loadedAtStart(result.metafile, relative(process.cwd(), join(outdir, "index.mjs"))),
  ].map((path) => relative(outdir, path));
  return { outdir, outputs, atStart: new Set(atStart) };
}

/** Runs `index.mjs` of `dir` in a process of its own and calls its handler with each event. */
function callHandler(dir: string, events: object[], command: string[] = [process.execPath]) {
  const [file, ...args] = command as [string, ...string[]];
  const run = spawnSync(
    file,
    [
      ...args,
      "--input-type=module",
      "--eval",
      `const { handler } = await import(${JSON.stringify(join(dir, "index.mjs"))});
const results = [];
for (const event of ${JSON.stringify(events)}) results.push(await handler(event));
console.log(JSON.stringify(results));`,
    ],
    { cwd: dir, env: { PATH: process.env.PATH ?? "" }, encoding: "utf8", timeout: 30_000 },
  );
  return { status: run.status, stderr: run.stderr, results: JSON.parse(run.stdout || "null") };
}

describe("lambdaBuildOptions(): split by default", () => {
  it("splits into .mjs chunks beside the entry, with the output check and the lean plugin", () => {
    const options = lambdaBuildOptions();
    expect(options).toMatchObject({
      format: "esm",
      splitting: true,
      chunkNames: "chunks/[name]-[hash]",
      outExtension: { ".js": ".mjs" },
    });
    expect(options.plugins?.map((p) => p.name)).toEqual(["lambda-split-output", "lambda-lean"]);
  });

  it("gives today's single file with splitting: false", () => {
    const options = lambdaBuildOptions({ splitting: false });
    expect(options.splitting).toBe(false);
    expect(options.chunkNames).toBeUndefined();
    expect(options.plugins?.map((p) => p.name)).toEqual(["lambda-lean"]);
  });

  it("refuses outfile while splitting, with an InvalidConfigError that names it", async () => {
    const attempt = build({
      ...lambdaBuildOptions(),
      stdin: { contents: "export const handler = async () => 1;", loader: "js" },
      outfile: join(tmpdir(), "never-written.mjs"),
      write: false,
      logLevel: "silent",
    });
    const error = await attempt.catch((e: { errors: { detail: unknown; text: string }[] }) => e);
    const detail = (error as { errors: { detail: unknown }[] }).errors[0]?.detail;
    expect(detail).toBeInstanceOf(InvalidConfigError);
    expect(detail).toMatchObject({ setting: "outfile" });
    expect((detail as Error).message).toMatch(/"outdir" in its place.*splitting: false/);
  });

  it("refuses a split build without outdir, even in memory", async () => {
    const attempt = build({
      ...lambdaBuildOptions(),
      stdin: { contents: "export const handler = async () => 1;", loader: "js" },
      write: false,
      logLevel: "silent",
    });
    await expect(attempt).rejects.toThrow(/Invalid outdir: .*a folder for the entry module/);
  });

  it("writes one file to outfile with splitting: false", async () => {
    const dir = mkdtempSync(join(tmpdir(), "single-file-"));
    made.push(dir);
    await build({
      ...lambdaBuildOptions({ splitting: false }),
      entryPoints: [fixture("split-routes-handler.ts")],
      outfile: join(dir, "index.mjs"),
      logLevel: "silent",
      tsconfigRaw: "{}",
    });
    expect(readdirSync(dir)).toEqual(["index.mjs"]);
    expect(callHandler(dir, [{ route: "lazy" }]).results).toEqual([
      { route: "lazy", greeting: "loaded on first use" },
    ]);
  });
});

describe("a split bundle", () => {
  let routes: Awaited<ReturnType<typeof splitBuild>>;
  beforeAll(async () => {
    routes = await splitBuild(fixture("split-routes-handler.ts"));
  });

  it("puts a module reached only by import() in a chunk of its own, read on first use", () => {
    const lazy = Object.keys(routes.outputs).find((path) =>
      /^chunks\/lazy-route-[A-Z0-9]+\.mjs$/.test(path),
    );
    expect(lazy).toBeDefined();
    expect(routes.outputs["index.mjs"]?.imports).toEqual([
      expect.objectContaining({
        path: expect.stringContaining("lazy-route-"),
        kind: "dynamic-import",
      }),
    ]);
    expect(callHandler(routes.outdir, [{}, { route: "lazy" }])).toEqual({
      status: 0,
      stderr: "",
      results: [{ route: "ping" }, { route: "lazy", greeting: "loaded on first use" }],
    });
  });

  it("starts through the exec wrapper from its folder of chunks", () => {
    const { path } = writeExecWrapper({ dir: routes.outdir });
    const run = callHandler(
      routes.outdir,
      [{ route: "lazy" }],
      [path, process.execPath, "--expose-gc"],
    );
    expect(run).toMatchObject({ status: 0, stderr: "" });
    expect(run.results).toEqual([{ route: "lazy", greeting: "loaded on first use" }]);
  });

  it("keeps lambdaLean()'s trim: container credentials are a chunk loaded only if used", async () => {
    const dynamo = await splitBuild(fixture("dynamo-package-handler.ts"));
    const inputs = Object.values(dynamo.outputs).flatMap((output) => Object.keys(output.inputs));
    expect(chainPackagesIn(inputs)).toEqual([]);
    const httpProvider = Object.entries(dynamo.outputs).find(([, output]) =>
      Object.keys(output.inputs).some((input) => input.includes("/credential-provider-http/")),
    )?.[0];
    expect(httpProvider).toMatch(/^chunks\//);
    expect(dynamo.atStart.has(httpProvider as string)).toBe(false);
    expect(existsSync(join(dynamo.outdir, httpProvider as string))).toBe(true);
  });
});
