import { defineConfig } from "tsdown";
import { packageBuild } from "../../tsdown.base.ts";

export default defineConfig({
  ...packageBuild,
  entry: [
    "src/index.ts",
    "src/internal/index.ts",
    "src/esbuild/index.ts",
    "src/middy/index.ts",
    "src/credentials/index.ts",
  ],
});
