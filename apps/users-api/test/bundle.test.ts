import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import { loadedAtStart } from "@org/aws-core/esbuild";
import type { Metafile } from "esbuild";
import { describe, expect, it } from "vitest";

const dist = fileURLToPath(new URL("../dist/", import.meta.url));

// The built bundle as deployed: index.mjs, its chunks (a split build, the default) and
// esbuild's metafile (pnpm build writes dist/ and dist/meta.json).
function builtBundle() {
  if (!existsSync(join(dist, "meta.json")))
    throw new Error('apps/users-api/dist is missing: run "pnpm build" first');
  const meta = JSON.parse(readFileSync(join(dist, "meta.json"), "utf8")) as Metafile;
  const outputs = Object.values(meta.outputs);
  // Every input of every output file: the entry and all its chunks.
  const bytesFrom = (part: string) =>
    outputs
      .flatMap((output) => Object.entries(output.inputs))
      .filter(([path]) => path.includes(part))
      .reduce((sum, [, input]) => sum + input.bytesInOutput, 0);
  const files = readdirSync(dist, { recursive: true, encoding: "utf8" })
    .filter((file) => file.endsWith(".mjs"))
    .map((file) => readFileSync(join(dist, file)));
  return {
    inputs: Object.keys(meta.inputs),
    outputs,
    files,
    bytesFrom,
    code: files.map((file) => file.toString()).join("\n"),
  };
}

/** The output files a cold start reads: the entry and the chunks it imports, in turn. */
function startFiles(meta: Metafile): Set<string> {
  const entry = Object.keys(meta.outputs).find((file) => file.endsWith("/index.mjs"));
  if (!entry) throw new Error("no index.mjs in users-api's metafile");
  return loadedAtStart(meta, entry);
}

describe("users-api's bundle", () => {
  // The user comes from the authorizer's claims through @org/aws-cognito/authorizer: a
  // couple of KB of claim checks, and neither the Cognito SDK nor a token library.
  it("holds no Cognito SDK, token library or Bedrock code, in any chunk", () => {
    const { inputs, outputs, files, bytesFrom, code } = builtBundle();
    // What was checked is what ships: one .mjs file on disk per output, chunks included.
    expect(files).toHaveLength(outputs.length);
    expect(outputs.length).toBeGreaterThan(1);
    expect(inputs.some((p) => p.includes("@aws-sdk/client-dynamodb"))).toBe(true);
    expect(inputs.some((p) => p.includes("aws-cognito/dist/authorizer/"))).toBe(true);
    expect(bytesFrom("aws-cognito/")).toBeGreaterThan(0);
    expect(bytesFrom("aws-cognito/")).toBeLessThan(3_000);
    expect(code).not.toContain("cognito-jwt-verifier");
    expect(code).not.toContain("CognitoIdentityProviderClient");
    expect(code).not.toContain("BedrockRuntimeClient");
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

  // With a tenant role (TENANT_ROLE_ARN), a user's own profile goes through credentials
  // assumed for that user: aws-core imports the SDK's STS provider on first use. It is in
  // chunks only that path reads; a cold start loads the entry and the chunks it imports.
  it("loads the STS credential provider only on use, in chunks the entry does not import", () => {
    const { outputs, inputs } = builtBundle();
    const meta = JSON.parse(readFileSync(join(dist, "meta.json"), "utf8")) as Metafile;
    const atStart = startFiles(meta);
    const startInputs = [...atStart].flatMap((file) =>
      Object.keys(meta.outputs[file]?.inputs ?? {}),
    );
    for (const lazy of ["@aws-sdk/credential-providers", "nested-clients/dist-es/submodules/sts"]) {
      expect(
        inputs.some((p) => p.includes(lazy)),
        lazy,
      ).toBe(true);
      expect(
        startInputs.filter((p) => p.includes(lazy)),
        lazy,
      ).toEqual([]);
    }
    expect(atStart.size).toBeLessThan(outputs.length);
  });

  it("records its size: the entry and its chunks", () => {
    const { files } = builtBundle();
    const bytes = files.reduce((sum, file) => sum + file.byteLength, 0);
    const gzipBytes = files.reduce((sum, file) => sum + gzipSync(file).byteLength, 0);
    const entry = readFileSync(join(dist, "index.mjs")).byteLength;
    const meta = JSON.parse(readFileSync(join(dist, "meta.json"), "utf8")) as Metafile;
    const atStart = [...startFiles(meta)];
    const startBytes = atStart.reduce((sum, file) => sum + (meta.outputs[file]?.bytes ?? 0), 0);
    console.info(
      `users-api: index.mjs ${entry} B; with ${files.length - 1} chunks ${bytes} B (${gzipBytes} B gzip); loaded at start: ${atStart.length} files, ${startBytes} B`,
    );
    expect(bytes).toBeGreaterThan(100_000);
  });
});
