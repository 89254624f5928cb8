import { mkdtempSync, realpathSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { type BuildOptions, build, type Metafile, type Plugin } from "esbuild";
import { lambdaBuildOptions } from "../../src/esbuild/index";

const repoRoot = fileURLToPath(new URL("../../../../", import.meta.url));
const packagesDir = join(repoRoot, "packages");

/**
 * The real folder of an SDK package installed in the workspace: a stand-in's imports must
 * resolve from inside the store, where the package's own dependencies sit beside it.
 */
export function sdkPackageDir(name: string): string {
  const require = createRequire(join(repoRoot, "package.json"));
  return realpathSync(dirname(require.resolve(`${name}/package.json`)));
}

/** Workspace packages from their sources, as the tests import them. */
export const workspaceSources = {
  "@org/aws-core": join(packagesDir, "aws-core/src/index.ts"),
  "@org/aws-core/internal": join(packagesDir, "aws-core/src/internal/index.ts"),
  "@org/aws-dynamo": join(packagesDir, "aws-dynamo/src/index.ts"),
};

export interface Bundle {
  readonly code: string;
  readonly bytes: number;
  readonly metafile: Metafile;
  /** Every module esbuild read, tree-shaken or not. */
  readonly inputs: string[];
}

/**
 * Lambda's bundle settings (minified ESM for Node.js 22+, the SDK's ESM build), in memory, as
 * one file (`splitting: false`): the tests read the whole bundle's code and inputs.
 */
export async function bundle(
  entry: { file: string } | { contents: string; resolveDir: string },
  plugins: Plugin[],
  overrides: BuildOptions = {},
): Promise<Bundle> {
  const result = await build({
    ...("file" in entry
      ? { entryPoints: [entry.file] }
      : { stdin: { contents: entry.contents, resolveDir: entry.resolveDir, loader: "js" } }),
    ...lambdaBuildOptions({ lean: false, splitting: false }),
    alias: workspaceSources,
    metafile: true,
    write: false,
    logLevel: "silent",
    tsconfigRaw: "{}",
    plugins,
    ...overrides,
  });
  const code = result.outputFiles?.[0]?.text ?? "";
  return {
    code,
    bytes: Buffer.byteLength(code),
    metafile: result.metafile as Metafile,
    inputs: Object.keys(result.metafile?.inputs ?? {}),
  };
}

/** Writes a bundle to `bundle.mjs` in a new temporary folder; `cleanup` removes the folder. */
export function writeBundle(code: string): { dir: string; file: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), "lambda-lean-"));
  const file = join(dir, "bundle.mjs");
  writeFileSync(file, code);
  return { dir, file, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Writes a bundle to a temporary folder and imports it; `cleanup` removes the folder. */
export async function importBundle<T>(code: string): Promise<{ module: T; cleanup: () => void }> {
  const { file, cleanup } = writeBundle(code);
  const module = (await import(pathToFileURL(file).href)) as T;
  return { module, cleanup };
}

/** Packages the default credential chain pulls in and a Lambda bundle does not need. */
export const CHAIN_ONLY_PACKAGES = [
  "@aws-sdk/credential-provider-sso",
  "@aws-sdk/credential-provider-ini",
  "@aws-sdk/credential-provider-process",
  "@aws-sdk/credential-provider-web-identity",
  "@aws-sdk/credential-provider-login",
  "@aws-sdk/nested-clients",
  "@smithy/credential-provider-imds",
];

/** The packages of {@link CHAIN_ONLY_PACKAGES} among a bundle's inputs. */
export function chainPackagesIn(inputs: readonly string[]): string[] {
  return CHAIN_ONLY_PACKAGES.filter((name) => inputs.some((input) => input.includes(`/${name}/`)));
}
