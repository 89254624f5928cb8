import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { App, Stack } from "aws-cdk-lib";
import { afterAll } from "vitest";

/** The smallest handler: building it (and its compile cache) takes about a second. */
export const fixtureHandler = fileURLToPath(new URL("./fixtures/handler.ts", import.meta.url));

const outdirs: string[] = [];
afterAll(() => {
  for (const dir of outdirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/**
 * A stack in a fresh app writing to a temp folder. `bundle: false` sets the
 * `aws:cdk:bundling-stacks` context to `[]`, as `cdk synth OtherStack` does: no build runs.
 * CloudFormation validation (seconds) is left out.
 */
export function testStack(options: { readonly bundle: boolean }): Stack {
  const outdir = mkdtempSync(join(tmpdir(), "aws-cdk-test-"));
  outdirs.push(outdir);
  const app = new App({
    outdir,
    builtinCloudFormationValidation: false,
    context: options.bundle ? {} : { "aws:cdk:bundling-stacks": [] },
  });
  return new Stack(app, "Test");
}

/** The files of a folder, relative, sorted (folders too, with a trailing `/`). */
export function filesOf(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .map((entry) => {
      const path = join(entry.parentPath, entry.name).slice(dir.length + 1);
      return entry.isDirectory() ? `${path}/` : path;
    })
    .sort();
}

/** The warnings of a construct's own annotations (messages without the `[ack: id]` tag). */
export function warningsOf(stack: Stack, path: string): string[] {
  return stack.node
    .findAll()
    .filter((construct) => construct.node.path === path)
    .flatMap((construct) => construct.node.metadata)
    .filter((entry) => entry.type === "aws:cdk:warning")
    .map((entry) => String(entry.data));
}
