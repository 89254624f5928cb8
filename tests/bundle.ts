import { existsSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { lambdaBuildOptions } from "@org/aws-core/esbuild";
import { build, type Metafile } from "esbuild";
import { repoRoot } from "./workspace";

export interface BundleResult {
  readonly bytes: number;
  readonly gzipBytes: number;
  readonly metafile: Metafile;
  /** Every input file path in the bundle. */
  readonly inputs: string[];
}

/**
 * Bundles a handler the way the sample apps ship (esbuild, minified ESM for Node.js 22+,
 * the SDK's ESM build), from the packages' built `dist/`, as users get them; as one file
 * (`splitting: false`), so the size is the whole bundle's, comparable from run to run.
 */
export async function bundleHandler(entry: string): Promise<BundleResult> {
  for (const pkg of readdirSync(join(repoRoot, "packages"))) {
    if (!existsSync(join(repoRoot, "packages", pkg, "dist"))) {
      throw new Error(
        `packages/${pkg}/dist is missing: run "pnpm build" (the test script does) first`,
      );
    }
  }
  const result = await build({
    ...lambdaBuildOptions({ lean: false, splitting: false }),
    entryPoints: [entry],
    metafile: true,
    write: false,
    logLevel: "silent",
    // The packages as published, not the tests' tsconfig paths to their sources.
    tsconfigRaw: "{}",
  });
  const code = result.outputFiles[0]?.contents ?? new Uint8Array();
  return {
    bytes: code.byteLength,
    gzipBytes: gzipSync(code).byteLength,
    metafile: result.metafile,
    inputs: Object.keys(result.metafile.inputs),
  };
}

export const fixture = (name: string) => join(repoRoot, "tests", "fixtures", "handlers", name);

/** Package names (npm or workspace) whose code is in a bundle. */
export function bundledPackages(result: BundleResult): Set<string> {
  const names = new Set<string>();
  for (const input of result.inputs) {
    const npm = /node_modules\/((?:@[^/]+\/)?[^/]+)\/(?!.*node_modules)/.exec(input);
    if (npm?.[1]) names.add(npm[1]);
    const workspace = /(?:^|\/)packages\/([^/]+)\//.exec(input);
    if (workspace?.[1]) names.add(`@org/${workspace[1]}`);
  }
  return names;
}
