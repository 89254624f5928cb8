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

// What a user must learn is the sum of every entry's runtime names (a name exported by two
// entries counts twice; `@org/aws-core/internal`, not public, counts too).
const MAX_RUNTIME_NAMES = 80;

function publicSurface(): Record<string, string[]> {
  const surface: Record<string, string[]> = {};
  for (const { dir, name, manifest } of workspacePackages()) {
    for (const subpath of Object.keys(manifest.exports as object)) {
      if (NOT_IMPORTABLE_ALONE.has(subpath)) continue;
      const specifier = subpath === "." ? name : `${name}${subpath.slice(1)}`;
      surface[specifier] = exportNames(dir, specifier);
    }
  }
  return surface;
}

describe("the public API", () => {
  const surface = publicSurface();

  it("exports exactly these names from each entry point", () => {
    expect(surface).toMatchSnapshot();
  });

  it(`has at most ${MAX_RUNTIME_NAMES} runtime names across all entries`, () => {
    const total = Object.values(surface).reduce((sum, names) => sum + names.length, 0);
    expect(total).toBeLessThanOrEqual(MAX_RUNTIME_NAMES);
  });
});
