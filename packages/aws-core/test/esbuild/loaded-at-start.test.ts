import type { Metafile } from "esbuild";
import { describe, expect, it } from "vitest";
import { loadedAtStart } from "../../src/esbuild/index";

const output = (imports: Metafile["outputs"][string]["imports"]) => ({
  bytes: 1,
  inputs: {},
  imports,
  exports: [],
});

// index imports a (static) and lazy (dynamic); a imports b; lazy imports c; b and node:fs are
// external or static in turn.
const metafile: Metafile = {
  inputs: {},
  outputs: {
    "dist/index.mjs": output([
      { path: "dist/chunks/a.mjs", kind: "import-statement" },
      { path: "dist/chunks/lazy.mjs", kind: "dynamic-import" },
      { path: "node:fs", kind: "import-statement", external: true },
    ]),
    "dist/chunks/a.mjs": output([{ path: "dist/chunks/b.mjs", kind: "import-statement" }]),
    "dist/chunks/b.mjs": output([{ path: "dist/chunks/a.mjs", kind: "import-statement" }]),
    "dist/chunks/lazy.mjs": output([{ path: "dist/chunks/c.mjs", kind: "import-statement" }]),
    "dist/chunks/c.mjs": output([]),
  },
};

describe("loadedAtStart", () => {
  it("follows static imports, in turn and through cycles, but not import() or externals", () => {
    expect([...loadedAtStart(metafile, "dist/index.mjs")].sort()).toEqual([
      "dist/chunks/a.mjs",
      "dist/chunks/b.mjs",
      "dist/index.mjs",
    ]);
  });

  it("refuses an entry that is not an output, rather than loading nothing", () => {
    expect(() => loadedAtStart(metafile, "index.mjs")).toThrow(
      'loadedAtStart: "index.mjs" is not an output of this build',
    );
  });
});
