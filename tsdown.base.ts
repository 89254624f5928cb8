import type { UserConfig } from "tsdown";

/**
 * Build settings every published package shares: ESM and CommonJS with their type
 * declarations, for the oldest Lambda Node.js runtime we support.
 */
export const packageBuild = {
  format: ["esm", "cjs"],
  dts: true,
  clean: true,
  platform: "node",
  target: "node22",
  sourcemap: false,
  // `.js` for ESM and `.cjs` for CommonJS (the packages are `"type": "module"`), the
  // file names the `exports` maps point at.
  fixedExtension: false,
  // `require()` sees `exports.default`, the same names `import` sees, as with every
  // earlier release (tsdown's default turns a lone default export into `module.exports`).
  cjsDefault: false,
  // A client loaded on first use imports its SDK parts with `import()`; the CommonJS build
  // makes that a `require()`, which CommonJS tools follow: Jest's module registry and its
  // mocks (an `import()` there fails without --experimental-vm-modules), and bundlers that
  // inline what a CommonJS file requires.
  outputOptions: { dynamicImportInCjs: false },
} satisfies UserConfig;
