import { existsSync } from "node:fs";
import { delimiter, dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import type { App, Stack } from "aws-cdk-lib";
import { Template } from "aws-cdk-lib/assertions";
import { Architecture, Runtime, RuntimeManagementMode } from "aws-cdk-lib/aws-lambda";
import type { Asset } from "aws-cdk-lib/aws-s3-assets";
import { afterEach, describe, expect, it } from "vitest";
import { LambdaFunction, type LambdaFunctionProps } from "../src/index";
import { filesOf, fixtureHandler, testStack, warningsOf } from "./support";

// Real synths: each builds the fixture handler with buildLambda() in the worker (which imports
// @org/aws-core's build: `pnpm --filter @org/aws-core run build` first). x86_64 unless said:
// on an x64 machine its compile cache is made by this Node.js, without emulation.
const NODE = process.versions.node;
const [major = 0, minor = 0] = NODE.split(".").map(Number);
// Node.js makes a cache another machine accepts from 24.12 on.
const makesCache = major > 24 || (major === 24 && minor >= 12);
const x64 = process.arch === "x64";
const qemuOnPath = (process.env.PATH ?? "")
  .split(delimiter)
  .some(
    (dir) => dir && ["qemu-aarch64-static", "qemu-aarch64"].some((q) => existsSync(join(dir, q))),
  );
const cacheFolder = (arch: string) =>
  new RegExp(`^\\.node-compile-cache/v${NODE.replaceAll(".", "\\.")}-${arch}-[0-9a-f]+-993/$`);

interface Synthesized {
  readonly stack: Stack;
  readonly template: Template;
  /** The files of the function's asset, as staged in the cloud assembly. */
  readonly files: string[];
  readonly assetHash: string;
  readonly warnings: string[];
}

function synth(props: Partial<LambdaFunctionProps> = {}): Synthesized {
  const stack = testStack({ bundle: true });
  const fn = new LambdaFunction(stack, "Fn", {
    entry: fixtureHandler,
    architecture: Architecture.X86_64,
    ...props,
  });
  const template = Template.fromStack(stack);
  const asset = fn.node.findChild("Code") as Asset;
  const staged = join((stack.node.root as App).outdir, asset.assetPath);
  return {
    stack,
    template,
    files: filesOf(staged),
    assetHash: asset.assetHash,
    warnings: warningsOf(stack, "Test/Fn"),
  };
}

const path = process.env.PATH;
afterEach(() => {
  process.env.PATH = path;
});

describe("LambdaFunction builds its code at synth", () => {
  it.runIf(makesCache && x64)(
    "with the whole recipe: loader, bundle, compile cache for this Node.js, exec wrapper",
    () => {
      const { files, template, warnings } = synth();
      expect(files).toEqual([
        ".node-compile-cache/",
        expect.stringMatching(cacheFolder("x64")),
        expect.stringMatching(/^\.node-compile-cache\/v.*\/[0-9a-f]+$/),
        "handler.mjs",
        "index.mjs",
        "start-node.sh",
      ]);
      template.hasResourceProperties("AWS::Lambda::Function", {
        Handler: "index.handler",
        Architectures: ["x86_64"],
        Environment: { Variables: { AWS_LAMBDA_EXEC_WRAPPER: "/var/task/start-node.sh" } },
      });
      // Not pinned: Lambda may move to another Node.js, and the cache stops helping.
      expect(warnings).toEqual([
        expect.stringMatching(
          new RegExp(
            `^The compile cache is for Node\\.js ${NODE.replaceAll(".", "\\.")}: it helps only while Lambda runs that version\\..*\\[ack: @org/aws-cdk:compileCacheNotPinned\\]$`,
          ),
        ),
      ]);
    },
  );

  it.runIf(makesCache && x64)("gives the same asset hash for the same code, cache or not", () => {
    // V8's cache bytes differ from run to run: the hash must not follow them, or every
    // deploy would update the function.
    const first = synth();
    const second = synth();
    expect(second.assetHash).toBe(first.assetHash);
    expect(synth({ build: { splitting: false, compileCache: false } }).assetHash).not.toBe(
      first.assetHash,
    );
  });

  it("puts what the cache is made for in the asset hash, not only the files", () => {
    // nodejs22.x makes no cache: both builds are the same files, for two architectures.
    const x86 = synth({ runtime: Runtime.NODEJS_22_X, architecture: Architecture.X86_64 });
    const arm = synth({ runtime: Runtime.NODEJS_22_X, architecture: Architecture.ARM_64 });
    expect(arm.files).toEqual(x86.files);
    expect(arm.assetHash).not.toBe(x86.assetHash);
  });

  it.runIf(makesCache && x64)("on a pinned runtime with its nodeVersion: no warning", () => {
    const { files, warnings } = synth({
      runtimeManagementMode: RuntimeManagementMode.manual(
        "arn:aws:lambda:eu-west-1::runtime:0cdcfbdefbc5e7d3343f73c2e2dd3cba17d61dea0686b404502a0c9ce83931b9",
      ),
      nodeVersion: NODE,
    });
    expect(files).toContainEqual(expect.stringMatching(cacheFolder("x64")));
    expect(warnings).toEqual([]);
  });

  it("without the cache and the wrapper: index.mjs alone is the bundle, no warning", () => {
    const { files, warnings, template } = synth({
      build: { compileCache: false, execWrapper: false, splitting: false },
    });
    expect(files).toEqual(["index.mjs"]);
    expect(warnings).toEqual([]);
    const [fn] = Object.values(template.findResources("AWS::Lambda::Function"));
    expect(fn?.Properties.Environment).toBeUndefined();
  });

  it("turns a part it could not make into a warning: no cache for nodejs22.x", () => {
    const { files, warnings } = synth({ runtime: Runtime.NODEJS_22_X });
    expect(files).toEqual(["index.mjs", "start-node.sh"]);
    expect(warnings).toEqual([
      expect.stringMatching(/^compile cache: not made: .*\[ack: @org\/aws-cdk:buildSkipped\]$/),
    ]);
  });

  it.runIf(makesCache && x64)(
    "warns, and still builds, when an arm64 cache needs qemu and there is none",
    () => {
      // Only this Node.js's folder on PATH: no qemu-aarch64 to run an arm64 Node.js.
      process.env.PATH = dirname(process.execPath);
      const { files, warnings, template } = synth({
        architecture: Architecture.ARM_64,
        nodeVersion: NODE,
      });
      expect(files).toEqual(["index.mjs", "start-node.sh"]);
      expect(warnings).toEqual([
        expect.stringMatching(
          /^compile cache: not made: .*qemu-aarch64.*\[ack: @org\/aws-cdk:buildSkipped\]$/,
        ),
      ]);
      template.hasResourceProperties("AWS::Lambda::Function", { Architectures: ["arm64"] });
    },
  );

  it.runIf(makesCache && x64 && qemuOnPath)(
    "makes an arm64 cache under qemu when qemu is there",
    () => {
      const { files, warnings } = synth({ architecture: Architecture.ARM_64, nodeVersion: NODE });
      expect(files).toContainEqual(expect.stringMatching(cacheFolder("arm64")));
      expect(warnings).toEqual([expect.stringContaining("@org/aws-cdk:compileCacheNotPinned")]);
    },
  );

  it("fails the synth when the build fails, with the build's reason", () => {
    const entry = fileURLToPath(new URL("./fixtures/no-handler.ts", import.meta.url));
    expect(() => synth({ entry, build: { compileCache: false } })).toThrow(
      /building .*no-handler\.ts failed: .*exports "handler"/,
    );
  });
});
