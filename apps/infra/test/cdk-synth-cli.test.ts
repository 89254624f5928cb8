import { execFile } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { filesOf, isSplitBuild, tempFolder } from "./support/fixtures";
import { infraDir } from "./support/synth";

const cdkCli = join(
  dirname(createRequire(import.meta.url).resolve("aws-cdk/package.json")),
  "bin",
  "cdk",
);
const dir = tempFolder();
const outdir = join(dir, "cdk.out");
const home = join(dir, "home");

/**
 * The environment of an offline CLI run: no AWS credentials, profile, config or instance
 * metadata; no version check, telemetry or notices; a throwaway HOME (the CLI caches under
 * ~/.cdk); and a proxy that refuses every connection, so a request could not leave the machine.
 */
function offlineEnv(): NodeJS.ProcessEnv {
  const inherited = Object.entries(process.env).filter(
    ([name]) => !/^(AWS_|CDK_)/.test(name) && !/_proxy$/i.test(name),
  );
  return {
    ...Object.fromEntries(inherited),
    HOME: home,
    AWS_CONFIG_FILE: join(home, "no-aws-config"),
    AWS_SHARED_CREDENTIALS_FILE: join(home, "no-aws-credentials"),
    AWS_EC2_METADATA_DISABLED: "true",
    CDK_DISABLE_VERSION_CHECK: "1",
    CDK_DISABLE_CLI_TELEMETRY: "true",
    HTTPS_PROXY: "http://127.0.0.1:9",
    HTTP_PROXY: "http://127.0.0.1:9",
    FORCE_COLOR: "0",
  };
}

describe("cdk synth (the real CLI, offline)", () => {
  it("exits 0 and writes the cloud assembly, with no lookup and a clean validation report", async () => {
    const infraFilesBefore = readdirSync(infraDir).sort();
    const started = performance.now();
    const { stdout, stderr } = await promisify(execFile)(
      process.execPath,
      [
        cdkCli,
        "synth",
        "--quiet",
        "--no-notices",
        "--output",
        outdir,
        // The functions are built from their sources, without the compile cache: offline,
        // with a throwaway HOME, the runtime's Node.js could not be fetched.
        "--context",
        "compileCache=false",
      ],
      { cwd: infraDir, env: offlineEnv(), timeout: 80_000, maxBuffer: 16 * 1024 * 1024 },
    ); // rejects on a non-zero exit
    console.info(`cdk synth: ${Math.round(performance.now() - started)} ms`);
    // With CI=true the CLI logs to stdout instead of stderr.
    expect(stdout + stderr).not.toMatch(/warning|error/i);

    const template = JSON.parse(readFileSync(join(outdir, "LambdaApps.template.json"), "utf8"));
    const types = Object.values(template.Resources as Record<string, { Type: string }>).map(
      (resource) => resource.Type,
    );
    expect(types.filter((type) => type === "AWS::Lambda::Function")).toHaveLength(2);
    expect(types).toContain("AWS::DynamoDB::Table");
    expect(types).toContain("AWS::ApiGatewayV2::Api");

    // Environment-agnostic, and no context lookup was needed (nothing "missing").
    const manifest = JSON.parse(readFileSync(join(outdir, "manifest.json"), "utf8"));
    expect(manifest.artifacts.LambdaApps.environment).toBe("aws://unknown-account/unknown-region");
    expect(manifest.missing).toBeUndefined();
    // Everything went to --output: no cdk.out or cdk.context.json in the app folder.
    expect(readdirSync(infraDir).sort()).toEqual(infraFilesBefore);

    // CloudFormation validation ran (cdk.json turns its errors into synth errors), with no
    // violation and nothing acknowledged (no deprecated runtime).
    const report = JSON.parse(readFileSync(join(outdir, "validation-report.json"), "utf8"));
    for (const plugin of report.pluginReports) expect(plugin.violations).toEqual([]);

    // The function assets hold each whole build: entry, chunks and exec wrapper.
    const assets = readdirSync(outdir).filter((entry) => entry.startsWith("asset."));
    expect(assets).toHaveLength(2);
    for (const asset of assets) {
      const files = filesOf(join(outdir, asset));
      expect(isSplitBuild(files), files.join(", ")).toBe(true);
    }
  });
});
