import { describe, expect, it } from "vitest";
import { DynamoInvalidCursorError } from "../../src/errors";
import { decodeCursor, encodeCursor } from "../../src/table/cursor";

const expected = {
  table: "t",
  keyNames: ["PK", "SK"],
  partition: ["PK", "A"] as [string, unknown],
};

describe("cursors", () => {
  it("round-trip string, number and binary keys", () => {
    const key = { PK: "A", SK: 42 };
    expect(decodeCursor(encodeCursor(key), expected)).toEqual(key);
    const binary = { PK: "A", SK: new Uint8Array([1, 2, 3]) };
    expect(decodeCursor(encodeCursor(binary), expected)).toEqual(binary);
  });

  it("are URL-safe", () => {
    expect(encodeCursor({ PK: "A/+?&=", SK: "ü" })).toMatch(/^v1\.[A-Za-z0-9_-]+$/);
  });

  it.each([
    ["empty", ""],
    ["other version", "v2.abc"],
    ["one character added", `${encodeCursor({ PK: "A", SK: 1 })}A`],
    ["one character cut", encodeCursor({ PK: "A", SK: 1 }).slice(0, -1)],
    ["not JSON", `v1.${Buffer.from("{nope").toString("base64url")}`],
    ["missing key attribute", encodeCursor({ PK: "A" })],
    ["extra attribute", encodeCursor({ PK: "A", SK: "B", admin: "yes" })],
    ["wrong value type", `v1.${Buffer.from('{"PK":"A","SK":true}').toString("base64url")}`],
    ["another partition", encodeCursor({ PK: "B", SK: "x" })],
  ])("refuse a cursor that is %s", (_, cursor) => {
    expect(() => decodeCursor(cursor, expected)).toThrow(DynamoInvalidCursorError);
  });
});
