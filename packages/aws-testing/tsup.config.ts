import { defineConfig } from "tsup";

export default defineConfig({
  entry: [
    "src/index.ts",
    "src/local/index.ts",
    "src/local/dynamodb-global-setup.ts",
    "src/dynamodb/index.ts",
    "src/cognito/index.ts",
    "src/bedrock/index.ts",
    "src/vitest-setup.ts",
  ],
  format: ["esm", "cjs"],
  dts: true,
  clean: true,
  target: "node22",
  // import.meta.url in the CommonJS build.
  shims: true,
});
