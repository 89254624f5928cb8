import { readFileSync } from "node:fs";
import { join } from "node:path";

/** The versions a new function's package.json pins: the ones the repo uses already. */
export interface PinnedVersions {
  readonly clientDynamodb: string;
  readonly libDynamodb: string;
  readonly zod: string;
  readonly typesAwsLambda: string;
}

// Where the repo pins each dependency a new function needs: the root manifest holds the AWS
// SDK (the packages' peers), app-kit holds what every app shares. The same versions keep one
// copy of each in node_modules, and `pnpm install --offline` able to link them.
const SOURCES = ["package.json", "apps/app-kit/package.json"];

/**
 * The versions of the dependencies of a generated function, read from the repo at `root`.
 *
 * @throws Error naming the dependency none of the manifests pins.
 *
 * @example
 * ```ts
 * pinnedVersions(process.cwd()); // { clientDynamodb: "3.1169.0", libDynamodb: "3.1169.0", zod: "4.6.7", ... }
 * ```
 */
export function pinnedVersions(root: string): PinnedVersions {
  const manifests = SOURCES.map((file) => {
    const manifest = JSON.parse(readFileSync(join(root, file), "utf8")) as Record<string, unknown>;
    return { ...asRecord(manifest.devDependencies), ...asRecord(manifest.dependencies) };
  });
  const version = (name: string) => {
    const found = manifests.map((deps) => deps[name]).find((v) => typeof v === "string");
    if (!found) throw new Error(`no version of ${name} in ${SOURCES.join(" or ")} to pin`);
    return found;
  };
  return {
    clientDynamodb: version("@aws-sdk/client-dynamodb"),
    libDynamodb: version("@aws-sdk/lib-dynamodb"),
    zod: version("zod"),
    typesAwsLambda: version("@types/aws-lambda"),
  };
}

function asRecord(value: unknown): Record<string, unknown> {
  return typeof value === "object" && value !== null ? (value as Record<string, unknown>) : {};
}
