import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { type BuildResult, build, type Plugin } from "esbuild";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

// `@aws-sdk/client-bedrock-runtime` is an optional peer: an app that never calls a model
// bundles this package's main entry without it. Here esbuild looks for the SDK under a name
// that is not installed (a real "could not resolve"), which it tolerates because the client
// imports it with `import(...).catch(...)`; the bundle then runs in a directory with no
// node_modules, where the first use must say which package to install.
const packageDir = fileURLToPath(new URL("../../", import.meta.url));
const coreSrc = fileURLToPath(new URL("../../../aws-core/src/", import.meta.url));
const SDK = "@aws-sdk/client-bedrock-runtime";

const entry = `
import { bedrock, converse } from "./src/index.ts";

const report = (error) => ({ name: error.name, kind: error.kind, message: error.message });
const out = {};
try { bedrock.client; } catch (error) { out.client = report(error); }
out.converse = await converse({ modelId: "m", prompt: "hi" }).then(() => "answered", report);
out.get = await bedrock.get().then(() => "created", report);
console.log(JSON.stringify(out));
`;

// @org/aws-core from its sources, as the tests use it (no build needed).
const coreFromSource: Plugin = {
  name: "core-from-source",
  setup(b) {
    b.onResolve({ filter: /^@org\/aws-core(\/.+)?$/ }, ({ path }) => ({
      path: `${coreSrc}${path === "@org/aws-core" ? "" : `${path.slice("@org/aws-core/".length)}/`}index.ts`,
    }));
  },
};

let result: BuildResult<{ write: false; metafile: true }>;
let dir: string;

beforeAll(async () => {
  result = await build({
    stdin: { contents: entry, resolveDir: packageDir, sourcefile: "entry.mjs", loader: "js" },
    bundle: true,
    format: "esm",
    platform: "node",
    target: "node22",
    write: false,
    metafile: true,
    outfile: "bundle.mjs",
    logLevel: "silent",
    tsconfigRaw: "{}",
    // Not installed: esbuild fails to resolve it as it would in an app without the SDK.
    alias: { [SDK]: "@org/not-installed-client-bedrock-runtime" },
    plugins: [coreFromSource],
  });
  dir = mkdtempSync(join(tmpdir(), "bedrock-without-sdk-"));
});
afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe("the main entry without @aws-sdk/client-bedrock-runtime", () => {
  it("bundles with esbuild: no error, the SDK left as an import that may fail", () => {
    expect(result.errors).toEqual([]);
    const [output] = result.outputFiles;
    expect(output?.text).toContain(`import("${SDK}")`);
    const inputs = Object.keys(result.metafile.inputs);
    expect(inputs.some((input) => input.includes("client-bedrock-runtime"))).toBe(false);
    expect(inputs.some((input) => input.includes("aws-bedrock/src/client"))).toBe(true);
  });

  it("runs, and the first use names the package to install", () => {
    const file = join(dir, "bundle.mjs");
    writeFileSync(file, result.outputFiles[0]?.text ?? "");
    const { NODE_PATH: _, ...env } = process.env;
    const stdout = execFileSync(process.execPath, [file], {
      cwd: dir,
      encoding: "utf8",
      env: { ...env, AWS_REGION: "us-east-1" },
    });
    const out = JSON.parse(stdout);
    // Before a load, `client` says to await get().
    expect(out.client).toMatchObject({
      name: "AwsCoreError",
      message: expect.stringMatching(/get\(\)/),
    });
    for (const failure of [out.converse, out.get]) {
      expect(failure).toMatchObject({ kind: "internal" });
      expect(failure.message).toContain(`needs ${SDK}: install it (npm install ${SDK})`);
    }
  });
});
