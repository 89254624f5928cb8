import type { Metafile } from "esbuild";

/**
 * The output files a cold start reads for `entry`: the entry and, in turn, every file it
 * imports statically, not those only an `import()` reaches (a split bundle's chunks loaded on
 * first use). Paths are as the metafile names them (relative to esbuild's working directory).
 *
 * @throws Error when `entry` is not an output of the build, so that a wrong path cannot pass
 *   for a bundle that loads nothing.
 * @example
 * ```ts
 * const { metafile } = await build({ ...lambdaBuildOptions(), entryPoints: { index: "src/handler.ts" }, outdir: "dist", metafile: true });
 * const read = loadedAtStart(metafile, "dist/index.mjs");
 * const bytes = [...read].reduce((sum, file) => sum + (metafile.outputs[file]?.bytes ?? 0), 0);
 * ```
 */
export function loadedAtStart(metafile: Metafile, entry: string): Set<string> {
  if (!(entry in metafile.outputs)) {
    throw new Error(`loadedAtStart: "${entry}" is not an output of this build`);
  }
  const loaded = new Set<string>();
  const visit = (file: string) => {
    if (loaded.has(file)) return;
    loaded.add(file);
    for (const imported of metafile.outputs[file]?.imports ?? []) {
      if (!imported.external && imported.kind === "import-statement") visit(imported.path);
    }
  };
  visit(entry);
  return loaded;
}
