import { type Duration, RemovalPolicy, Validations } from "aws-cdk-lib";
import { Architecture, Code, Function as LambdaFunction, Runtime } from "aws-cdk-lib/aws-lambda";
import { LogGroup, RetentionDays } from "aws-cdk-lib/aws-logs";
import { Construct } from "constructs";

/** Props of {@link LambdaApp}. */
export interface LambdaAppProps {
  /**
   * The folder holding the app's esbuild bundle (`index.mjs`, exporting `handler`), e.g.
   * `apps/users-api/dist`. It is zipped as is: the CDK does no bundling.
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
}

/**
 * One of the repo's Lambda apps: a Node.js 20 function on arm64 running a prebuilt bundle
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
      runtime: Runtime.NODEJS_20_X,
      architecture: Architecture.ARM_64,
      // esbuild's metafile is a build report, not code.
      code: Code.fromAsset(props.assetPath, { exclude: ["meta.json"] }),
      handler: "index.handler",
      memorySize: props.memorySize,
      timeout: props.timeout,
      environment: { ...props.environment },
      logGroup: this.logGroup,
    });
    // nodejs20.x is deprecated since 2026-04-30 (creation blocked from 2027-02-01): the apps
    // bundle for Node.js 20 (esbuild target node20). Move both to NODEJS_24_X together.
    Validations.of(this.function).acknowledge({
      id: "CloudFormation-Validate::W2531",
      reason: "Node.js 20 is the runtime the apps are built and tested for",
    });
  }
}
