import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { lambdaLean } from "../../src/esbuild/index";
import { bundle, importBundle, sdkPackageDir } from "./bundle-helpers";

type TokenProvider = () => Promise<{ token: string }>;
interface TokenModule {
  fromEnvSigningName: (init?: { signingName?: string }) => TokenProvider;
  fromStatic: (init: { token?: { token: string } }) => TokenProvider;
  fromSso: (init?: object) => TokenProvider;
  nodeProvider: (init?: object) => TokenProvider;
}

// Bedrock Runtime's own import, through the plugin.
const tokenImport = {
  contents: `export * from "@aws-sdk/token-providers";`,
  resolveDir: sdkPackageDir("@aws-sdk/client-bedrock-runtime"),
};

let lean: TokenModule;
let cleanup = () => {};
beforeAll(async () => {
  const loaded = await importBundle<TokenModule>((await bundle(tokenImport, [lambdaLean()])).code);
  lean = loaded.module;
  cleanup = loaded.cleanup;
});
afterAll(() => cleanup());
afterEach(() => {
  vi.unstubAllEnvs();
});

describe("the lean token providers", () => {
  it("keep the exports of @aws-sdk/token-providers", () => {
    expect(Object.keys(lean).sort()).toEqual([
      "fromEnvSigningName",
      "fromSso",
      "fromStatic",
      "nodeProvider",
    ]);
  });

  it("still read a Bedrock API key from the environment", async () => {
    vi.stubEnv("AWS_BEARER_TOKEN_BEDROCK", "bedrock-api-key");
    const provider = lean.fromEnvSigningName({ signingName: "bedrock" });
    expect(await provider()).toMatchObject({ token: "bedrock-api-key" });
  });

  it("fail like the SDK's when the variable is missing", async () => {
    vi.stubEnv("AWS_BEARER_TOKEN_BEDROCK", undefined);
    await expect(lean.fromEnvSigningName({ signingName: "bedrock" })()).rejects.toMatchObject({
      name: "TokenProviderError",
      tryNextLink: true,
    });
    await expect(lean.fromEnvSigningName()()).rejects.toThrow(/signingName/);
  });

  it("return a static token", async () => {
    await expect(lean.fromStatic({ token: { token: "t" } })()).resolves.toEqual({ token: "t" });
    await expect(lean.fromStatic({})()).rejects.toMatchObject({ name: "TokenProviderError" });
  });

  it("say no SSO token is available, naming the lean build", async () => {
    await expect(lean.nodeProvider()()).rejects.toMatchObject({
      name: "TokenProviderError",
      tryNextLink: false,
    });
    await expect(lean.nodeProvider()()).rejects.toThrow(/lambdaLean\(\)/);
    await expect(lean.fromSso()()).rejects.toMatchObject({ tryNextLink: true });
  });
});
