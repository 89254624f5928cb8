import { execFileSync, spawnSync } from "node:child_process";
import {
  chmodSync,
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  renameSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { COMPILE_CACHE_DIR, writeCompileCache } from "../../src/esbuild/compile-cache";
import { lambdaBuildOptions, lambdaLean } from "../../src/esbuild/index";
import { bundle, workspaceSources } from "./bundle-helpers";

const handlerFile = fileURLToPath(new URL("./fixtures/dynamo-package-handler.ts", import.meta.url));
const splitRoutesFile = fileURLToPath(
  new URL("./fixtures/split-routes-handler.ts", import.meta.url),
);
const [major, minor] = process.versions.node.split(".").map(Number) as [number, number];
// Portable caches (keys relative to the cache folder) came with Node.js 24.12: the tests
// that start the loader on the Node.js that made the cache skip on older ones.
const portable = major > 24 || (major === 24 && minor >= 12);
// Root ignores file modes: the functions run as another user, as in Lambda.
const asRoot = process.getuid?.() === 0;
const RUN_AS = asRoot ? 65534 : (process.getuid?.() ?? 0);

let code = "";
let node = process.execPath;
// The Node.js that makes the caches: this one where it can (24.12+), else a Node.js 24.
let maker = process.execPath;
let makerVersion = process.versions.node;
const made: string[] = [];

/** A Node.js where the user the functions run as can execute it (root's home is closed). */
function runnable(binary: string): string {
  if (!asRoot) return binary;
  const dir = mkdtempSync(join(tmpdir(), "compile-cache-node-"));
  made.push(dir);
  chmodSync(dir, 0o755);
  const copy = join(dir, "node");
  cpSync(binary, copy);
  chmodSync(copy, 0o755);
  return copy;
}

function bundleFolder(): string {
  const dir = mkdtempSync(join(tmpdir(), "compile-cache-"));
  made.push(dir);
  writeFileSync(join(dir, "handler.mjs"), code);
  return dir;
}

/** A split build (the default) of the two-route handler: handler.mjs and chunks/. */
async function splitBundleFolder(): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), "compile-cache-split-"));
  made.push(dir);
  await build({
    ...lambdaBuildOptions(),
    entryPoints: { handler: splitRoutesFile },
    outdir: dir,
    alias: workspaceSources,
    logLevel: "silent",
    tsconfigRaw: "{}",
  });
  return dir;
}

/** Calls the handler's route that imports its chunk on first use. */
const CALL_LAZY_ROUTE = `console.log(JSON.stringify(await m.handler({ route: "lazy" })));`;
const LAZY_ANSWER = JSON.stringify({ route: "lazy", greeting: "loaded on first use" });

/** A deployed copy: another path, nothing writable, as /var/task is. */
function deploy(dir: string): string {
  const target = mkdtempSync(join(tmpdir(), "compile-cache-task-"));
  made.push(target);
  chmodSync(target, 0o755);
  cpSync(dir, target, { recursive: true });
  lockDown(target);
  return target;
}

function lockDown(path: string): void {
  const entries = readdirSync(path, { withFileTypes: true });
  for (const entry of entries) {
    if (entry.isDirectory()) lockDown(join(path, entry.name));
    else chmodSync(join(path, entry.name), 0o444);
  }
  chmodSync(path, 0o555);
}

/** A start that compiled as usual: no cache used, nothing printed, the handler loaded. */
const IGNORED_WITHOUT_ERROR = {
  status: 0,
  stdout: "function",
  accepted: false,
  acceptedChunks: [],
  otherOutput: [],
};

/**
 * Starts the loader like Lambda's bootstrap would, and reports what Node said of the cache;
 * `then` runs after the import, with the module as `m` (default: prints the handler's type).
 */
function start(dir: string, binary = node, then = "console.log(typeof m.handler);") {
  const run = spawnSync(
    binary,
    [
      "--expose-gc",
      "--input-type=module",
      "--eval",
      `const m = await import(${JSON.stringify(join(dir, "index.mjs"))}); ${then}`,
    ],
    {
      env: {
        PATH: process.env.PATH ?? "",
        AWS_REGION: "us-east-1",
        NODE_DEBUG_NATIVE: "COMPILE_CACHE",
      },
      cwd: dir,
      encoding: "utf8",
      uid: RUN_AS,
      timeout: 30_000,
    },
  );
  if (run.error) throw run.error;
  const lines = run.stderr.split("\n");
  const acceptedFor = (file: string) =>
    lines.some((line) => line.includes(file) && line.includes("was accepted"));
  return {
    status: run.status,
    stdout: run.stdout.trim(),
    accepted: acceptedFor("handler.mjs"),
    /** The chunks whose cache Node accepted. */
    acceptedChunks: lines
      .filter((line) => line.includes("was accepted"))
      .map((line) => /chunks\/[^\s]+\.mjs/.exec(line)?.[0])
      .filter((chunk) => chunk !== undefined),
    // Anything Node printed besides its debug lines.
    otherOutput: run.stderr
      .split("\n")
      .filter((line) => line && !line.startsWith("[compile cache]")),
  };
}

/** This Node.js if its major is `wanted`, else that major's from the npm registry. */
function nodeOfMajor(wanted: number): string {
  if (major === wanted) return process.execPath;
  return execFileSync(
    "npx",
    ["--yes", "-p", `node@${wanted}`, "--", "node", "-p", "process.execPath"],
    {
      encoding: "utf8",
    },
  ).trim();
}

describe("writeCompileCache()", () => {
  beforeAll(async () => {
    code = (await bundle({ file: handlerFile }, [lambdaLean()])).code;
    node = runnable(process.execPath);
    maker = portable ? process.execPath : nodeOfMajor(24);
    makerVersion = execFileSync(maker, ["-p", "process.versions.node"], {
      encoding: "utf8",
    }).trim();
  }, 120_000);
  afterAll(() => {
    for (const dir of made) {
      execFileSync("chmod", ["-R", "u+w", dir]);
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("writes the loader and one cache folder named for the runtime and its user", async () => {
    const dir = bundleFolder();
    const result = await writeCompileCache({ dir, uid: RUN_AS, node: maker });
    expect(result.nodeVersion).toBe(makerVersion);
    expect(result.directory).toMatch(
      new RegExp(`${COMPILE_CACHE_DIR}/v${makerVersion}-${process.arch}-[0-9a-f]+-${RUN_AS}$`),
    );
    expect(result.bytes).toBeGreaterThan(10_000);
    expect(existsSync(join(dir, "index.mjs"))).toBe(true);
  }, 60_000);

  it.skipIf(!portable)(
    "is used from another path and a read-only folder, by the same Node.js",
    async () => {
      const dir = bundleFolder();
      await writeCompileCache({ dir, uid: RUN_AS });
      const run = start(deploy(dir));
      expect(run).toMatchObject({ status: 0, stdout: "function", accepted: true, otherOutput: [] });
    },
    60_000,
  );

  it("is ignored without error by another Node.js version (made by 24, started on 22)", async () => {
    const dir = bundleFolder();
    await writeCompileCache({ dir, uid: RUN_AS, node: nodeOfMajor(24) });
    const run = start(deploy(dir), runnable(nodeOfMajor(22)));
    expect(run).toMatchObject(IGNORED_WITHOUT_ERROR);
  }, 180_000);

  it.skipIf(!portable)(
    "is ignored without error when V8 refuses its data",
    async () => {
      // A cache made without Lambda's --expose-gc, put where the runtime's cache belongs.
      const dir = bundleFolder();
      const expected = await writeCompileCache({ dir, uid: RUN_AS });
      rmSync(expected.directory, { recursive: true });
      const foreign = await writeCompileCache({ dir, uid: RUN_AS, nodeFlags: [] });
      renameSync(foreign.directory, expected.directory);
      const run = start(deploy(dir));
      expect(run).toMatchObject(IGNORED_WITHOUT_ERROR);
    },
    60_000,
  );

  it("refuses to make a cache with a Node.js older than 24.12", async () => {
    const dir = bundleFolder();
    await expect(writeCompileCache({ dir, node: nodeOfMajor(22) })).rejects.toThrow(
      /cannot make a cache that works at another path; use 24.12 or later/,
    );
  }, 180_000);

  it.skipIf(!portable)(
    "is ignored without error when made with other V8 flags",
    async () => {
      const dir = bundleFolder();
      await writeCompileCache({ dir, uid: RUN_AS, nodeFlags: [] });
      const run = start(deploy(dir));
      expect(run).toMatchObject(IGNORED_WITHOUT_ERROR);
    },
    60_000,
  );

  // By default the chunk a route imports on first use is cached too; `chunks: false` leaves
  // it to compile as usual. Either way the route answers, without a word on stderr.
  it.skipIf(!portable).each([
    {
      chunks: undefined,
      cached: 1,
      what: "covers a split bundle's chunks, the one imported on first use included",
    },
    {
      chunks: false,
      cached: 0,
      what: "leaves a split bundle's chunks to compile as usual with chunks: false",
    },
  ])(
    "$what",
    async ({ chunks, cached }) => {
      const dir = await splitBundleFolder();
      const [lazyChunk] = readdirSync(join(dir, "chunks"));
      expect(lazyChunk).toMatch(/^lazy-route-.*\.mjs$/);
      const result = await writeCompileCache({
        dir,
        uid: RUN_AS,
        ...(chunks === false && { chunks }),
      });
      expect(result.chunks).toBe(cached);
      const run = start(deploy(dir), node, CALL_LAZY_ROUTE);
      expect(run).toMatchObject({
        status: 0,
        stdout: LAZY_ANSWER,
        accepted: true,
        acceptedChunks: cached ? [`chunks/${lazyChunk}`] : [],
        otherOutput: [],
      });
    },
    60_000,
  );

  it("names a chunk that throws when imported on its own, and goes on", async () => {
    const dir = await splitBundleFolder();
    writeFileSync(join(dir, "chunks", "broken.mjs"), 'throw new Error("boom at import");\n');
    const result = await writeCompileCache({ dir, uid: RUN_AS, node: maker });
    expect(result.chunks).toBe(1);
    expect(result.chunksFailed).toEqual({ [join("chunks", "broken.mjs")]: "boom at import" });
  }, 60_000);

  it("imports no module of the folder's node_modules, and no .js file", async () => {
    const dir = await splitBundleFolder();
    const marker = join(dir, "imported");
    const leaveMark = `import { writeFileSync } from "node:fs"; writeFileSync(${JSON.stringify(marker)}, "");\n`;
    mkdirSync(join(dir, "node_modules", "native"), { recursive: true });
    writeFileSync(join(dir, "node_modules", "native", "index.mjs"), leaveMark);
    writeFileSync(join(dir, "tool.js"), leaveMark);
    const result = await writeCompileCache({ dir, uid: RUN_AS, node: maker });
    expect(result.chunks).toBe(1);
    expect(existsSync(marker)).toBe(false);
  }, 60_000);

  it("refuses a bundle that lacks the exports the loader passes on", async () => {
    const dir = bundleFolder();
    await expect(
      writeCompileCache({ dir, node: maker, exports: ["handler", "other"] }),
    ).rejects.toThrow("handler.mjs does not export other");
  }, 60_000);
});
