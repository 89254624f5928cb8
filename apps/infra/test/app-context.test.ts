import { join } from "node:path";
import { App } from "aws-cdk-lib";
import { describe, expect, it } from "vitest";
import { readAppContext } from "../lib/app-context";
import { tempFolder } from "./support/fixtures";

const dir = tempFolder();
// An App makes a temp outdir unless given one: keep it in the test's folder.
const contextOf = (context: Record<string, unknown>) =>
  readAppContext(new App({ context, outdir: join(dir, "cdk.out") }).node);

describe("readAppContext", () => {
  it("reads the model, the pinned runtime and its Node.js version from the context", () => {
    expect(
      contextOf({
        bedrockModelId: "anthropic.claude-v2:1",
        runtimeVersionArn: "arn:aws:lambda:eu-west-1::runtime:abc",
        nodeVersion: "24.12.0",
      }),
    ).toEqual({
      bedrockModelId: "anthropic.claude-v2:1",
      runtimeVersionArn: "arn:aws:lambda:eu-west-1::runtime:abc",
      nodeVersion: "24.12.0",
      build: {},
    });
  });

  it("leaves everything to the defaults without context", () => {
    expect(contextOf({})).toEqual({
      bedrockModelId: undefined,
      runtimeVersionArn: undefined,
      nodeVersion: undefined,
      build: {},
    });
  });

  it.each([
    ["false", false],
    [false, false],
    ["true", true],
  ])("reads compileCache=%s (a string from -c, a boolean from cdk.json)", (value, expected) => {
    expect(contextOf({ compileCache: value }).build).toEqual({ compileCache: expected });
  });

  it("rejects a compileCache that is not true or false", () => {
    expect(() => contextOf({ compileCache: "no" })).toThrow(
      "context compileCache must be true or false",
    );
  });

  it("rejects a context value that is not a string", () => {
    expect(() => contextOf({ bedrockModelId: 42 })).toThrow(
      "context bedrockModelId must be a string",
    );
  });
});
