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
  const code = readFileSync(new URL("index.mjs", dir));
  return { inputs, bytes: code.byteLength, gzipBytes: gzipSync(code).byteLength };
}

describe("app bundles", () => {
  it("users-api holds no Cognito or Bedrock code", () => {
    const { inputs } = bundle("users-api");
    expect(inputs.some((p) => p.includes("@aws-sdk/client-dynamodb"))).toBe(true);
    for (const absent of [
      "client-cognito-identity-provider",
      "client-bedrock-runtime",
      "aws-jwt-verify",
      "aws-cognito/",
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
