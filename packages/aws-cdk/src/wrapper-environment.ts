import type { IConstruct } from "constructs";
import { validationError } from "./errors";
import type { WorkerBuild } from "./worker-protocol";

/** What `buildLambda()` sets with the exec wrapper: the script in the code's folder. */
const EXEC_WRAPPER_ENVIRONMENT: Readonly<Record<string, string>> = {
  AWS_LAMBDA_EXEC_WRAPPER: "/var/task/start-node.sh",
};

/**
 * The variables the function needs for its build, known from the options alone: they are in
 * the template even when the stack's bundling is skipped and nothing is built.
 */
export function wrapperEnvironment(execWrapper: boolean): Readonly<Record<string, string>> {
  return execWrapper ? EXEC_WRAPPER_ENVIRONMENT : {};
}

/**
 * After a build: what it says the function needs must be what the template sets, or the
 * runtime would look for a wrapper that is not there (an `@org/aws-core` that names it
 * otherwise).
 */
export function checkBuiltEnvironment(
  scope: IConstruct,
  built: WorkerBuild,
  execWrapper: boolean,
): void {
  const expected = JSON.stringify(wrapperEnvironment(execWrapper));
  const made = JSON.stringify(built.environment);
  if (made !== expected) {
    throw validationError(
      scope,
      "BuildEnvironmentMismatch",
      `the build needs the variables ${made}, the function sets ${expected}: use versions of ` +
        "@org/aws-cdk and @org/aws-core released together",
    );
  }
}
