import { existsSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { RuntimeClientMissingError } from "../errors";

/** Where AWS's runtime interface client is installed. */
export interface RuntimeClient {
  /** The package folder: Lambda's `LAMBDA_RUNTIME_DIR`. */
  readonly dir: string;
  /** Its command-line entry, run as `node <bin> <module>.<export>`. */
  readonly bin: string;
}

const INSTALL_HINT =
  "Install aws-lambda-ric@4.0.2 (on Node.js 22 or later) and let its native part build: list it under allowBuilds in pnpm-workspace.yaml, and have cmake, make, g++, autoconf, automake and libtool installed (Debian/Ubuntu: apt-get install -y cmake g++ make autoconf automake libtool), then reinstall.";

/** Where the install build puts the native client, relative to the package folder. */
const NATIVE_CLIENT = "rapid-client.node";

/**
 * Finds `aws-lambda-ric` and checks that its native client (`rapid-client.node`, built on
 * install) is there: without it every container would die on start.
 *
 * @throws {@link RuntimeClientMissingError} with install instructions.
 */
export function resolveRuntimeClient(): RuntimeClient {
  const require = createRequire(import.meta.url);
  let packageJson: string;
  try {
    packageJson = require.resolve("aws-lambda-ric/package.json");
  } catch {
    throw new RuntimeClientMissingError(`aws-lambda-ric was not found. ${INSTALL_HINT}`);
  }
  const dir = dirname(packageJson);
  const { bin } = JSON.parse(readFileSync(packageJson, "utf8")) as {
    bin?: string | Record<string, string>;
  };
  const binPath = typeof bin === "string" ? bin : (bin?.["aws-lambda-ric"] ?? "index.mjs");
  if (!existsSync(join(dir, NATIVE_CLIENT))) {
    throw new RuntimeClientMissingError(
      `aws-lambda-ric at ${dir} has no native client (${NATIVE_CLIENT}): its install build did not run or failed. ${INSTALL_HINT}`,
    );
  }
  return { dir, bin: join(dir, binPath) };
}
