import { Errors } from "aws-cdk-lib";
import { describe, expect, it } from "vitest";
import { checkBuiltCache } from "../src/pinning";
import type { WorkerBuild } from "../src/worker-protocol";
import { testStack, warningsOf } from "./support";

const build = (cacheNode: string | undefined): WorkerBuild => ({
  outdir: "/tmp/out",
  handler: "index.handler",
  environment: {},
  runtime: "nodejs24.x",
  architecture: "arm64",
  bytes: { entry: 1, atStart: 1, total: 1 },
  compileCache: cacheNode
    ? { nodeVersion: cacheNode, directory: `/tmp/out/.node-compile-cache/v${cacheNode}`, bytes: 1 }
    : undefined,
  skipped: [],
});

describe("checkBuiltCache()", () => {
  it("fails when the cache was made by another Node.js than nodeVersion", () => {
    const stack = testStack({ bundle: false });
    let thrown: unknown;
    try {
      checkBuiltCache(stack, build("24.13.0"), true, "24.12.0");
    } catch (error) {
      thrown = error;
    }
    expect(Errors.isValidationError(thrown)).toBe(true);
    expect((thrown as Error).message).toBe(
      "the compile cache was made by Node.js 24.13.0, not nodeVersion 24.12.0: Lambda would ignore it",
    );
  });

  it("accepts the cache of nodeVersion on a pinned runtime, silently", () => {
    const stack = testStack({ bundle: false });
    checkBuiltCache(stack, build("24.12.0"), true, "24.12.0");
    expect(warningsOf(stack, "Test")).toEqual([]);
  });

  it("warns when the runtime is not pinned, naming the cache's Node.js", () => {
    const stack = testStack({ bundle: false });
    checkBuiltCache(stack, build("24.12.0"), false, "24.12.0");
    expect(warningsOf(stack, "Test")).toEqual([
      expect.stringMatching(
        /^The compile cache is for Node\.js 24\.12\.0: it helps only while Lambda runs that version\./,
      ),
    ]);
  });

  it("has nothing to say without a cache", () => {
    const stack = testStack({ bundle: false });
    checkBuiltCache(stack, build(undefined), false, "24.12.0");
    expect(warningsOf(stack, "Test")).toEqual([]);
  });
});
