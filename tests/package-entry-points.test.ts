import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { workspacePackages } from "./workspace";

// Loads each package's built output the way users do (by name, through its exports map),
// in a plain Node.js process: once with import, once with require.
function exportedNames(dir: string, name: string, mode: "import" | "require"): string[] {
  const script =
    mode === "import"
      ? `const m = await import(${JSON.stringify(name)}); console.log(JSON.stringify(Object.keys(m).filter(k => k !== "default").sort()))`
      : `const m = require(${JSON.stringify(name)}); console.log(JSON.stringify(Object.keys(m).sort()))`;
  const args = mode === "import" ? ["--input-type=module", "-e", script] : ["-e", script];
  // Self-reference by package name resolves through the exports map from the package dir.
  return JSON.parse(execFileSync(process.execPath, args, { cwd: dir, encoding: "utf8" }));
}

describe.each(workspacePackages())("$name entry points", ({ dir, name }) => {
  it("import and require expose the same API", () => {
    if (!existsSync(join(dir, "dist"))) {
      throw new Error(`${name} has no dist/: run "pnpm build" (the test script does) first`);
    }
    const esm = exportedNames(dir, name, "import");
    const cjs = exportedNames(dir, name, "require");
    expect(esm.length).toBeGreaterThan(0);
    expect(cjs).toEqual(esm);
  });
});
