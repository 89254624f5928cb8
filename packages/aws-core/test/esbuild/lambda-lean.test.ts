import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { LAMBDA_LEAN_NAMESPACE, lambdaLean } from "../../src/esbuild/lambda-lean";
import { bundle, chainPackagesIn, sdkPackageDir } from "./bundle-helpers";

const dynamoHandler = {
  file: fileURLToPath(new URL("./fixtures/dynamo-package-handler.ts", import.meta.url)),
};
const bedrockClient = {
  contents: `import { BedrockRuntimeClient } from "@aws-sdk/client-bedrock-runtime";
export const client = () => new BedrockRuntimeClient({});`,
  resolveDir: sdkPackageDir("@aws-sdk/client-bedrock-runtime"),
};

describe("lambdaLean()", () => {
  it("drops the credential providers and nested clients Lambda never uses", async () => {
    const full = await bundle(dynamoHandler, []);
    const lean = await bundle(dynamoHandler, [lambdaLean()]);

    // Without the plugin they are all there: the check below is not vacuous.
    expect(chainPackagesIn(full.inputs)).toHaveLength(7);
    expect(chainPackagesIn(lean.inputs)).toEqual([]);
    // What Lambda does use stays: environment and container credentials.
    expect(lean.inputs.some((p) => p.includes("/@aws-sdk/credential-provider-env/"))).toBe(true);
    expect(lean.inputs.some((p) => p.includes("/@aws-sdk/credential-provider-http/"))).toBe(true);
    // The SDK's chain module was read from our stand-in, not from its file.
    expect(lean.inputs.filter((p) => p.includes("/@aws-sdk/credential-provider-node/"))).toEqual([
      expect.stringMatching(new RegExp(`^${LAMBDA_LEAN_NAMESPACE}:`)),
    ]);
    // Same client and DocumentClient code otherwise, and a third smaller at least.
    expect(lean.inputs.some((p) => p.includes("/@aws-sdk/client-dynamodb/"))).toBe(true);
    expect(lean.bytes).toBeLessThan(full.bytes * 0.7);
  });

  it("keeps environment variables only with containerCredentials: false", async () => {
    const withContainer = await bundle(dynamoHandler, [lambdaLean()]);
    const envOnly = await bundle(dynamoHandler, [lambdaLean({ containerCredentials: false })]);
    expect(envOnly.inputs.some((p) => p.includes("/@aws-sdk/credential-provider-http/"))).toBe(
      false,
    );
    expect(chainPackagesIn(envOnly.inputs)).toEqual([]);
    expect(envOnly.bytes).toBeLessThan(withContainer.bytes);
  });

  it("drops Bedrock's SSO token chain (and its nested SSO OIDC client) unless told not to", async () => {
    const full = await bundle(bedrockClient, []);
    const lean = await bundle(bedrockClient, [lambdaLean()]);
    const tokensKept = await bundle(bedrockClient, [lambdaLean({ tokenProviders: false })]);

    expect(chainPackagesIn(full.inputs)).toContain("@aws-sdk/nested-clients");
    expect(chainPackagesIn(lean.inputs)).toEqual([]);
    expect(lean.inputs.filter((p) => p.includes("/@aws-sdk/token-providers/"))).toEqual([
      expect.stringMatching(new RegExp(`^${LAMBDA_LEAN_NAMESPACE}:`)),
    ]);
    // Without the token stand-in, the SSO OIDC nested client comes back, and only it.
    expect(chainPackagesIn(tokensKept.inputs)).toEqual(["@aws-sdk/nested-clients"]);
    expect(
      tokensKept.inputs.filter((p) => p.includes("nested-clients/") && !p.includes("/sso-oidc/")),
    ).toEqual([expect.stringContaining("nested-clients/package.json")]);
    expect(lean.bytes).toBeLessThan(tokensKept.bytes);
  });

  it("leaves an import alone when the build marks it external", async () => {
    const result = await bundle(dynamoHandler, [lambdaLean()], {
      external: ["@aws-sdk/credential-provider-node"],
    });
    expect(result.inputs.some((p) => p.startsWith(`${LAMBDA_LEAN_NAMESPACE}:`))).toBe(false);
    expect(result.code).toMatch(/from\s*"@aws-sdk\/credential-provider-node"/);
  });

  it("works for CommonJS output from the SDK's CommonJS build", async () => {
    const result = await bundle(dynamoHandler, [lambdaLean()], {
      format: "cjs",
      mainFields: ["main"],
      banner: {},
    });
    expect(chainPackagesIn(result.inputs)).toEqual([]);
    expect(result.inputs.some((p) => p.includes("/credential-provider-node/dist-cjs/"))).toBe(true);
  });

  it("lets esbuild report a chain module it cannot resolve, as without the plugin", async () => {
    const build = bundle(
      { contents: `export * from "@aws-sdk/credential-provider-node";`, resolveDir: "/" },
      [lambdaLean()],
    );
    await expect(build).rejects.toThrow(/Could not resolve "@aws-sdk\/credential-provider-node"/);
  });
});
