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
  // A client loaded on first use imports its SDK module with `import()`; in the CommonJS
  // build that must be `require()`, or a CommonJS app would get the SDK's ESM copy beside
  // its own CommonJS one (two classes per command, which mocks and `instanceof` tell apart).
  outputOptions: { dynamicImportInCjs: false },
} satisfies UserConfig;
