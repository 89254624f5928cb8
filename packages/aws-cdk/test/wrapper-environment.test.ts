import { describe, expect, it } from "vitest";
import type { WorkerBuild } from "../src/worker-protocol";
import { checkBuiltEnvironment, wrapperEnvironment } from "../src/wrapper-environment";
import { testStack } from "./support";

const built = (environment: Record<string, string>): WorkerBuild => ({
  outdir: "/tmp/out",
  handler: "index.handler",
  environment,
  runtime: "nodejs24.x",
  architecture: "arm64",
  bytes: { entry: 1, atStart: 1, total: 1 },
  compileCache: undefined,
  skipped: [],
});

describe("checkBuiltEnvironment()", () => {
  it("accepts a build that needs what the template sets, wrapper or not", () => {
    const stack = testStack({ bundle: false });
    expect(() => checkBuiltEnvironment(stack, built(wrapperEnvironment(true)), true)).not.toThrow();
    expect(() => checkBuiltEnvironment(stack, built({}), false)).not.toThrow();
  });

  it("fails when the build names another wrapper than the template", () => {
    const stack = testStack({ bundle: false });
    const other = built({ AWS_LAMBDA_EXEC_WRAPPER: "/var/task/other.sh" });
    expect(() => checkBuiltEnvironment(stack, other, true)).toThrow(
      'the build needs the variables {"AWS_LAMBDA_EXEC_WRAPPER":"/var/task/other.sh"}, the function sets {"AWS_LAMBDA_EXEC_WRAPPER":"/var/task/start-node.sh"}',
    );
  });
});
