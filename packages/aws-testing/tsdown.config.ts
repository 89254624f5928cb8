import { defineConfig } from "tsdown";
import { packageBuild } from "../../tsdown.base.ts";

export default defineConfig({
  ...packageBuild,
  entry: [
    "src/index.ts",
    "src/local/index.ts",
    "src/local/dynamodb-global-setup.ts",
    "src/dynamodb/index.ts",
    "src/cognito/index.ts",
    "src/bedrock/index.ts",
    "src/vitest-setup.ts",
  ],
  // import.meta.url in the CommonJS build.
  shims: true,
});
