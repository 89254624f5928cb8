import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll } from "vitest";

/**
 * A fresh temp folder, removed after the test file: for cloud assemblies (the functions'
 * builds land in them) and a throwaway HOME.
 */
export function tempFolder(): string {
  const dir = mkdtempSync(join(tmpdir(), "infra-test-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** The files and folders in `dir`, relative, sorted. */
export function filesOf(dir: string): string[] {
  return readdirSync(dir, { recursive: true }).map(String).sort();
}

/**
 * Checks that a function's code folder is a split build with the exec wrapper: the entry,
 * its chunks and `start-node.sh`, and nothing else but what `also` names (the compile cache's
 * loader and folder). esbuild's metafile is a build report, not code: it is not there.
 */
export function isSplitBuild(files: readonly string[], also: readonly string[] = []): boolean {
  const rest = files.filter(
    (file) => !also.includes(file) && !/^\.node-compile-cache\//.test(file),
  );
  const chunks = rest.filter((file) => /^chunks\/[^/]+\.mjs$/.test(file));
  return (
    chunks.length > 0 &&
    rest.length === chunks.length + 3 &&
    ["chunks", "index.mjs", "start-node.sh"].every((file) => rest.includes(file))
  );
}
