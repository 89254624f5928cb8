import { existsSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";
import { repoRoot, workspacePackages } from "./workspace";

// What the registry and its users read from a published package.json: where the code is
// (provenance is refused without a matching repository), where to report bugs, the license.
const root = JSON.parse(readFileSync(join(repoRoot, "package.json"), "utf8"));
const repositoryUrl: string = root.repository.url;
const web = repositoryUrl.replace(/^git\+/, "").replace(/\.git$/, "");

describe.each(workspacePackages().map((pkg) => [pkg.name, pkg] as const))("%s", (_, pkg) => {
  // biome-ignore lint/suspicious/noExplicitAny: package.json is read field by field below
  const m = pkg.manifest as Record<string, any>;
  const directory = relative(repoRoot, pkg.dir);

  it("names its repository, folder, homepage and issue tracker", () => {
    expect(m.repository).toEqual({ type: "git", url: repositoryUrl, directory });
    expect(m.homepage).toBe(`${web}/tree/main/${directory}#readme`);
    expect(m.bugs).toEqual({ url: `${web}/issues` });
  });

  it("has a license file, an author, keywords, and public access", () => {
    expect(m.license).toBe("MIT");
    expect(existsSync(join(pkg.dir, "LICENSE"))).toBe(true);
    expect(typeof m.author).toBe("string");
    expect(m.keywords).toEqual(expect.arrayContaining(["aws", "lambda"]));
    expect(m.publishConfig).toEqual({ access: "public" });
    expect(m.engines).toEqual({ node: ">=22" });
  });

  it("declares every module with side effects (only a setup entry may have them)", () => {
    if (m.sideEffects === false) return;
    expect(m.sideEffects).toEqual(["./dist/vitest-setup.js", "./dist/vitest-setup.cjs"]);
    for (const file of m.sideEffects as string[]) {
      expect(
        Object.values(m.exports["./vitest-setup"]).flatMap((c) => Object.values(c as object)),
      ).toContain(file);
    }
  });

  it("pins no dependency or peer of another project to one exact version", () => {
    for (const [name, range] of Object.entries({ ...m.dependencies, ...m.peerDependencies })) {
      expect(range, name).toMatch(/^(\^|>=|workspace:)/);
    }
  });
});
