// Bundles an app the way it ships to Lambda: esbuild, minified ESM for Node.js 20, the
// SDK's ESM build, one file (dist/index.mjs, handler "index.handler") and a metafile.
// Run from the app's folder: node ../app-kit/bundle.mjs
import { mkdirSync, writeFileSync } from "node:fs";
import { build } from "esbuild";

const result = await build({
  entryPoints: ["src/handler.ts"],
  outfile: "dist/index.mjs",
  bundle: true,
  minify: true,
  format: "esm",
  platform: "node",
  target: "node20",
  mainFields: ["module", "main"],
  metafile: true,
  legalComments: "none",
  // Some CommonJS dependencies call require(); ESM output needs one.
  banner: { js: "import{createRequire as __cr}from'module';const require=__cr(import.meta.url);" },
  logLevel: "warning",
});
mkdirSync("dist", { recursive: true });
writeFileSync("dist/meta.json", JSON.stringify(result.metafile));
const output = Object.values(result.metafile.outputs)[0];
console.log(`dist/index.mjs: ${output.bytes} bytes`);
