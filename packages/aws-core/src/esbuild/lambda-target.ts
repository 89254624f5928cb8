import { InvalidConfigError } from "../errors/errors";
import type { LambdaArchitecture, LambdaNodeRuntime } from "./types";

/** The Node.js runtimes {@link buildLambda} builds for, newest first. */
export const LAMBDA_NODE_RUNTIMES: readonly LambdaNodeRuntime[] = ["nodejs24.x", "nodejs22.x"];

/** Lambda's names of its architectures. */
export const LAMBDA_ARCHITECTURES: readonly LambdaArchitecture[] = ["arm64", "x86_64"];

/** The function a build is for, checked: what the compile cache must be made for. */
export interface LambdaTarget {
  readonly runtime: LambdaNodeRuntime;
  readonly architecture: LambdaArchitecture;
  /** The runtime's Node.js major version, e.g. `24`. */
  readonly major: number;
  /** The runtime's exact Node.js, when the caller named it. */
  readonly nodeVersion: string | undefined;
}

/**
 * Checks what the caller asked for, with a message naming the setting: a typo such as
 * `"x64"` or `"nodejs24"` must not pass for a build that silently ships no cache.
 *
 * @throws InvalidConfigError on an unknown runtime or architecture, or a `nodeVersion` that
 *   is not an exact version of the runtime's major.
 */
export function lambdaTarget(
  runtime: string,
  architecture: string,
  nodeVersion: string | undefined,
): LambdaTarget {
  if (!LAMBDA_NODE_RUNTIMES.includes(runtime as LambdaNodeRuntime)) {
    throw InvalidConfigError.invalid("runtime", runtime, `one of ${quoted(LAMBDA_NODE_RUNTIMES)}`);
  }
  if (!LAMBDA_ARCHITECTURES.includes(architecture as LambdaArchitecture)) {
    throw InvalidConfigError.invalid(
      "architecture",
      architecture,
      `one of ${quoted(LAMBDA_ARCHITECTURES)} (Lambda's names)`,
    );
  }
  const major = Number(runtime.replace(/^nodejs(\d+)\.x$/, "$1"));
  if (nodeVersion !== undefined) {
    if (!/^\d+\.\d+\.\d+$/.test(nodeVersion)) {
      throw InvalidConfigError.invalid(
        "nodeVersion",
        nodeVersion,
        `the runtime's exact Node.js version, e.g. "${major}.12.0"`,
      );
    }
    if (majorOf(nodeVersion) !== major) {
      throw InvalidConfigError.invalid(
        "nodeVersion",
        nodeVersion,
        `a Node.js ${major} version: ${runtime} runs Node.js ${major}`,
      );
    }
  }
  return {
    runtime: runtime as LambdaNodeRuntime,
    architecture: architecture as LambdaArchitecture,
    major,
    nodeVersion,
  };
}

/** The build machine's architecture in Lambda's names; `undefined` for one Lambda has not. */
export function hostArchitecture(arch: string = process.arch): LambdaArchitecture | undefined {
  if (arch === "x64") return "x86_64";
  if (arch === "arm64") return "arm64";
  return undefined;
}

/** `"24.21.0"` → `24`. */
export function majorOf(version: string): number {
  return Number(version.split(".")[0]);
}

const quoted = (names: readonly string[]) => names.map((name) => `"${name}"`).join(", ");
