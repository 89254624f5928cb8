import type { LambdaArchitecture, LambdaNodeRuntime } from "@org/aws-core/esbuild";
import type { Architecture, Runtime } from "aws-cdk-lib/aws-lambda";
import type { IConstruct } from "constructs";
import { validationError } from "./errors";

/** The runtimes `buildLambda()` builds for, by their Lambda names. */
const RUNTIMES: readonly LambdaNodeRuntime[] = ["nodejs24.x", "nodejs22.x"];
/** The architectures, by their Lambda names. */
const ARCHITECTURES: readonly LambdaArchitecture[] = ["arm64", "x86_64"];

/** What the function's code is built for, in `buildLambda()`'s names. */
export interface FunctionTarget {
  readonly runtime: LambdaNodeRuntime;
  readonly architecture: LambdaArchitecture;
  readonly nodeVersion: string | undefined;
}

/**
 * Checks the runtime, the architecture and the Node.js version at construction, so a prop
 * that cannot work fails even when the stack's bundling is skipped.
 */
export function functionTarget(
  scope: IConstruct,
  runtime: Runtime,
  architecture: Architecture,
  nodeVersion: string | undefined,
): FunctionTarget {
  const runtimeName = RUNTIMES.find((name) => name === runtime.name);
  if (!runtimeName) {
    throw validationError(
      scope,
      "UnsupportedRuntime",
      `runtime ${runtime.name} is not supported: use Runtime.NODEJS_24_X or Runtime.NODEJS_22_X`,
    );
  }
  const architectureName = ARCHITECTURES.find((name) => name === architecture.name);
  if (!architectureName) {
    throw validationError(
      scope,
      "UnsupportedArchitecture",
      `architecture ${architecture.name} is not supported: use Architecture.ARM_64 or Architecture.X86_64`,
    );
  }
  if (nodeVersion !== undefined) checkNodeVersion(scope, runtimeName, nodeVersion);
  return { runtime: runtimeName, architecture: architectureName, nodeVersion };
}

function checkNodeVersion(scope: IConstruct, runtime: LambdaNodeRuntime, nodeVersion: string) {
  const major = runtime.replace(/^nodejs(\d+)\.x$/, "$1");
  if (!/^\d+\.\d+\.\d+$/.test(nodeVersion)) {
    throw validationError(
      scope,
      "InvalidNodeVersion",
      `nodeVersion "${nodeVersion}" is not an exact Node.js version: give the runtime's, e.g. "${major}.12.0" (no "v")`,
    );
  }
  if (nodeVersion.split(".")[0] !== major) {
    throw validationError(
      scope,
      "NodeVersionNotOfRuntime",
      `nodeVersion ${nodeVersion} is not a Node.js ${major} version: ${runtime} runs Node.js ${major}`,
    );
  }
}
