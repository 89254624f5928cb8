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
});
