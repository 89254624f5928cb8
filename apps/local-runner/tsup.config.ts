import { defineConfig } from "tsup";

// Private app: ESM only.
export default defineConfig({
  entry: ["src/index.ts"],
  format: ["esm"],
  dts: true,
  clean: true,
  target: "node22",
  sourcemap: false,
});
