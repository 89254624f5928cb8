import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { writeExecWrapper } from "../../src/esbuild/exec-wrapper";

const dir = mkdtempSync(join(tmpdir(), "exec-wrapper-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("writeExecWrapper()", () => {
  const wrapper = writeExecWrapper({ dir });

  it("writes an executable script and names the variable that turns it on", () => {
    expect(wrapper.path).toBe(join(dir, "start-node.sh"));
    expect(statSync(wrapper.path).mode & 0o111).toBe(0o111);
    expect(wrapper.environment).toEqual({ AWS_LAMBDA_EXEC_WRAPPER: "/var/task/start-node.sh" });
  });

  it("starts the runtime's command line without --expose-gc, every other argument intact", () => {
    // What Lambda hands the wrapper: node, the bootstrap's flags, then the runtime's script.
    const run = spawnSync(
      wrapper.path,
      [
        process.execPath,
        "--expose-gc",
        "--max-http-header-size",
        "81920",
        "--max-old-space-size=231",
        "--eval",
        "console.log(JSON.stringify({ execArgv: process.execArgv, gc: typeof gc, arg: process.argv[1] }))",
        "an argument with spaces",
      ],
      { encoding: "utf8" },
    );
    expect(run.stderr).toBe("");
    expect(JSON.parse(run.stdout)).toEqual({
      execArgv: [
        "--max-http-header-size",
        "81920",
        "--max-old-space-size=231",
        "--eval",
        expect.any(String),
      ],
      gc: "undefined",
      arg: "an argument with spaces",
    });
  });
});
