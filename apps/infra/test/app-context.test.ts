import { existsSync, mkdirSync } from "node:fs";
import { join, relative } from "node:path";
import { App } from "aws-cdk-lib";
import { describe, expect, it } from "vitest";
import { readAppContext } from "../lib/app-context";
import { bundleFixture } from "./support/fixtures";
import { infraDir } from "./support/synth";

const fixture = bundleFixture();
// An App makes a temp outdir unless given one: keep it in the fixture.
const contextOf = (context: Record<string, unknown>) =>
  readAppContext(new App({ context, outdir: join(fixture.dir, "cdk.out") }).node);

describe("readAppContext", () => {
  it("reads the bundle folders and the model from the context", () => {
    expect(
      contextOf({
        translationApiAssetPath: fixture.translationApiAssetPath,
        usersApiAssetPath: fixture.usersApiAssetPath,
        bedrockModelId: "anthropic.claude-v2:1",
      }),
    ).toEqual({
      translationApiAssetPath: fixture.translationApiAssetPath,
      usersApiAssetPath: fixture.usersApiAssetPath,
      bedrockModelId: "anthropic.claude-v2:1",
    });
  });

  it("resolves relative folders against the working directory (where `cdk` runs)", () => {
    const context = contextOf({
      translationApiAssetPath: relative(process.cwd(), fixture.translationApiAssetPath),
      usersApiAssetPath: relative(process.cwd(), fixture.usersApiAssetPath),
    });
    expect(context.translationApiAssetPath).toBe(fixture.translationApiAssetPath);
    expect(context.bedrockModelId).toBeUndefined();
  });

  it.each([
    ["translation-api", "translationApiAssetPath"],
    ["users-api", "usersApiAssetPath"],
  ] as const)("defaults %s to its own dist folder, and says how to build it", (app, key) => {
    const given = {
      translationApiAssetPath: fixture.translationApiAssetPath,
      usersApiAssetPath: fixture.usersApiAssetPath,
    };
    const read = () =>
      contextOf(Object.fromEntries(Object.entries(given).filter(([name]) => name !== key)));
    // Whether the app is built depends on the checkout: expect whichever applies.
    const dist = join(infraDir, "..", app, "dist");
    if (existsSync(join(dist, "index.mjs"))) {
      expect(read()[key]).toBe(dist);
    } else {
      expect(read).toThrow(`no bundle at ${dist} (index.mjs is missing)`);
      expect(read).toThrow(`pnpm --filter @org/${app} build`);
    }
  });

  it("rejects a folder without index.mjs, naming the context key to set", () => {
    const empty = join(fixture.dir, "empty");
    mkdirSync(empty);
    expect(() =>
      contextOf({ translationApiAssetPath: empty, usersApiAssetPath: fixture.usersApiAssetPath }),
    ).toThrow(/translation-api: no bundle at .*empty.*-c translationApiAssetPath=<dir>/);
  });

  it("rejects a context value that is not a string", () => {
    expect(() =>
      contextOf({
        translationApiAssetPath: fixture.translationApiAssetPath,
        usersApiAssetPath: fixture.usersApiAssetPath,
        bedrockModelId: 42,
      }),
    ).toThrow("context bedrockModelId must be a string");
  });
});
