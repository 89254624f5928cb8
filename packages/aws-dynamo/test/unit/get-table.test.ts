import { DynamoDBDocumentClient, GetCommand } from "@aws-sdk/lib-dynamodb";
import { getClientCreations, resetAll } from "@org/aws-core";
import { InvalidConfigError } from "@org/aws-core/internal";
import { mockClient } from "aws-sdk-client-mock";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { DynamoValidationError } from "../../src/errors";
import { BaseRepository, DynamoError, documentClient, getTable } from "../../src/index";

const ddb = mockClient(DynamoDBDocumentClient);

beforeEach(() => {
  vi.stubEnv("AWS_REGION", "eu-west-1");
  ddb.reset();
});
afterEach(() => {
  vi.unstubAllEnvs();
  resetAll();
});

function thrown(fn: () => unknown): unknown {
  try {
    fn();
  } catch (error) {
    return error;
  }
  throw new Error("did not throw");
}

describe("getTable", () => {
  it.each([
    ["an empty name", ""],
    ["no name", undefined],
    ["a number", 42],
  ])("refuses %s with a DynamoError of kind internal (a misconfiguration)", (_, name) => {
    const error = thrown(() => getTable(name as never));
    expect(error).toBeInstanceOf(DynamoError);
    expect(error).not.toBeInstanceOf(DynamoValidationError);
    expect(error).not.toBeInstanceOf(InvalidConfigError);
    expect(error).toMatchObject({ kind: "internal", safeMessage: "Internal Server Error" });
    expect((error as Error).message).toMatch(/is TABLE_NAME set\?/);
  });

  it("refuses a table asked for again with another schema, naming it only in message", () => {
    getTable("orders-secret", { partitionKey: "PK", sortKey: "SK" });
    // The same schema, written in another order, is the same schema.
    expect(getTable("orders-secret", { sortKey: "SK", partitionKey: "PK" })).toBe(
      getTable("orders-secret"),
    );
    const error = thrown(() => getTable("orders-secret", { partitionKey: "id" })) as DynamoError;
    expect(error).toBeInstanceOf(DynamoError);
    expect(error).not.toBeInstanceOf(DynamoValidationError);
    expect(error).toMatchObject({ kind: "internal", table: "orders-secret" });
    expect(error.message).toContain("orders-secret");
    expect(error.safeMessage).not.toContain("orders-secret");
  });

  it.each([
    ["no partition key", { sortKey: "SK" }],
    ["an empty sort key", { partitionKey: "PK", sortKey: "" }],
    ["a bad index", { partitionKey: "PK", indexes: { byStatus: { sortKey: "SK" } } }],
    ["not an object", "PK"],
  ])("refuses a schema with %s", (_, schema) => {
    const error = thrown(() => getTable("t", schema as never));
    expect(error).toBeInstanceOf(DynamoError);
    expect(error).not.toBeInstanceOf(DynamoValidationError);
    expect(error).toMatchObject({ kind: "internal", table: "t" });
  });

  it("a repository without a table name fails with a DynamoError of kind internal", async () => {
    const users = new BaseRepository<{ id: string }>({
      table: () => process.env.MISSING_TABLE_NAME ?? "",
      prefix: "USER",
      id: (u) => u.id,
    });
    const error = await users.get({ id: "1" }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DynamoError);
    expect(error).toMatchObject({ kind: "internal" });
  });
});

describe("the table-handle cache", () => {
  it("is not a client: it never shows in getClientCreations()", async () => {
    const orders = getTable("orders");
    expect(getClientCreations()).toEqual([]);
    expect(documentClient.peek()).toBeUndefined();

    ddb.on(GetCommand).resolves({});
    await orders.get({ PK: "A", SK: "B" });
    expect(getClientCreations().map((c) => c.name)).toEqual(["dynamodb", "dynamodb-document"]);
  });

  it("is emptied by resetAll()", () => {
    const before = getTable("orders");
    expect(getTable("orders")).toBe(before);
    resetAll();
    const after = getTable("orders");
    expect(after).not.toBe(before);
    // A table can be asked for with another schema after a reset.
    resetAll();
    expect(getTable("orders", { partitionKey: "id" }).schema).toEqual({ partitionKey: "id" });
  });
});
