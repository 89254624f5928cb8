import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it, vi } from "vitest";
import { warnOnDuplicateSdkPackages } from "../src/index";
import { findDuplicateSdkPackages } from "../src/sdk-copies/find-duplicate-sdk-packages";

function fakePackage(dir: string, name: string, version: string) {
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, "package.json"), JSON.stringify({ name, version }));
}

describe("duplicate SDK client packages", () => {
  it("finds two copies of a client (nested npm layout and pnpm store), and names both", () => {
    const root = mkdtempSync(join(tmpdir(), "dup-sdk-"));
    fakePackage(
      join(root, "node_modules/@aws-sdk/client-dynamodb"),
      "@aws-sdk/client-dynamodb",
      "3.1169.0",
    );
    fakePackage(
      join(root, "node_modules/@org/aws-dynamo/node_modules/@aws-sdk/client-dynamodb"),
      "@aws-sdk/client-dynamodb",
      "3.900.0",
    );
    fakePackage(
      join(root, "node_modules/.pnpm/@aws-sdk+client-s3@3.1.0/node_modules/@aws-sdk/client-s3"),
      "@aws-sdk/client-s3",
      "3.1.0",
    );
    fakePackage(
      join(root, "node_modules/@aws-sdk/util-dynamodb"),
      "@aws-sdk/util-dynamodb",
      "3.1.0",
    );

    const duplicates = findDuplicateSdkPackages(root);
    expect(duplicates).toHaveLength(1);
    expect(duplicates[0]?.name).toBe("@aws-sdk/client-dynamodb");
    expect(duplicates[0]?.copies.map((c) => c.version).sort()).toEqual(["3.1169.0", "3.900.0"]);

    const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
    try {
      warnOnDuplicateSdkPackages(root);
      expect(warn).toHaveBeenCalledWith(
        expect.stringMatching(/client-dynamodb is installed 2 times.*3\.900\.0 at .*aws-dynamo/),
      );
    } finally {
      warn.mockRestore();
    }
  });

  it("finds none in this workspace", () => {
    expect(findDuplicateSdkPackages(join(import.meta.dirname, "../../.."))).toEqual([]);
  });
});
