import type { Plugin } from "esbuild";
import { InvalidConfigError } from "../errors/errors";

const ONE_FILE = "lambdaBuildOptions({ splitting: false }) gives one file";

/**
 * Fails a split build that has no folder to write its chunks to, with a message that says
 * what to do: esbuild's own ("Must use outdir when code splitting is enabled") does not
 * know the bundle was split by {@link lambdaBuildOptions}'s default.
 */
export function splitOutputCheck(): Plugin {
  return {
    name: "lambda-split-output",
    setup(build) {
      const { splitting, outfile, outdir } = build.initialOptions;
      if (!splitting) return;
      if (outfile !== undefined) {
        throw InvalidConfigError.invalid(
          "outfile",
          outfile,
          `"outdir" in its place: a split bundle is an entry module plus chunks, deploy the folder (${ONE_FILE})`,
        );
      }
      if (outdir === undefined) {
        throw InvalidConfigError.invalid(
          "outdir",
          outdir,
          `a folder for the entry module and its chunks (${ONE_FILE})`,
        );
      }
    },
  };
}
