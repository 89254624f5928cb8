import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { builtinModules } from "node:module";
import { join, relative } from "node:path";
import { build } from "esbuild";
import { repoRoot } from "../workspace";
import { run } from "./processes";

/** The parts of a package.json these checks read. */
export interface Manifest {
  readonly name: string;
  readonly version: string;
  readonly dependencies?: Record<string, string>;
  readonly peerDependencies?: Record<string, string>;
  readonly peerDependenciesMeta?: Record<string, { optional?: boolean }>;
  readonly devDependencies?: Record<string, string>;
  readonly exports?: Record<string, unknown>;
  readonly files?: string[];
}

export const readManifest = (dir: string): Manifest =>
  JSON.parse(readFileSync(join(dir, "package.json"), "utf8"));

/** What `pnpm publish` writes for a `workspace:` range, given the target package's version. */
export function publishedRange(range: string, version: string): string {
  const spec = /^workspace:(.*)$/.exec(range)?.[1];
  if (spec === undefined) return range;
  if (spec === "^" || spec === "~") return `${spec}${version}`;
  if (spec === "*" || spec === "") return version;
  return spec;
}

/** A dependency map as published: `workspace:` ranges replaced by real ones. */
export function publishedDependencies(
  dependencies: Record<string, string> | undefined,
  workspaceVersions: ReadonlyMap<string, string>,
): Record<string, string> {
  return Object.fromEntries(
    Object.entries(dependencies ?? {}).map(([name, range]) => [
      name,
      publishedRange(range, workspaceVersions.get(name) ?? "?"),
    ]),
  );
}

/**
 * The version of `name` the workspace itself runs `packageDir`'s code and tests with: the copy
 * linked into the package's node_modules (its devDependency), else the root's.
 */
export function workspaceVersionOf(packageDir: string, name: string): string | undefined {
  for (const base of [packageDir, repoRoot]) {
    const manifest = join(base, "node_modules", name, "package.json");
    if (existsSync(manifest)) return readManifest(join(manifest, "..")).version;
  }
  return undefined;
}

function walk(dir: string, found: string[] = []): string[] {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) walk(path, found);
    else found.push(path);
  }
  return found;
}

/** Every file under `dir`, as paths relative to `base`, sorted. */
export const filesUnder = (dir: string, base = dir): string[] =>
  walk(dir)
    .map((path) => relative(base, path))
    .sort();

const builtins = new Set(builtinModules);

/**
 * The packages that the JavaScript in `distDir` loads at run time (imports, dynamic imports
 * and requires of bare specifiers), Node.js built-ins left out. esbuild parses the files, so
 * code that merely contains an import inside a string (a generated module) does not count.
 */
export async function runtimeImports(distDir: string): Promise<Set<string>> {
  const { metafile } = await build({
    entryPoints: walk(distDir).filter((f) => /\.(c|m)?js$/.test(f)),
    bundle: true,
    write: false,
    metafile: true,
    platform: "node",
    packages: "external",
    outdir: join(distDir, "..", ".scan"),
    // index.js and index.cjs would both become index.js.
    entryNames: "[dir]/[name]-[hash]",
    logLevel: "silent",
  });
  const names = new Set<string>();
  for (const output of Object.values(metafile.outputs)) {
    for (const { path: specifier, external } of output.imports) {
      if (!external || specifier.startsWith(".") || specifier.startsWith("/")) continue;
      if (specifier.startsWith("node:") || builtins.has(specifier.split("/")[0] as string))
        continue;
      const parts = specifier.split("/");
      names.add(specifier.startsWith("@") ? parts.slice(0, 2).join("/") : (parts[0] as string));
    }
  }
  return names;
}

/** The files of the tarball the registry serves for `name@version`, without the `package/` prefix. */
export async function publishedFiles(
  registry: string,
  name: string,
  version: string,
  scratchDir: string,
): Promise<string[]> {
  const packument = (await (
    await fetch(`${registry}${name.replace("/", "%2f")}`, { signal: AbortSignal.timeout(30_000) })
  ).json()) as { versions?: Record<string, { dist: { tarball: string } }> };
  const tarball = packument.versions?.[version]?.dist.tarball;
  if (!tarball) throw new Error(`${name}@${version} is not on ${registry}`);
  const response = await fetch(tarball, { signal: AbortSignal.timeout(30_000) });
  if (!response.ok) throw new Error(`GET ${tarball}: ${response.status}`);
  const file = join(scratchDir, "published.tgz");
  writeFileSync(file, Buffer.from(await response.arrayBuffer()));
  const listing = await run("tar", ["-tzf", file], { cwd: scratchDir });
  return listing
    .split("\n")
    .filter((line) => line && !line.endsWith("/"))
    .map((line) => line.replace(/^package\//, ""))
    .sort();
}

/** Every file an exports map points at (conditions flattened), without `./`. */
export function exportTargets(exportsMap: unknown): string[] {
  if (typeof exportsMap === "string") return [exportsMap.replace(/^\.\//, "")];
  if (exportsMap && typeof exportsMap === "object") {
    return Object.values(exportsMap).flatMap(exportTargets);
  }
  return [];
}

/** Names of every package in an `npm ls --all --parseable` listing. */
export function parseableNames(listing: string): Set<string> {
  return new Set(
    listing
      .split("\n")
      .map((line) => /node_modules\/((?:@[^/]+\/)?[^/]+)$/.exec(line.trim())?.[1])
      .filter((name): name is string => Boolean(name)),
  );
}

/** Package names (npm or workspace) whose code is in an esbuild metafile's inputs. */
export function bundledPackages(inputs: readonly string[]): Set<string> {
  const names = new Set<string>();
  for (const input of inputs) {
    const npm = /node_modules\/((?:@[^/]+\/)?[^/]+)\/(?!.*node_modules)/.exec(input);
    if (npm?.[1]) names.add(npm[1]);
  }
  return names;
}
