import { existsSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { Annotations, AssetHashType, DockerImage, Stack } from "aws-cdk-lib";
import { Architecture, Code, Function as LambdaBase, Runtime } from "aws-cdk-lib/aws-lambda";
import type { Construct } from "constructs";
import { cacheNeutralHash, type StagedAssetOptions } from "./asset-hash";
import { validationError } from "./errors";
import { functionTarget } from "./function-target";
import { LocalBuild } from "./local-build";
import { checkBuiltCache, isPinned, requireNodeVersionWhenPinned } from "./pinning";
import type { LambdaFunctionProps } from "./types";
import { checkBuiltEnvironment, wrapperEnvironment } from "./wrapper-environment";

/** The id of the warning for each part of the recipe the build could not make. */
const SKIPPED_WARNING = "@org/aws-cdk:buildSkipped";

/**
 * A Node.js Lambda function built at synth with the cold-start recipe of `buildLambda()`
 * (`@org/aws-core/esbuild`): a lean, split esbuild bundle, the exec wrapper that starts the
 * runtime without `--expose-gc`, and V8's compile cache made by exactly the runtime's Node.js
 * on the function's architecture (arm64 by default). Handler `index.handler`.
 *
 * The build runs locally (no Docker) through CDK's asset bundling, so `cdk synth` and
 * `cdk deploy --exclusively` skip it for stacks they do not need, and the asset's hash is the
 * built folder's. A part of the recipe that cannot be made is a warning; a cache made for
 * another Node.js than `nodeVersion` fails the synth; a pinned runtime needs `nodeVersion`.
 *
 * @example
 * ```ts
 * import { LambdaFunction } from "@org/aws-cdk";
 * import { Duration, Stack } from "aws-cdk-lib";
 *
 * declare const stack: Stack;
 * const fn = new LambdaFunction(stack, "Api", {
 *   entry: "src/handler.ts",
 *   memorySize: 256,
 *   timeout: Duration.seconds(10),
 *   environment: { TABLE_NAME: "app" },
 * });
 * ```
 */
export class LambdaFunction extends LambdaBase {
  constructor(scope: Construct, id: string, props: LambdaFunctionProps) {
    const {
      entry,
      runtime = Runtime.NODEJS_24_X,
      architecture = Architecture.ARM_64,
      nodeVersion,
      build = {},
      ...functionOptions
    } = props;
    const target = functionTarget(scope, runtime, architecture, nodeVersion);
    const { lean = true, splitting = true, execWrapper = true, compileCache = true } = build;
    const pinned = isPinned(functionOptions.runtimeManagementMode);
    requireNodeVersionWhenPinned(scope, pinned, compileCache, nodeVersion);
    const entryPath = resolve(entry);
    if (!existsSync(entryPath)) {
      throw validationError(scope, "EntryNotFound", `entry ${entry} does not exist (${entryPath})`);
    }
    if (execWrapper && functionOptions.environment?.AWS_LAMBDA_EXEC_WRAPPER !== undefined) {
      throw validationError(
        scope,
        "ExecWrapperConflict",
        "environment sets AWS_LAMBDA_EXEC_WRAPPER, which the build's exec wrapper needs: " +
          "set build: { execWrapper: false } to use your own",
      );
    }

    const local = new LocalBuild({
      entry: entryPath,
      ...target,
      lean,
      splitting,
      execWrapper,
      compileCache,
    });
    super(scope, id, {
      ...functionOptions,
      runtime,
      architecture,
      handler: "index.handler",
      // From the options, not the build: the variable is in the template when bundling is skipped.
      environment: { ...functionOptions.environment, ...wrapperEnvironment(execWrapper) },
      // The source folder only names the asset; what is deployed is the folder the build fills.
      code: Code.fromAsset(dirname(entryPath), {
        assetHashType: AssetHashType.OUTPUT,
        ...cacheNeutralHash(target, compileCache),
        bundling: {
          local,
          // Never pulled: local bundling always builds or throws.
          image: DockerImage.fromRegistry("dummy"),
        },
      } satisfies StagedAssetOptions),
    });

    // Nothing was built when the stack's bundling is skipped (`cdk deploy OtherStack`).
    const built = Stack.of(this).bundlingRequired ? local.built : undefined;
    if (!built) return;
    checkBuiltEnvironment(this, built, execWrapper);
    checkBuiltCache(this, built, pinned, nodeVersion);
    for (const line of built.skipped) Annotations.of(this).addWarningV2(SKIPPED_WARNING, line);
  }
}
