import { readdirSync } from "node:fs";
import { fileURLToPath } from "node:url";

const packagesDir = fileURLToPath(new URL("./packages", import.meta.url));

/**
 * Tests import workspace packages from their sources, so a test run needs no build and
 * every test file shares one copy of each module (one registry, one set of singletons).
 * `@org/<dir>` maps to `packages/<dir>/src/index.ts`, `@org/<dir>/<sub>` to `src/<sub>/index.ts`.
 */
export const workspaceSourceAliases = readdirSync(packagesDir).flatMap((dir) => [
  { find: new RegExp(`^@org/${dir}$`), replacement: `${packagesDir}/${dir}/src/index.ts` },
  { find: new RegExp(`^@org/${dir}/(.+)$`), replacement: `${packagesDir}/${dir}/src/$1/index.ts` },
]);
