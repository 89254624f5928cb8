import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { DynamoDBDocumentClient, GetCommand, PutCommand } from "@aws-sdk/lib-dynamodb";
import { defineClient, getClientCreations, resetAll } from "@org/aws-core";
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

// A DocumentClient of its own, its send() mocked on the instance: what it receives was sent
// on it, not on the container's client (whose class `ddb` mocks).
function ownDocumentClient(region = "us-east-1") {
  const credentials = { accessKeyId: "test", secretAccessKey: "test" };
  const client = DynamoDBDocumentClient.from(new DynamoDBClient({ region, credentials }));
  const mock = mockClient(client);
  mock.on(GetCommand).resolves({ Item: { PK: "A", SK: "B", region } });
  return { client, mock };
}

describe("getTable with a client", () => {
  it("sends on an SDK client given as `client`, never on the container's", async () => {
    const own = ownDocumentClient();
    const orders = getTable("orders", { client: own.client });

    expect(await orders.get({ PK: "A", SK: "B" })).toMatchObject({ region: "us-east-1" });
    await orders.put({ PK: "A", SK: "C" });
    expect(own.mock.commandCalls(GetCommand)[0]?.args[0].input).toEqual({
      TableName: "orders",
      Key: { PK: "A", SK: "B" },
    });
    expect(own.mock.commandCalls(PutCommand)).toHaveLength(1);
    expect(ddb.calls()).toHaveLength(0);
    expect(documentClient.peek()).toBeUndefined();
    expect(getClientCreations()).toEqual([]);
  });

  it("sends on a LazyClient given as `client`, created on the first command", async () => {
    const own = ownDocumentClient();
    const create = vi.fn(() => own.client);
    const replica = defineClient({ name: "replica-documents", create });
    const orders = getTable("orders", { client: replica });
    expect(create).not.toHaveBeenCalled();

    await orders.get({ PK: "A", SK: "B" });
    await orders.get({ PK: "A", SK: "B" });
    expect(create).toHaveBeenCalledTimes(1);
    expect(own.mock.commandCalls(GetCommand)).toHaveLength(2);
    expect(ddb.calls()).toHaveLength(0);
    expect(documentClient.peek()).toBeUndefined();
  });

  it("sends on documentClient.for(key), the client of that region", async () => {
    const west = documentClient.for({ region: "us-west-2" });
    const orders = getTable("orders", { client: west });
    expect(west.peek()).toBeUndefined();

    ddb.on(GetCommand).resolves({ Item: { PK: "A", SK: "B" } });
    await orders.get({ PK: "A", SK: "B" });
    expect(ddb.commandCalls(GetCommand)[0]?.thisValue).toBe(west.peek());
    expect(await west.client.config.region()).toBe("us-west-2");
    expect(documentClient.peek()).toBeUndefined();
    expect(getClientCreations().find((c) => c.name === "dynamodb-document")?.key).toMatch(
      /us-west-2/,
    );
  });

  it("keeps one handle per client and table", () => {
    const east = ownDocumentClient("us-east-1").client;
    const west = ownDocumentClient("us-west-2").client;
    const inEast = getTable("orders", { client: east });

    expect(getTable("orders", { client: east })).toBe(inEast);
    expect(getTable("orders", { client: west })).not.toBe(inEast);
    expect(getTable("orders", { client: west })).toBe(getTable("orders", { client: west }));
    expect(getTable("orders")).not.toBe(inEast);
    // The container's client, named or not, is one client.
    expect(getTable("orders", { client: documentClient })).toBe(getTable("orders"));
    expect(getTable("invoices", { client: east })).not.toBe(inEast);
  });

  it("compares schemas per client, never counting `client` in", () => {
    const east = ownDocumentClient().client;
    const orders = getTable("orders", { partitionKey: "id", client: east });
    expect(orders.schema).toEqual({ partitionKey: "id" });
    expect(getTable("orders", { client: east, partitionKey: "id" })).toBe(orders);
    // No key named: the default schema, whatever the client.
    expect(getTable("orders", { client: documentClient }).schema).toEqual({
      partitionKey: "PK",
      sortKey: "SK",
    });
    const error = thrown(() => getTable("orders", { client: east })) as DynamoError;
    expect(error).toMatchObject({ kind: "internal", table: "orders" });
    expect(error.message).toMatch(/Invalid schema/);
  });

  it("forgets every client's handles on resetAll()", () => {
    const east = ownDocumentClient().client;
    const before = getTable("orders", { client: east });
    resetAll();
    expect(getTable("orders", { client: east })).not.toBe(before);
  });
});
