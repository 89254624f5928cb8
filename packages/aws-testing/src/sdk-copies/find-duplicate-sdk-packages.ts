import { existsSync, readdirSync, readFileSync, realpathSync } from "node:fs";
import { join } from "node:path";

/** One package found in more than one copy. */
export interface DuplicateSdkPackage {
  readonly name: string;
  /** Each copy: its version and real path. */
  readonly copies: readonly { readonly version: string; readonly path: string }[];
}

// The client packages: the classes mocks are set on.
const WATCHED = /^@aws-sdk\/(client-[a-z0-9-]+|lib-dynamodb)$/;

function packagesIn(
  nodeModules: string,
  found: Map<string, Map<string, string>>,
  depth: number,
): void {
  if (depth > 6 || !existsSync(nodeModules)) return;
  for (const entry of readdirSync(nodeModules, { withFileTypes: true })) {
    if (!entry.isDirectory() && !entry.isSymbolicLink()) continue;
    const dir = join(nodeModules, entry.name);
    if (entry.name === ".pnpm") {
      for (const store of readdirSync(dir))
        packagesIn(join(dir, store, "node_modules"), found, depth + 1);
      continue;
    }
    const names = entry.name.startsWith("@")
      ? readdirSync(dir).map((child) => `${entry.name}/${child}`)
      : [entry.name];
    for (const name of names) {
      const packageDir = join(nodeModules, name);
      if (WATCHED.test(name) && existsSync(join(packageDir, "package.json"))) {
        const real = realpathSync(packageDir);
        const { version } = JSON.parse(readFileSync(join(real, "package.json"), "utf8"));
        if (!found.has(name)) found.set(name, new Map());
        found.get(name)?.set(real, version);
      }
      packagesIn(join(packageDir, "node_modules"), found, depth + 1);
    }
  }
}

/**
 * AWS SDK client packages installed in more than one copy under `root`'s node_modules (npm,
 * pnpm or yarn layouts). Two copies of a client class make a mock set on one of them miss
 * the code that uses the other, silently.
 *
 * @example
 * ```ts
 * for (const { name, copies } of findDuplicateSdkPackages()) console.log(name, copies);
 * ```
 */
export function findDuplicateSdkPackages(root: string = process.cwd()): DuplicateSdkPackage[] {
  const found = new Map<string, Map<string, string>>();
  packagesIn(join(root, "node_modules"), found, 0);
  return [...found]
    .filter(([, copies]) => copies.size > 1)
    .map(([name, copies]) => ({
      name,
      copies: [...copies].map(([path, version]) => ({ version, path })),
    }));
}

/**
 * Prints a warning naming each duplicated SDK package and where its copies are; returns
 * what it found. Run it once in a test setup file.
 *
 * @example
 * ```ts
 * warnOnDuplicateSdkPackages(); // "@aws-sdk/client-dynamodb is installed twice: 3.1.0 at ..., 3.2.0 at ..."
 * ```
 */
export function warnOnDuplicateSdkPackages(root?: string): DuplicateSdkPackage[] {
  const duplicates = findDuplicateSdkPackages(root);
  for (const { name, copies } of duplicates) {
    console.warn(
      `${name} is installed ${copies.length} times, so mocks may miss: ` +
        `${copies.map((c) => `${c.version} at ${c.path}`).join("; ")}. Align the versions (e.g. with overrides).`,
    );
  }
  return duplicates;
}
