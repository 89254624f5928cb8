import { execFileSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { workspacePackages } from "./workspace";

// The public surface of every published entry point, by name, from the built packages as
// users import them. A change here is a change of API: update the snapshot on purpose
// (`npx vitest run --project repo tests/public-api.test.ts -u`) and add a changeset.
// The vitest setup entry is left out: it registers hooks and only loads inside vitest.
const NOT_IMPORTABLE_ALONE = new Set(["./vitest-setup", "./package.json"]);

function exportNames(dir: string, specifier: string): string[] {
  const script = `const m = await import(${JSON.stringify(specifier)}); console.log(JSON.stringify(Object.keys(m).filter((k) => k !== "default").sort()))`;
  const output = execFileSync(process.execPath, ["--input-type=module", "-e", script], {
    cwd: dir,
    encoding: "utf8",
  });
  return JSON.parse(output);
}

describe("the public API", () => {
  it("exports exactly these names from each entry point", () => {
    const surface: Record<string, string[]> = {};
    for (const { dir, name, manifest } of workspacePackages()) {
      for (const subpath of Object.keys(manifest.exports as object)) {
        if (NOT_IMPORTABLE_ALONE.has(subpath)) continue;
        const specifier = subpath === "." ? name : `${name}${subpath.slice(1)}`;
        surface[specifier] = exportNames(dir, specifier);
      }
    }
    expect(surface).toMatchSnapshot();
  });
});
