import { InvalidConfigError } from "../errors/errors";

/**
 * @internal For a client whose SDK is an optional peer, loaded on first use:
 * `load: () => import("@aws-sdk/client-x").catch(missingPackage("@aws-sdk/client-x", "The x client"))`.
 * The `.catch` on the `import()` itself is what makes esbuild build a bundle without the
 * package (a warning, not an error); a bundle with it installed carries it as a chunk. A
 * missing package is then a clear error at first use, naming what to install.
 */
export function missingPackage(packageName: string, neededBy: string) {
  return (error: unknown): never => {
    const code = (error as { code?: unknown } | null)?.code;
    if (code === "ERR_MODULE_NOT_FOUND" || code === "MODULE_NOT_FOUND") {
      throw new InvalidConfigError(
        `${neededBy} needs ${packageName}: install it (npm install ${packageName})`,
        { cause: error, setting: "dependencies" },
      );
    }
    throw error;
  };
}
