import { existsSync, readFileSync } from "node:fs";
import { gzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";

// Reads esbuild's metafile of the built bundle (pnpm build writes dist/ and dist/meta.json).
function bundle(app: string) {
  const dir = new URL(`../../${app}/dist/`, import.meta.url);
  if (!existsSync(new URL("meta.json", dir)))
    throw new Error(`apps/${app}/dist is missing: run "pnpm build" first`);
  const meta = JSON.parse(readFileSync(new URL("meta.json", dir), "utf8"));
  const inputs = Object.keys(meta.inputs) as string[];
  const output = Object.values(meta.outputs)[0] as {
    inputs: Record<string, { bytesInOutput: number }>;
  };
  const bytesFrom = (part: string) =>
    Object.entries(output.inputs)
      .filter(([path]) => path.includes(part))
      .reduce((sum, [, input]) => sum + input.bytesInOutput, 0);
  const code = readFileSync(new URL("index.mjs", dir));
  return {
    inputs,
    bytesFrom,
    code: code.toString(),
    bytes: code.byteLength,
    gzipBytes: gzipSync(code).byteLength,
  };
}

describe("app bundles", () => {
  // The user comes from the authorizer's claims through @org/aws-cognito/authorizer: a
  // couple of KB of claim checks, and neither the Cognito SDK nor a token library.
  it("users-api holds no Cognito SDK, token library or Bedrock code", () => {
    const { inputs, bytesFrom, code } = bundle("users-api");
    expect(inputs.some((p) => p.includes("@aws-sdk/client-dynamodb"))).toBe(true);
    expect(inputs.some((p) => p.includes("aws-cognito/dist/authorizer/"))).toBe(true);
    expect(bytesFrom("aws-cognito/")).toBeGreaterThan(0);
    expect(bytesFrom("aws-cognito/")).toBeLessThan(3_000);
    expect(code).not.toContain("cognito-jwt-verifier");
    expect(code).not.toContain("CognitoIdentityProviderClient");
    for (const absent of [
      "client-cognito-identity-provider",
      "client-bedrock-runtime",
      "aws-jwt-verify",
      "aws-bedrock/",
    ]) {
      expect(
        inputs.filter((p) => p.includes(absent)),
        absent,
      ).toEqual([]);
    }
  });

  it("records each app's size", () => {
    for (const app of ["users-api", "translation-api"]) {
      const { bytes, gzipBytes } = bundle(app);
      console.info(`${app}: ${bytes} B (${gzipBytes} B gzip)`);
      expect(bytes).toBeGreaterThan(100_000);
    }
  });
});
