import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll } from "vitest";

/** A temp folder with a stand-in bundle of each app, removed after the test file. */
export interface BundleFixture {
  /** The temp folder; tests may put more in it (e.g. a cdk.out). */
  readonly dir: string;
  /** Stand-in for `apps/translation-api/dist`. */
  readonly translationApiAssetPath: string;
  /** Stand-in for `apps/users-api/dist`. */
  readonly usersApiAssetPath: string;
}

/** The chunk every stand-in bundle holds, as a split build (the apps' default) writes them. */
export const FIXTURE_CHUNK = "chunks/chunk-FIXTURE.mjs";

/**
 * Creates small split bundles, as the apps build them: `index.mjs` importing a chunk in
 * `chunks/` (plus an esbuild-style `meta.json`, which the stack must leave out of the asset),
 * in a fresh temp folder. Call at the top of a test file.
 */
export function bundleFixture(): BundleFixture {
  const dir = mkdtempSync(join(tmpdir(), "infra-test-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const bundle = (app: string) => {
    const path = join(dir, app, "dist");
    mkdirSync(join(path, "chunks"), { recursive: true });
    writeFileSync(join(path, FIXTURE_CHUNK), `export const body = "${app}";\n`);
    writeFileSync(
      join(path, "index.mjs"),
      `import { body } from "./${FIXTURE_CHUNK}";\n` +
        "export const handler = async () => ({ statusCode: 200, body });\n",
    );
    writeFileSync(join(path, "meta.json"), "{}\n");
    return path;
  };
  return {
    dir,
    translationApiAssetPath: bundle("translation-api"),
    usersApiAssetPath: bundle("users-api"),
  };
}
