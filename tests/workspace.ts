import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

export const repoRoot = fileURLToPath(new URL("..", import.meta.url));

export interface WorkspacePackage {
  readonly dir: string;
  readonly name: string;
  readonly manifest: Record<string, unknown>;
}

/** Every published package under packages/. */
export function workspacePackages(): WorkspacePackage[] {
  const packagesDir = join(repoRoot, "packages");
  return readdirSync(packagesDir)
    .map((entry) => join(packagesDir, entry))
    .filter((dir) => existsSync(join(dir, "package.json")))
    .map((dir) => {
      const manifest = JSON.parse(readFileSync(join(dir, "package.json"), "utf8"));
      return { dir, name: manifest.name as string, manifest };
    });
}

/** Every source module of a package (what a bundler could import), tests excluded. */
export function sourceModules(pkg: WorkspacePackage): string[] {
  const found: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (/\.ts$/.test(entry.name) && !/\.(test|d)\.ts$/.test(entry.name)) found.push(path);
    }
  };
  walk(join(pkg.dir, "src"));
  return found.sort();
}
