import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { lambdaBuildOptions } from "@org/aws-core/esbuild";
import { build } from "esbuild";
import { repoPath, repoRoot } from "./paths";
import type { Variant } from "./variants";

/** A variant's bundle: a folder holding `index.mjs` (handler `index.handler`). */
export interface BuiltVariant {
  readonly dir: string;
  readonly bytes: number;
  readonly gzipBytes: number;
}

/** What must be built first: the packages' `dist/` (bundles use them as users get them). */
export function assertBuilt(): void {
  const needed = [
    "packages/aws-core/dist/index.js",
    "packages/aws-core/dist/esbuild/index.js",
    "packages/aws-dynamo/dist/index.js",
    "packages/aws-cognito/dist/index.js",
    "packages/aws-bedrock/dist/index.js",
    "packages/aws-testing/dist/local/index.js",
    "apps/local-runner/dist/index.js",
  ];
  const missing = needed.filter((file) => !existsSync(repoPath(file)));
  if (missing.length > 0) {
    throw new Error(`${missing.join(", ")} missing: run "pnpm build" first`);
  }
}

/**
 * Bundles a variant into `<outDir>/<id>/`: fixture handlers with the sample apps' settings
 * (`lambdaBuildOptions` of @org/aws-core/esbuild, with or without the lean plugin), sample
 * apps with their own build script, so "as built" means exactly that.
 */
export async function buildVariant(variant: Variant, outDir: string): Promise<BuiltVariant> {
  const dir = join(outDir, variant.id);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const { source } = variant;
  if (source.kind === "handler") {
    const result = await build({
      ...lambdaBuildOptions({ lean: source.lean }),
      entryPoints: [source.file],
      outfile: join(dir, "index.mjs"),
      absWorkingDir: repoRoot,
      metafile: true,
      logLevel: "warning",
      // The packages as published (their dist/), not a tsconfig's paths to their sources.
      tsconfigRaw: "{}",
    });
    writeFileSync(join(dir, "meta.json"), JSON.stringify(result.metafile));
  } else {
    execFileSync(
      process.execPath,
      [
        repoPath("apps", "app-kit", "bundle.mjs"),
        "--outdir",
        dir,
        ...(source.lean ? ["--lean"] : []),
      ],
      { cwd: repoPath("apps", source.app), stdio: ["ignore", "ignore", "inherit"] },
    );
  }
  const code = readFileSync(join(dir, "index.mjs"));
  return { dir, bytes: code.byteLength, gzipBytes: gzipSync(code).byteLength };
}
