import { readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { App, type CfnElement, type Stack } from "aws-cdk-lib";
import { Template } from "aws-cdk-lib/assertions";
import type { IFunction } from "aws-cdk-lib/aws-lambda";
import type { Asset } from "aws-cdk-lib/aws-s3-assets";
import type { IConstruct } from "constructs";
import { LambdaAppsStack, type LambdaAppsStackProps } from "../../lib/lambda-apps-stack";
import { tempFolder } from "./fixtures";

/** `apps/infra`. */
export const infraDir = fileURLToPath(new URL("../..", import.meta.url));

/** The context `cdk.json` gives the app (feature flags): tests synthesize with the same flags. */
export function cdkJsonContext(): Record<string, unknown> {
  const cdkJson = JSON.parse(readFileSync(join(infraDir, "cdk.json"), "utf8")) as {
    context?: Record<string, unknown>;
  };
  return cdkJson.context ?? {};
}

/** A synthesized {@link LambdaAppsStack} and its template. */
export interface Synthesized {
  readonly stack: LambdaAppsStack;
  readonly template: Template;
}

/** The test file's folder for its cloud assemblies (made when the file loads, removed after). */
const synthDir = tempFolder();

/**
 * Synthesizes the stack in-process (no CLI, no AWS), building both apps from their sources.
 * Without the compile cache unless `props.build` says otherwise (`build: {}` is the full
 * recipe): what most tests assert does not depend on it, and making it runs each bundle once
 * more (under emulation for arm64 on x64). CloudFormation validation (about 10 s) is left to
 * the CLI test.
 */
export function synthStack(props: Partial<LambdaAppsStackProps> = {}): Synthesized {
  const app = new App({
    context: cdkJsonContext(),
    outdir: join(synthDir, `cdk.out.${Math.random().toString(36).slice(2)}`),
    builtinCloudFormationValidation: false,
  });
  const stack = new LambdaAppsStack(app, "LambdaApps", {
    build: { compileCache: false },
    ...props,
  });
  return { stack, template: Template.fromStack(stack) };
}

/** The folder CDK staged a function's code in (what is zipped and deployed). */
export function stagedCode(fn: IFunction): string {
  const asset = fn.node.findChild("Code") as Asset;
  return join((fn.node.root as App).outdir, asset.assetPath);
}

/** The logical id of an L2 construct's CloudFormation resource. */
export function logicalId(stack: Stack, construct: IConstruct): string {
  return stack.getLogicalId(construct.node.defaultChild as CfnElement);
}

/** One IAM policy statement as it appears in the template. */
export interface Statement {
  readonly Effect: string;
  readonly Action: string | string[];
  readonly Resource: unknown;
}

/** Every statement of the inline policies attached to the execution role of `fn`. */
export function roleStatements(synth: Synthesized, fn: IFunction): Statement[] {
  if (!fn.role) throw new Error(`${fn.node.path} has no role`);
  const roleId = logicalId(synth.stack, fn.role);
  const policies = synth.template.findResources("AWS::IAM::Policy");
  return Object.values(policies)
    .filter((policy) =>
      (policy.Properties.Roles as { Ref?: string }[]).some((role) => role.Ref === roleId),
    )
    .flatMap((policy) => policy.Properties.PolicyDocument.Statement as Statement[]);
}

/** The actions of `statements`, flattened. */
export function actionsOf(statements: readonly Statement[]): string[] {
  return statements.flatMap((statement) => statement.Action);
}
