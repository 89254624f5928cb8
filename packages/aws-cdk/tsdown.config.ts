import { defineConfig } from "tsdown";
import { packageBuild } from "../../tsdown.base.ts";

export default defineConfig([
  { ...packageBuild, entry: ["src/index.ts"] },
  {
    // The build worker: the construct runs it in a child process (`node dist/build-worker.js`),
    // found beside the module, for the ESM and the CommonJS build alike. A script of its own:
    // ESM only, no types. (tsdown cleans dist once, before both builds.)
    ...packageBuild,
    entry: ["src/build-worker.ts"],
    format: ["esm"],
    dts: false,
  },
]);
