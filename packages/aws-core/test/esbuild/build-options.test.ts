import { describe, expect, it } from "vitest";
import { CREATE_REQUIRE_BANNER, lambdaBuildOptions } from "../../src/esbuild/build-options";

describe("lambdaBuildOptions()", () => {
  it("is the sample apps' bundle setup plus the lean plugin, split", () => {
    const options = lambdaBuildOptions();
    expect(options).toMatchObject({
      bundle: true,
      minify: true,
      format: "esm",
      platform: "node",
      target: "node22",
      mainFields: ["module", "main"],
      legalComments: "none",
      banner: { js: CREATE_REQUIRE_BANNER },
    });
    expect(options.plugins?.map((p) => p.name)).toEqual(["lambda-split-output", "lambda-lean"]);
  });

  it("leaves the lean plugin out with lean: false, and takes another target", () => {
    const options = lambdaBuildOptions({ lean: false, target: "node24" });
    expect(options.plugins?.map((p) => p.name)).toEqual(["lambda-split-output"]);
    expect(lambdaBuildOptions({ lean: false, splitting: false }).plugins).toEqual([]);
    expect(options.target).toBe("node24");
  });

  it("gives a fresh object each time, safe to spread and change", () => {
    const a = lambdaBuildOptions();
    const b = lambdaBuildOptions();
    expect(a).not.toBe(b);
    expect(a.plugins).not.toBe(b.plugins);
  });
});
