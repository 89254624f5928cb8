import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { loadedAtStart } from "@org/aws-core/esbuild";
import type { Metafile } from "esbuild";
import { describe, expect, it } from "vitest";

const appDir = fileURLToPath(new URL("../", import.meta.url));
// The build runs in the app's folder: the metafile names files from there ("dist/index.mjs").
const ENTRY = "dist/index.mjs";

/** esbuild's metafile of the built bundle. */
function metafile(): Metafile {
  if (!existsSync(join(appDir, "dist", "meta.json")))
    throw new Error('apps/translation-api/dist is missing: run "pnpm build" first');
  return JSON.parse(readFileSync(join(appDir, "dist", "meta.json"), "utf8")) as Metafile;
}

describe("translation-api's bundle", () => {
  // @org/aws-bedrock's client imports its SDK on first use: split, the Bedrock SDK is read
  // only by the route that calls a model (POST /translations), not by GET /translations or
  // GET /health.
  it("loads the Bedrock SDK only through a dynamic import, never with the entry", () => {
    const meta = metafile();
    const files = meta.outputs;
    const bedrockChunks = Object.keys(files).filter((path) =>
      Object.keys(files[path]?.inputs ?? {}).some((input) =>
        input.includes("/@aws-sdk/client-bedrock-runtime/"),
      ),
    );
    expect(bedrockChunks.length).toBeGreaterThan(0);
    for (const chunk of bedrockChunks) {
      expect(chunk).toMatch(/^dist\/chunks\/.+\.mjs$/);
      expect(existsSync(join(appDir, chunk)), chunk).toBe(true);
    }

    const atStart = loadedAtStart(meta, ENTRY);
    expect(files[ENTRY]?.entryPoint).toBe("src/handler.ts");
    expect(bedrockChunks.filter((chunk) => atStart.has(chunk))).toEqual([]);
    // Reached, from code the entry loads, by a dynamic import only.
    const reachedBy = [...atStart].flatMap((path) =>
      (files[path]?.imports ?? []).filter((i) => bedrockChunks.includes(i.path)),
    );
    expect(reachedBy.length).toBeGreaterThan(0);
    expect(new Set(reachedBy.map((i) => i.kind))).toEqual(new Set(["dynamic-import"]));
  });

  it("records its size: what the entry loads at start, and every chunk", () => {
    const meta = metafile();
    const files = meta.outputs;
    const atStart = loadedAtStart(meta, ENTRY);
    const bytes = (paths: Iterable<string>) =>
      [...paths].reduce((sum, path) => sum + (files[path]?.bytes ?? 0), 0);
    console.info(
      `translation-api: index.mjs ${files[ENTRY]?.bytes} B; loaded at start ${bytes(atStart)} B; ` +
        `with all ${Object.keys(files).length - 1} chunks ${bytes(Object.keys(files))} B`,
    );
    expect(bytes(atStart)).toBeLessThan(bytes(Object.keys(files)));
  });
});
