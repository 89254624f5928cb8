import { execFileSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { createTestTokenIssuer } from "@org/aws-testing";
import { build, type Plugin } from "esbuild";
import { afterAll, describe, expect, it } from "vitest";

const SDK = "@aws-sdk/client-cognito-identity-provider";
const packageDir = fileURLToPath(new URL("../..", import.meta.url));
const coreSrc = fileURLToPath(new URL("../../../aws-core/src", import.meta.url));
const outDir = mkdtempSync(join(tmpdir(), "aws-cognito-bundle-"));
afterAll(() => rmSync(outDir, { recursive: true, force: true }));

// @org/aws-core from its sources, as the tests use it.
const coreFromSource: Plugin = {
  name: "core-from-source",
  setup(b) {
    b.onResolve({ filter: /^@org\/aws-core(\/internal)?$/ }, ({ path }) => ({
      path: path.endsWith("/internal") ? `${coreSrc}/internal/index.ts` : `${coreSrc}/index.ts`,
    }));
  },
};

async function bundle(entry: string, options: { withoutSdk?: boolean } = {}) {
  return build({
    entryPoints: [join(packageDir, entry)],
    bundle: true,
    write: false,
    format: "esm",
    platform: "node",
    target: "node22",
    metafile: true,
    logLevel: "silent",
    plugins: [coreFromSource],
    // As if the optional peer were not installed: its name resolves to nothing.
    ...(options.withoutSdk ? { alias: { [SDK]: `${SDK}-not-installed` } } : {}),
  });
}

describe("the main entry without its optional peer", () => {
  it("bundles with esbuild, and names the package to install at first use", async () => {
    const result = await bundle("src/index.ts", { withoutSdk: true });
    expect(result.errors).toEqual([]);
    const inputs = Object.keys(result.metafile.inputs);
    expect(inputs.some((input) => input.includes("client-cognito-identity-provider"))).toBe(false);
    const text = result.outputFiles[0]?.text ?? "";
    expect(text).toContain(`import("${SDK}")`);
    const file = join(outDir, "index.mjs");
    writeFileSync(file, text);

    // Run in a folder where the package cannot be found, as in a function deployed without it,
    // with a token of the function's user pool (any other is refused before the SDK loads).
    const issuer = createTestTokenIssuer({ userPoolId: "eu-west-1_ThisPool1", clientId: "web" });
    const script = `
      const m = await import(${JSON.stringify(file)});
      const seen = (e) => ({ name: e.name, kind: e.kind, safeMessage: e.safeMessage, message: e.message, isCognitoError: e instanceof m.CognitoError });
      let sync = "created";
      try { m.cognito.client; } catch (e) { sync = seen(e); }
      const client = await m.cognito.get().then(() => "loaded", seen);
      const user = await m.getUserFromToken(${JSON.stringify(issuer.sign())}).then(() => "found", seen);
      console.log(JSON.stringify({ exports: Object.keys(m).sort(), sync, client, user }));
    `;
    const { NODE_PATH: _, ...env } = process.env;
    const output = JSON.parse(
      execFileSync(process.execPath, ["--input-type=module", "-e", script], {
        cwd: outDir,
        encoding: "utf8",
        env: {
          ...env,
          COGNITO_USER_POOL_ID: issuer.userPoolId,
          COGNITO_CLIENT_ID: issuer.clientId,
        },
      }),
    );
    expect(output.exports).toEqual([
      "CognitoError",
      "assertOwner",
      "cognito",
      "getUserFromEvent",
      "getUserFromToken",
      "requireUser",
      "tokenVerifier",
    ]);
    // Before its first load, the synchronous client says to await get() first.
    expect(output.sync.message).toMatch(/await its get\(\)/);
    const hint = `The cognito-identity-provider client needs ${SDK}: install it (npm install ${SDK})`;
    expect(output.client.message).toContain(hint);
    expect(output.user).toMatchObject({ isCognitoError: true, kind: "internal" });
    expect(output.user.message).toContain(hint);
    expect(output.user.safeMessage).toBe("Internal Server Error");
  });

  it("imports the SDK nowhere but in the client's load (types aside)", () => {
    const sources = readdirSync(join(packageDir, "src"), { recursive: true, encoding: "utf8" })
      .filter((name) => name.endsWith(".ts"))
      .map((name) => [name, readFileSync(join(packageDir, "src", name), "utf8")] as const);
    const importsOf = (text: string) =>
      [...text.matchAll(/^\s*(import|export)\s+(type\s+)?[^;]*?from\s+"@aws-sdk\/[^"]+"/gm)].filter(
        (match) => !match[2],
      );
    for (const [name, text] of sources) expect(importsOf(text), name).toEqual([]);
  });
});

describe("the /authorizer entry", () => {
  it("loads no token library and no SDK", async () => {
    const result = await bundle("src/authorizer/index.ts");
    const inputs = Object.keys(result.metafile.inputs);
    expect(inputs.filter((input) => /aws-jwt-verify|@aws-sdk|@smithy/.test(input))).toEqual([]);
    expect(inputs.filter((input) => input.includes("aws-cognito/src")).sort()).toEqual(
      [
        "src/authorizer/assert-owner.ts",
        "src/authorizer/authorizer-claims.ts",
        "src/authorizer/index.ts",
        "src/authorizer/require-user.ts",
        "src/errors.ts",
        "src/user/user-from-claims.ts",
      ].map((path) => expect.stringContaining(`aws-cognito/${path}`)),
    );
  });
});
