import { join } from "node:path";
import { fileURLToPath } from "node:url";

/** The repository's root folder. */
export const repoRoot = fileURLToPath(new URL("../../", import.meta.url));

/** @example `repoPath("apps", "users-api")` */
export const repoPath = (...parts: string[]): string => join(repoRoot, ...parts);
