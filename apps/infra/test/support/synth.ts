import { readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { App, type CfnElement, type Stack } from "aws-cdk-lib";
import { Template } from "aws-cdk-lib/assertions";
import type { IFunction } from "aws-cdk-lib/aws-lambda";
import type { IConstruct } from "constructs";
import { LambdaAppsStack, type LambdaAppsStackProps } from "../../lib/lambda-apps-stack";
import type { BundleFixture } from "./fixtures";

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

/**
 * Synthesizes the stack in-process (no CLI, no AWS) with the stand-in bundles of `fixture`.
 * CloudFormation validation (about 10 s) is left to the CLI test.
 */
export function synthStack(
  fixture: BundleFixture,
  props: Partial<LambdaAppsStackProps> = {},
): Synthesized {
  const app = new App({
    context: cdkJsonContext(),
    outdir: join(fixture.dir, `cdk.out.${Math.random().toString(36).slice(2)}`),
    builtinCloudFormationValidation: false,
  });
  const stack = new LambdaAppsStack(app, "LambdaApps", {
    translationApiAssetPath: fixture.translationApiAssetPath,
    usersApiAssetPath: fixture.usersApiAssetPath,
    ...props,
  });
  return { stack, template: Template.fromStack(stack) };
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
