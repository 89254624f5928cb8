import { existsSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { loadedAtStart } from "@org/aws-core/esbuild";
import type { Metafile } from "esbuild";
import { describe, expect, it } from "vitest";

const dist = fileURLToPath(new URL("../dist/", import.meta.url));

/** esbuild's metafile of the built bundle, its output paths relative to dist/. */
function outputs(): Metafile["outputs"] {
  if (!existsSync(join(dist, "meta.json")))
    throw new Error('apps/translation-api/dist is missing: run "pnpm build" first');
  const meta = JSON.parse(readFileSync(join(dist, "meta.json"), "utf8")) as Metafile;
  // Paths in the metafile are relative to the working directory, the app's folder.
  const appDir = fileURLToPath(new URL("../", import.meta.url));
  return Object.fromEntries(
    Object.entries(meta.outputs).map(([path, output]) => [
      relative(dist, join(appDir, path)),
      {
        ...output,
        imports: output.imports.map((i) =>
          i.external ? i : { ...i, path: relative(dist, join(appDir, i.path)) },
        ),
      },
    ]),
  );
}

describe("translation-api's bundle", () => {
  // @org/aws-bedrock's client imports its SDK on first use: split, the Bedrock SDK is read
  // only by the route that calls a model (POST /translations), not by GET /translations or
  // GET /health.
  it("loads the Bedrock SDK only through a dynamic import, never with the entry", () => {
    const files = outputs();
    const bedrockChunks = Object.keys(files).filter((path) =>
      Object.keys(files[path]?.inputs ?? {}).some((input) =>
        input.includes("/@aws-sdk/client-bedrock-runtime/"),
      ),
    );
    expect(bedrockChunks.length).toBeGreaterThan(0);
    for (const chunk of bedrockChunks) {
      expect(chunk).toMatch(/^chunks\/.+\.mjs$/);
      expect(existsSync(join(dist, chunk)), chunk).toBe(true);
    }

    const atStart = loadedAtStart({ inputs: {}, outputs: files }, "index.mjs");
    expect(files["index.mjs"]?.entryPoint).toBe("src/handler.ts");
    expect(bedrockChunks.filter((chunk) => atStart.has(chunk))).toEqual([]);
    // Reached, from code the entry loads, by a dynamic import only.
    const reachedBy = [...atStart].flatMap((path) =>
      (files[path]?.imports ?? []).filter((i) => bedrockChunks.includes(i.path)),
    );
    expect(reachedBy.length).toBeGreaterThan(0);
    expect(new Set(reachedBy.map((i) => i.kind))).toEqual(new Set(["dynamic-import"]));
  });

  it("records its size: what the entry loads at start, and every chunk", () => {
    const files = outputs();
    const atStart = loadedAtStart({ inputs: {}, outputs: files }, "index.mjs");
    const bytes = (paths: Iterable<string>) =>
      [...paths].reduce((sum, path) => sum + (files[path]?.bytes ?? 0), 0);
    console.info(
      `translation-api: index.mjs ${files["index.mjs"]?.bytes} B; loaded at start ${bytes(atStart)} B; ` +
        `with all ${Object.keys(files).length - 1} chunks ${bytes(Object.keys(files))} B`,
    );
    expect(bytes(atStart)).toBeLessThan(bytes(Object.keys(files)));
  });
});
