import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { afterEach, describe, expect, it, vi } from "vitest";
import { missingPrerequisites } from "../src/prerequisites";

afterEach(() => {
  vi.unstubAllEnvs();
});

describe("the demo's prerequisite check", () => {
  it("finds everything on a prepared machine", () => {
    expect(missingPrerequisites()).toEqual([]);
  });

  it("says that Java is missing, and how to install it", () => {
    vi.stubEnv("PATH", mkdtempSync(`${tmpdir()}/no-java-`));
    const [problem, ...others] = missingPrerequisites();
    expect(others).toEqual([]);
    expect(problem).toMatch(/^Java 17\+ \(DynamoDB Local\): java is not on the PATH/);
    expect(problem).toMatch(/install-prerequisites\.sh|openjdk-17-jre-headless/);
  });
});
