import { defineConfig } from "tsdown";

// Private app: ESM only.
export default defineConfig({
  entry: ["src/index.ts"],
  format: ["esm"],
  dts: true,
  clean: true,
  platform: "node",
  target: "node22",
  fixedExtension: false,
});
