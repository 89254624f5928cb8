import { describe, expect, it } from "vitest";
import { type BuildMachine, findCacheMaker } from "../../src/esbuild/cache-maker";
import { lambdaTarget } from "../../src/esbuild/lambda-target";

const linuxX64: BuildMachine = {
  nodeVersion: "24.21.0",
  execPath: "/opt/node-24.21.0/bin/node",
  arch: "x64",
  platform: "linux",
};
// No npm, no qemu: every case below is decided before either is needed.
const NOTHING_ON_PATH = { PATH: "" };

describe("findCacheMaker()", () => {
  it("is the build's own Node.js when it is the runtime's, on the runtime's architecture", async () => {
    const target = lambdaTarget("nodejs24.x", "x86_64", undefined);
    await expect(findCacheMaker(target, NOTHING_ON_PATH, linuxX64)).resolves.toEqual({
      nodeVersion: "24.21.0",
      node: "/opt/node-24.21.0/bin/node",
      launcher: [],
    });
  });

  it.each([
    {
      what: "the build's Node.js is of another major and no nodeVersion is given",
      target: lambdaTarget("nodejs24.x", "x86_64", undefined),
      machine: { ...linuxX64, nodeVersion: "22.12.0" },
      line: "compile cache: not made: the build runs on Node.js 22.12.0 and nodejs24.x on Node.js 24; give nodeVersion, the runtime's exact Node.js version",
    },
    {
      what: "the runtime's Node.js makes no portable cache",
      target: lambdaTarget("nodejs24.x", "x86_64", "24.11.1"),
      machine: linuxX64,
      line: "compile cache: not made: Node.js 24.11.1 cannot make a cache that works at another path than where it was made; portable caches came with Node.js 24.12",
    },
    {
      what: "another Node.js is needed and the build does not run on Linux",
      target: lambdaTarget("nodejs24.x", "arm64", "24.21.0"),
      machine: { ...linuxX64, arch: "arm64", platform: "darwin" as const, nodeVersion: "24.20.0" },
      line: expect.stringMatching(/made by Node\.js for Linux, which does not run on darwin/),
    },
    {
      what: "an arm64 machine builds for x86_64",
      target: lambdaTarget("nodejs24.x", "x86_64", undefined),
      machine: { ...linuxX64, arch: "arm64" },
      line: "compile cache: not made: this arm64 machine cannot run a Node.js for x86_64; build on x86_64",
    },
    {
      what: "qemu is not on PATH for arm64 on x64",
      target: lambdaTarget("nodejs24.x", "arm64", undefined),
      machine: linuxX64,
      line: expect.stringMatching(/needs qemu-aarch64-static or qemu-aarch64 on PATH/),
    },
  ])("says why there is none when $what", async ({ target, machine, line }) => {
    await expect(findCacheMaker(target, NOTHING_ON_PATH, machine)).resolves.toEqual({
      skipped: line,
    });
  });
});
