import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { lambdaBuildOptions, loadedAtStart } from "@org/aws-core/esbuild";
import { build } from "esbuild";
import { describe, expect, it } from "vitest";
import { workspaceSources } from "./local";

// The recipes built as a function ships them (split, the default of lambdaBuildOptions()):
// which outputs carry STS and the SDK's credential providers, and whether a cold start reads
// them. `@org/aws-core/credentials` imports the providers with import(), on first use.
const STS_CODE = /credential-providers|nested-clients\/.*sts|client-sts/;
// In memory (`write: false`): nothing is written there.
const outdir = join(tmpdir(), "credentials-bundle");

async function splitBuild(recipe: string) {
  const { metafile } = await build({
    ...lambdaBuildOptions(),
    entryPoints: { index: fileURLToPath(new URL(`../recipes/${recipe}`, import.meta.url)) },
    outdir,
    metafile: true,
    write: false,
    plugins: [...(lambdaBuildOptions().plugins ?? []), workspaceSources],
    logLevel: "silent",
  });
  const entry = relative(process.cwd(), join(outdir, "index.mjs"));
  const atStart = loadedAtStart(metafile, entry);
  const outputs = Object.entries(metafile.outputs).map(([path, output]) => ({
    path: relative(outdir, path),
    atStart: atStart.has(path),
    stsInputs: Object.keys(output.inputs).filter((input) => STS_CODE.test(input)),
  }));
  return { inputs: Object.keys(metafile.inputs), outputs };
}

describe("a function's bundle and STS", () => {
  it("has no STS or credential provider code when it uses clients of other regions", async () => {
    const { inputs, outputs } = await splitBuild("global-table-replica.ts");
    expect(inputs.some((input) => input.endsWith("packages/aws-dynamo/src/index.ts"))).toBe(true);
    expect(inputs.filter((input) => STS_CODE.test(input))).toEqual([]);
    // No chunk of them either (the SDK's STS client would be `chunks/sts-<hash>.mjs`).
    expect(
      outputs.filter(({ path, stsInputs }) => stsInputs.length > 0 || /(^|\/)sts-/.test(path)),
    ).toEqual([]);
  });

  it.each(["cross-account-role.ts", "per-tenant-credentials.ts"])(
    "%s: has them only in chunks a cold start does not read",
    async (recipe) => {
      const { outputs } = await splitBuild(recipe);
      const withSts = outputs.filter(({ stsInputs }) => stsInputs.length > 0);
      // Both the provider (`fromTemporaryCredentials`) and the STS client it imports.
      const sts = withSts.flatMap(({ stsInputs }) => stsInputs);
      expect(sts.some((input) => input.includes("/credential-providers/"))).toBe(true);
      expect(sts.some((input) => /nested-clients\/.*sts|client-sts/.test(input))).toBe(true);
      const readAtStart = withSts.filter(
        ({ path, atStart }) => atStart || !path.startsWith("chunks/"),
      );
      expect(readAtStart).toEqual([]);
    },
  );
});
