import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { loadedAtStart } from "@org/aws-core/esbuild";
import { type BuildOptions, build, type Metafile } from "esbuild";
import { beforeAll, describe, expect, it } from "vitest";

const entry = fileURLToPath(new URL("./fixtures/dynamo-route.ts", import.meta.url));
const packagesDir = fileURLToPath(new URL("../../", import.meta.url));
let metafile: Metafile;

// The optional peers of @org/aws: the SDKs its Bedrock and Cognito clients load on first use.
const OPTIONAL_SDKS = [
  "@aws-sdk/client-bedrock-runtime",
  "@aws-sdk/client-cognito-identity-provider",
];

// Bundled as an app would bundle it, split, from the packages' built dist/ (as published).
const bundle = (options: Pick<BuildOptions, "alias"> = {}) =>
  build({
    ...options,
    entryPoints: [entry],
    bundle: true,
    splitting: true,
    format: "esm",
    platform: "node",
    target: "node22",
    outdir: "/virtual-out",
    write: false,
    metafile: true,
    logLevel: "silent",
    mainFields: ["module", "main"],
    tsconfigRaw: "{}",
  });

beforeAll(async () => {
  for (const pkg of ["aws", "aws-core", "aws-dynamo", "aws-bedrock", "aws-cognito"]) {
    if (!existsSync(`${packagesDir}${pkg}/dist`)) {
      throw new Error(`packages/${pkg}/dist is missing: run "pnpm build" first`);
    }
  }
  metafile = (await bundle()).metafile;
});

const sdkOf = (input: string) => /node_modules\/(@aws-sdk\/[^/]+)\//.exec(input)?.[1];

// The SDK packages among the inputs of the files a cold start reads.
function sdksLoadedAtStart(entry: string): Set<string> {
  const files = [...loadedAtStart(metafile, entry)];
  return new Set(
    files.flatMap((f) =>
      Object.keys(metafile.outputs[f]?.inputs ?? {}).flatMap((i) => sdkOf(i) ?? []),
    ),
  );
}

describe("@org/aws in a split bundle", () => {
  it("loads no SDK at init: every client's SDK is in a chunk only a dynamic import reaches", () => {
    const entryOutput = Object.keys(metafile.outputs).find((out) =>
      metafile.outputs[out]?.entryPoint?.endsWith("dynamo-route.ts"),
    ) as string;
    expect(entryOutput).toBeDefined();
    expect([...sdksLoadedAtStart(entryOutput)]).toEqual([]);

    const inSomeChunk = new Set(
      Object.values(metafile.outputs).flatMap((o) =>
        Object.keys(o.inputs).flatMap((i) => sdkOf(i) ?? []),
      ),
    );
    for (const sdk of [
      "@aws-sdk/client-dynamodb",
      "@aws-sdk/lib-dynamodb",
      "@aws-sdk/client-bedrock-runtime",
      "@aws-sdk/client-cognito-identity-provider",
    ]) {
      expect(inSomeChunk, sdk).toContain(sdk);
    }
  });
});

describe("@org/aws without its optional peers", () => {
  it("bundles with only the DynamoDB SDKs installed: Bedrock's and Cognito's load on first use", async () => {
    // Each looked for under a name that is not installed, a real "could not resolve", as in
    // an app without them.
    const alias = Object.fromEntries(
      OPTIONAL_SDKS.map((sdk) => [sdk, `@org/not-installed-${sdk.slice(9)}`]),
    );
    const result = await bundle({ alias });
    expect(result.errors).toEqual([]);
    const inputs = Object.keys(result.metafile.inputs);
    for (const sdk of OPTIONAL_SDKS) {
      expect(
        inputs.some((input) => input.includes(`node_modules/${sdk}/`)),
        sdk,
      ).toBe(false);
    }
  });
});
