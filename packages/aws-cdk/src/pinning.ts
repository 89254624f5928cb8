import { Annotations } from "aws-cdk-lib";
import type { RuntimeManagementMode } from "aws-cdk-lib/aws-lambda";
import type { IConstruct } from "constructs";
import { validationError } from "./errors";
import type { WorkerBuild } from "./worker-protocol";

/** The id of the warning that the compile cache only helps while Lambda runs its Node.js. */
export const UNPINNED_CACHE_WARNING = "@org/aws-cdk:compileCacheNotPinned";

/** True when the function's runtime version is pinned (runtime management, manual mode). */
export function isPinned(mode: RuntimeManagementMode | undefined): boolean {
  return mode?.mode === "Manual";
}

/**
 * A pinned runtime keeps one Node.js version, so a compile cache made for another never
 * helps: the version must be named, not taken from whatever Node.js runs the synth.
 */
export function requireNodeVersionWhenPinned(
  scope: IConstruct,
  pinned: boolean,
  compileCache: boolean,
  nodeVersion: string | undefined,
): void {
  if (pinned && compileCache && nodeVersion === undefined) {
    throw validationError(
      scope,
      "PinnedRuntimeWithoutNodeVersion",
      "the runtime is pinned (RuntimeManagementMode.manual) but nodeVersion is not set: give the " +
        'pinned runtime\'s exact Node.js version (e.g. nodeVersion: "24.12.0"): the compile cache ' +
        "would be made for the Node.js running the synth, which Lambda may ignore " +
        "(or build without it: build: { compileCache: false })",
    );
  }
}

/**
 * After a build: its cache must be for the Node.js asked for (synth fails otherwise), and
 * without a pin a warning says how long it helps.
 */
export function checkBuiltCache(
  scope: IConstruct,
  built: WorkerBuild,
  pinned: boolean,
  nodeVersion: string | undefined,
): void {
  const cache = built.compileCache;
  if (!cache) return;
  if (nodeVersion !== undefined && cache.nodeVersion !== nodeVersion) {
    throw validationError(
      scope,
      "CompileCacheNodeVersionMismatch",
      `the compile cache was made by Node.js ${cache.nodeVersion}, not nodeVersion ${nodeVersion}: ` +
        "Lambda would ignore it",
    );
  }
  if (!pinned) {
    Annotations.of(scope).addWarningV2(
      UNPINNED_CACHE_WARNING,
      `The compile cache is for Node.js ${cache.nodeVersion}: it helps only while Lambda runs ` +
        "that version. Pin the runtime (runtimeManagementMode: RuntimeManagementMode.manual(arn)) " +
        `with nodeVersion: "${cache.nodeVersion}", or acknowledge this warning.`,
    );
  }
}
