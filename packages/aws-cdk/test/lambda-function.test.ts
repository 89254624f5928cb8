import { readdirSync } from "node:fs";
import { type App, Duration, Errors, RemovalPolicy, type Stack } from "aws-cdk-lib";
import { Template } from "aws-cdk-lib/assertions";
import { Architecture, Runtime, RuntimeManagementMode } from "aws-cdk-lib/aws-lambda";
import { LogGroup, RetentionDays } from "aws-cdk-lib/aws-logs";
import { describe, expect, it } from "vitest";
import { LambdaFunction, type LambdaFunctionProps } from "../src/index";
import { fixtureHandler, testStack, warningsOf } from "./support";

// Everything here runs with the stack's bundling skipped: what the template says comes from
// the props alone, and a prop that cannot work fails even when nothing is built.
const PINNED = RuntimeManagementMode.manual(
  "arn:aws:lambda:eu-west-1::runtime:0cdcfbdefbc5e7d3343f73c2e2dd3cba17d61dea0686b404502a0c9ce83931b9",
);

function synth(props: Partial<LambdaFunctionProps> = {}): { stack: Stack; template: Template } {
  const stack = testStack({ bundle: false });
  new LambdaFunction(stack, "Fn", { entry: fixtureHandler, ...props });
  return { stack, template: Template.fromStack(stack) };
}

function construct(props: Partial<LambdaFunctionProps>): () => void {
  return () => synth(props);
}

describe("LambdaFunction in the template", () => {
  it("is a Node.js 24 function on arm64, handler index.handler, started through the exec wrapper", () => {
    const { template } = synth({ environment: { TABLE_NAME: "app" } });
    template.resourceCountIs("AWS::Lambda::Function", 1);
    template.hasResourceProperties("AWS::Lambda::Function", {
      Runtime: "nodejs24.x",
      Architectures: ["arm64"],
      Handler: "index.handler",
      Environment: {
        Variables: { TABLE_NAME: "app", AWS_LAMBDA_EXEC_WRAPPER: "/var/task/start-node.sh" },
      },
    });
  });

  it("leaves AWS_LAMBDA_EXEC_WRAPPER out without the wrapper", () => {
    const { template } = synth({ build: { execWrapper: false }, environment: { A: "1" } });
    template.hasResourceProperties("AWS::Lambda::Function", {
      Environment: { Variables: { A: "1" } },
    });
    const [fn] = Object.values(template.findResources("AWS::Lambda::Function"));
    expect(fn?.Properties.Environment.Variables).toEqual({ A: "1" });
  });

  it("takes nodejs22.x and x86_64", () => {
    const { template } = synth({
      runtime: Runtime.NODEJS_22_X,
      architecture: Architecture.X86_64,
    });
    template.hasResourceProperties("AWS::Lambda::Function", {
      Runtime: "nodejs22.x",
      Architectures: ["x86_64"],
    });
  });

  it("passes every function option through (memory, timeout, log group, runtime management)", () => {
    const stack = testStack({ bundle: false });
    const logGroup = new LogGroup(stack, "Logs", {
      retention: RetentionDays.ONE_MONTH,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    new LambdaFunction(stack, "Fn", {
      entry: fixtureHandler,
      description: "the api",
      memorySize: 256,
      timeout: Duration.seconds(28),
      logGroup,
      runtimeManagementMode: PINNED,
      nodeVersion: "24.12.0",
    });
    const template = Template.fromStack(stack);
    template.hasResourceProperties("AWS::Lambda::Function", {
      Description: "the api",
      MemorySize: 256,
      Timeout: 28,
      LoggingConfig: { LogGroup: { Ref: stack.getLogicalId(logGroup.node.defaultChild as never) } },
      RuntimeManagementConfig: {
        UpdateRuntimeOn: "Manual",
        RuntimeVersionArn: PINNED.arn,
      },
    });
  });

  it("builds nothing when the stack's bundling is skipped, and warns of nothing", () => {
    const { stack } = synth();
    const outdir = (stack.node.root as App).outdir;
    expect(readdirSync(outdir).filter((file) => file.startsWith("asset."))).toEqual([]);
    expect(warningsOf(stack, "Test/Fn")).toEqual([]);
  });
});

describe("LambdaFunction refuses props that cannot work", () => {
  it("a pinned runtime without nodeVersion, while the compile cache is on", () => {
    expect(construct({ runtimeManagementMode: PINNED })).toThrow(
      /runtime is pinned \(RuntimeManagementMode\.manual\) but nodeVersion is not set/,
    );
    // Pinned with the version named, or pinned without a cache: nothing to get wrong.
    expect(construct({ runtimeManagementMode: PINNED, nodeVersion: "24.12.0" })).not.toThrow();
    expect(
      construct({ runtimeManagementMode: PINNED, build: { compileCache: false } }),
    ).not.toThrow();
  });

  it.each([
    ["nodejs20.x", Runtime.NODEJS_20_X],
    ["python3.13", Runtime.PYTHON_3_13],
  ])("runtime %s", (name, runtime) => {
    expect(construct({ runtime })).toThrow(
      `runtime ${name} is not supported: use Runtime.NODEJS_24_X or Runtime.NODEJS_22_X`,
    );
  });

  it("an architecture Lambda's Node.js runtimes do not have", () => {
    expect(construct({ architecture: Architecture.custom("riscv64") })).toThrow(
      "architecture riscv64 is not supported",
    );
  });

  it.each([
    ["v24.12.0", /not an exact Node\.js version/],
    ["24", /not an exact Node\.js version/],
    ["22.12.0", /nodeVersion 22\.12\.0 is not a Node\.js 24 version: nodejs24\.x runs Node\.js 24/],
  ])("nodeVersion %s", (nodeVersion, message) => {
    expect(construct({ nodeVersion })).toThrow(message);
  });

  it("an entry that does not exist", () => {
    expect(construct({ entry: "no/such/handler.ts" })).toThrow(
      /entry no\/such\/handler\.ts does not exist/,
    );
  });

  it("an AWS_LAMBDA_EXEC_WRAPPER of the caller's while the build ships its own", () => {
    const environment = { AWS_LAMBDA_EXEC_WRAPPER: "/opt/mine" };
    expect(construct({ environment })).toThrow(
      /set build: \{ execWrapper: false \} to use your own/,
    );
    const { template } = synth({ environment, build: { execWrapper: false } });
    template.hasResourceProperties("AWS::Lambda::Function", {
      Environment: { Variables: environment },
    });
  });

  it("with the CDK's own ValidationError, naming the construct", () => {
    let thrown: unknown;
    try {
      synth({ runtime: Runtime.NODEJS_20_X });
    } catch (error) {
      thrown = error;
    }
    expect(Errors.isValidationError(thrown)).toBe(true);
    expect((thrown as { constructPath?: string }).constructPath).toBe("Test");
  });
});
