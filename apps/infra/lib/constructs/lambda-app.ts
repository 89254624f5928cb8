import type { LambdaNodeRuntime } from "@org/app-kit/api";
import { bundleEnvironment } from "@org/app-kit/bundle-environment";
import { type Duration, RemovalPolicy } from "aws-cdk-lib";
import {
  Architecture,
  Code,
  Function as LambdaFunction,
  Runtime,
  RuntimeManagementMode,
} from "aws-cdk-lib/aws-lambda";
import { LogGroup, RetentionDays } from "aws-cdk-lib/aws-logs";
import { Construct } from "constructs";

/** Props of {@link LambdaApp}. */
export interface LambdaAppProps {
  /**
   * The folder holding the app's esbuild bundle (`index.mjs`, exporting `handler`, and the
   * `chunks/` a split build writes beside it), e.g. `apps/users-api/dist`. The whole folder
   * is zipped as is (esbuild's `meta.json` left out): the CDK does no bundling. When it holds the
   * exec wrapper (`start-node.sh`), the function gets `AWS_LAMBDA_EXEC_WRAPPER` for it.
   */
  readonly assetPath: string;
  /** A description shown in the Lambda console. */
  readonly description: string;
  /** Memory in MB (CPU scales with it). */
  readonly memorySize: number;
  /** The function's timeout; keep it below the HTTP API's 30-second integration limit. */
  readonly timeout: Duration;
  /** Environment variables of the function. */
  readonly environment: Readonly<Record<string, string>>;
  /** The Lambda runtime, as the app declares it in its `api.ts`. */
  readonly runtime: LambdaNodeRuntime;
  /**
   * Pins the runtime to this version (runtime management, manual mode), e.g. so a compile
   * cache shipped in the bundle keeps matching its Node.js version. Default: Lambda updates
   * the runtime itself.
   */
  readonly runtimeVersionArn?: string | undefined;
}

const RUNTIMES: Record<LambdaNodeRuntime, Runtime> = {
  "nodejs24.x": Runtime.NODEJS_24_X,
  "nodejs22.x": Runtime.NODEJS_22_X,
};

/**
 * One of the repo's Lambda apps: a function on its declared Node.js runtime, on arm64
 * (Graviton), running a prebuilt bundle
 * (handler `index.handler`), and the log group it writes to (kept one month).
 *
 * The function gets no permissions here beyond writing its logs: grant each app what it uses.
 */
export class LambdaApp extends Construct {
  /** The function. */
  readonly function: LambdaFunction;
  /** The function's log group. */
  readonly logGroup: LogGroup;

  constructor(scope: Construct, id: string, props: LambdaAppProps) {
    super(scope, id);
    // Logs are operational data with a one-month retention: they go with the stack.
    this.logGroup = new LogGroup(this, "Logs", {
      retention: RetentionDays.ONE_MONTH,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    this.function = new LambdaFunction(this, "Function", {
      description: props.description,
      runtime: RUNTIMES[props.runtime],
      architecture: Architecture.ARM_64,
      // The whole folder: a split bundle's entry imports its chunks. esbuild's metafile is a
      // build report, not code.
      code: Code.fromAsset(props.assetPath, { exclude: ["meta.json"] }),
      handler: "index.handler",
      memorySize: props.memorySize,
      timeout: props.timeout,
      environment: { ...props.environment, ...bundleEnvironment(props.assetPath) },
      runtimeManagementMode: props.runtimeVersionArn
        ? RuntimeManagementMode.manual(props.runtimeVersionArn)
        : RuntimeManagementMode.AUTO,
      logGroup: this.logGroup,
    });
  }
}
