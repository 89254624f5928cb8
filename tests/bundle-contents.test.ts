import { execFileSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { lambdaBuildOptions } from "@org/aws-core/esbuild";
import { build } from "esbuild";
import { describe, expect, it } from "vitest";
import { bundledPackages, bundleHandler, fixture } from "./bundle";

describe("a handler bundles only the clients it imports", () => {
  it("@org/aws-cognito alone: no DynamoDB or Bedrock code", async () => {
    const packages = bundledPackages(await bundleHandler(fixture("cognito-only.ts")));
    expect(packages).toContain("@aws-sdk/client-cognito-identity-provider");
    expect(packages).toContain("aws-jwt-verify");
    for (const absent of [
      "@aws-sdk/client-dynamodb",
      "@aws-sdk/lib-dynamodb",
      "@aws-sdk/client-bedrock-runtime",
      "@org/aws-dynamo",
      "@org/aws-bedrock",
    ]) {
      expect(packages, absent).not.toContain(absent);
    }
  });

  it("@org/aws-bedrock alone: no DynamoDB or Cognito code", async () => {
    const packages = bundledPackages(await bundleHandler(fixture("bedrock-only.ts")));
    expect(packages).toContain("@aws-sdk/client-bedrock-runtime");
    for (const absent of [
      "@aws-sdk/client-dynamodb",
      "@aws-sdk/lib-dynamodb",
      "@aws-sdk/client-cognito-identity-provider",
      "aws-jwt-verify",
      "@org/aws-dynamo",
      "@org/aws-cognito",
    ]) {
      expect(packages, absent).not.toContain(absent);
    }
  });

  it("the names and kinds of thrown errors survive minification (logs and HTTP statuses read them)", async () => {
    const out = join(mkdtempSync(join(tmpdir(), "error-names-")), "index.mjs");
    await build({
      ...lambdaBuildOptions({ lean: false, splitting: false }),
      entryPoints: [fixture("error-names.ts")],
      outfile: out,
      tsconfigRaw: "{}",
      logLevel: "silent",
    });
    writeFileSync(join(out, "..", "package.json"), "{}");
    const names = JSON.parse(execFileSync(process.execPath, [out], { encoding: "utf8" }));
    expect(names).toEqual([
      { name: "InvalidConfigError", kind: "internal" },
      { name: "DynamoNotFoundError", kind: "not-found" },
      { name: "DynamoConflictError", kind: "conflict" },
      { name: "CognitoUnauthorizedError", kind: "unauthorized" },
      { name: "CognitoForbiddenError", kind: "forbidden" },
      { name: "BedrockThrottledError", kind: "throttled" },
    ]);
  });
});
