import type { BuildLambdaOptions } from "@org/aws-core/esbuild";
import type { Architecture, FunctionOptions, Runtime } from "aws-cdk-lib/aws-lambda";

/**
 * The parts of the cold-start recipe {@link LambdaFunction} builds with `buildLambda()` of
 * `@org/aws-core/esbuild`, each on by default: `lean` (the SDK's credential chains trimmed to
 * what Lambda uses), `splitting` (code reached by `import()` in chunks read only when used),
 * `execWrapper` (`start-node.sh`, which starts the runtime without `--expose-gc`) and
 * `compileCache` (V8's compile cache of the bundle, made by the runtime's Node.js).
 *
 * @example
 * ```ts
 * import type { LambdaFunctionBuildOptions } from "@org/aws-cdk";
 *
 * // A quicker synth for a test: no compile cache, so no emulator and no Node.js download.
 * const build: LambdaFunctionBuildOptions = { compileCache: false };
 * ```
 */
export type LambdaFunctionBuildOptions = Pick<
  BuildLambdaOptions,
  "lean" | "splitting" | "execWrapper" | "compileCache"
>;

/**
 * Props of {@link LambdaFunction}: the handler module, the runtime it is built for, and every
 * option of a Lambda function (`memorySize`, `timeout`, `environment`, `logGroup`,
 * `runtimeManagementMode`...), as `NodejsFunction` takes them. The code, the handler
 * (`index.handler`) and `AWS_LAMBDA_EXEC_WRAPPER` come from the build.
 *
 * @example
 * ```ts
 * import type { LambdaFunctionProps } from "@org/aws-cdk";
 * import { Duration } from "aws-cdk-lib";
 *
 * const props: LambdaFunctionProps = {
 *   entry: "src/handler.ts",
 *   memorySize: 256,
 *   timeout: Duration.seconds(10),
 * };
 * ```
 */
export interface LambdaFunctionProps extends FunctionOptions {
  /**
   * The handler module, which exports `handler` (TypeScript or JavaScript), e.g.
   * `"src/handler.ts"`. A relative path is resolved from the working folder, as
   * `NodejsFunction` does.
   */
  readonly entry: string;
  /**
   * The Node.js runtime: `Runtime.NODEJS_24_X` or `Runtime.NODEJS_22_X`. Node.js 22 cannot
   * make a compile cache another machine accepts, so a `nodejs22.x` function ships none (a
   * warning says so).
   * @defaultValue `Runtime.NODEJS_24_X`
   */
  readonly runtime?: Runtime | undefined;
  /**
   * `Architecture.ARM_64` (Graviton) or `Architecture.X86_64`. The compile cache is made for
   * it: on an x64 machine an arm64 cache is made under qemu user-mode emulation
   * (`qemu-aarch64-static` or `qemu-aarch64` on the PATH).
   * @defaultValue `Architecture.ARM_64`
   */
  readonly architecture?: Architecture;
  /**
   * The runtime's exact Node.js version (what `process.version` prints in the function,
   * without the `v`), e.g. `"24.12.0"`: the compile cache is made by that Node.js, fetched once
   * from the npm registry when it is not the one running the synth. Required when the runtime
   * is pinned (`runtimeManagementMode: RuntimeManagementMode.manual(arn)`) and the cache is on.
   * @defaultValue the Node.js running the synth when its major is the runtime's (otherwise
   *   no cache is made)
   */
  readonly nodeVersion?: string | undefined;
  /** The parts of the cold-start recipe to build; all on by default. */
  readonly build?: LambdaFunctionBuildOptions | undefined;
}
