import {
  BatchWriteCommand,
  DeleteCommand,
  DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  QueryCommand,
  TransactWriteCommand,
  UpdateCommand,
} from "@aws-sdk/lib-dynamodb";
import { resetAll } from "@org/aws-core";
import { mockClient } from "aws-sdk-client-mock";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { DynamoBatchIncompleteError, DynamoValidationError } from "../../src/errors";
import {
  BaseRepository,
  conditions,
  DynamoError,
  documentClient,
  dynamo,
  getTable,
  transactWrite,
} from "../../src/index";

const { and, attributeNotExists, beginsWith, eq, not, or } = conditions;

const ddb = mockClient(DynamoDBDocumentClient);

beforeEach(() => {
  vi.stubEnv("AWS_REGION", "eu-west-1");
  ddb.reset();
});
afterEach(() => {
  vi.unstubAllEnvs();
  resetAll();
});

describe("clients", () => {
  it("share one DynamoDBClient; get() resolves to the same clients as .client", async () => {
    expect(await documentClient.get()).toBe(documentClient.client);
    expect(await dynamo.get()).toBe(dynamo.client);
    expect(documentClient.client.config).toBe(dynamo.client.config);
    expect(await documentClient.sdk()).toBeUndefined();
  });

  it("documentClient.configure() configures the underlying client", async () => {
    documentClient.configure({ maxAttempts: 7 });
    expect(await documentClient.client.config.maxAttempts()).toBe(7);
  });
});

describe("table handle commands", () => {
  const orders = () => getTable("orders");

  it("get and put", async () => {
    ddb.on(GetCommand).resolves({ Item: { PK: "A", SK: "B", n: 1 } });
    expect(await orders().get({ PK: "A", SK: "B" }, { consistentRead: true })).toEqual({
      PK: "A",
      SK: "B",
      n: 1,
    });
    expect(ddb.commandCalls(GetCommand)[0]?.args[0].input).toEqual({
      TableName: "orders",
      Key: { PK: "A", SK: "B" },
      ConsistentRead: true,
    });

    await orders().put({ PK: "A", SK: "B" }, { condition: attributeNotExists("PK") });
    expect(ddb.commandCalls(PutCommand)[0]?.args[0].input).toEqual({
      TableName: "orders",
      Item: { PK: "A", SK: "B" },
      ConditionExpression: "attribute_not_exists(#n0)",
      ExpressionAttributeNames: { "#n0": "PK" },
    });
  });

  it("update builds the expression from a partial object, sharing placeholders with the condition", async () => {
    ddb.on(UpdateCommand).resolves({ Attributes: {} });
    await orders().update(
      { PK: "A", SK: "B" },
      { status: "paid", "address.city": "Lyon", skipped: undefined },
      {
        remove: ["note"],
        add: { views: 1 },
        condition: or(eq("status", "new"), not(eq("status", "void"))),
      },
    );
    expect(ddb.commandCalls(UpdateCommand)[0]?.args[0].input).toEqual({
      TableName: "orders",
      Key: { PK: "A", SK: "B" },
      UpdateExpression: "SET #n0 = :v0, #n1.#n2 = :v1 REMOVE #n3 ADD #n4 :v2",
      ConditionExpression: "(#n0 = :v3) OR (NOT (#n0 = :v4))",
      ExpressionAttributeNames: {
        "#n0": "status",
        "#n1": "address",
        "#n2": "city",
        "#n3": "note",
        "#n4": "views",
      },
      ExpressionAttributeValues: {
        ":v0": "paid",
        ":v1": "Lyon",
        ":v2": 1,
        ":v3": "new",
        ":v4": "void",
      },
      ReturnValues: "ALL_NEW",
    });
  });

  it("query renders key condition, filter, order, index and limit", async () => {
    ddb.on(QueryCommand).resolves({ Items: [], LastEvaluatedKey: { PK: "A", SK: "B" } });
    const handle = getTable("indexed", {
      partitionKey: "PK",
      sortKey: "SK",
      indexes: { GSI1: { partitionKey: "GSI1PK", sortKey: "GSI1SK" } },
    });
    const page = await handle.query({
      index: "GSI1",
      partition: "TYPE#x",
      sort: { between: ["a", "m"] },
      order: "desc",
      limit: 5,
      filter: and(beginsWith("name", "A"), eq("active", true)),
    });
    expect(page.cursor).toMatch(/^v1\./);
    expect(ddb.commandCalls(QueryCommand)[0]?.args[0].input).toEqual({
      TableName: "indexed",
      IndexName: "GSI1",
      KeyConditionExpression: "#n0 = :v0 AND #n1 BETWEEN :v1 AND :v2",
      FilterExpression: "(begins_with(#n2, :v3)) AND (#n3 = :v4)",
      ScanIndexForward: false,
      Limit: 5,
      ExpressionAttributeNames: {
        "#n0": "GSI1PK",
        "#n1": "GSI1SK",
        "#n2": "name",
        "#n3": "active",
      },
      ExpressionAttributeValues: {
        ":v0": "TYPE#x",
        ":v1": "a",
        ":v2": "m",
        ":v3": "A",
        ":v4": true,
      },
    });
  });

  it("delete asks for the old item", async () => {
    ddb.on(DeleteCommand).resolves({});
    expect(await orders().delete({ PK: "A", SK: "B" })).toBeUndefined();
    expect(ddb.commandCalls(DeleteCommand)[0]?.args[0].input).toMatchObject({
      ReturnValues: "ALL_OLD",
    });
  });
});

describe("conditions", () => {
  it.each([
    ["and", and],
    ["or", or],
  ])("%s() with no condition throws a DynamoValidationError (kind validation)", (_, join) => {
    let error: unknown;
    try {
      join();
    } catch (thrown) {
      error = thrown;
    }
    expect(error).toBeInstanceOf(DynamoValidationError);
    expect(error).toBeInstanceOf(DynamoError);
    expect(error).toMatchObject({ kind: "validation", safeMessage: "Invalid request" });
    expect((error as Error).message).toMatch(/needs at least one condition/);
  });
});

describe("repository batches and transactions", () => {
  const repo = () =>
    new BaseRepository<{ id: string }>({
      table: "app",
      prefix: "ITEM",
      id: (m) => m.id,
      batchRetry: { baseDelayMs: 0, maxDelayMs: 0, maxAttempts: 3 },
    });

  it("chunks a 1,000-item batch write into requests of 25", async () => {
    ddb.on(BatchWriteCommand).resolves({});
    await repo().batchPut(Array.from({ length: 1000 }, (_, i) => ({ id: String(i) })));
    const calls = ddb.commandCalls(BatchWriteCommand);
    expect(calls).toHaveLength(40);
    expect(calls.every((c) => c.args[0].input.RequestItems?.app?.length === 25)).toBe(true);
  });

  it("retries unprocessed items, then names the ones that never went through", async () => {
    const stuck = { PutRequest: { Item: { PK: "ITEM#2", SK: "ITEM#2" } } };
    ddb.on(BatchWriteCommand).resolves({ UnprocessedItems: { app: [stuck] } });
    const error = await repo()
      .batchPut([{ id: "1" }, { id: "2" }])
      .catch((e) => e);
    expect(error).toBeInstanceOf(DynamoBatchIncompleteError);
    expect(error).toMatchObject({ attempts: 3, unprocessedKeys: [{ PK: "ITEM#2", SK: "ITEM#2" }] });
    expect(ddb.commandCalls(BatchWriteCommand)).toHaveLength(3);
    expect(ddb.commandCalls(BatchWriteCommand)[1]?.args[0].input.RequestItems?.app).toEqual([
      stuck,
    ]);
  });

  it("refuses a batch that writes one key twice, before sending anything", async () => {
    await expect(repo().batchPut([{ id: "1" }, { id: "1" }])).rejects.toThrow(/one key twice/);
    expect(ddb.calls()).toHaveLength(0);
  });

  it("sends a transaction with each action's condition", async () => {
    ddb.on(TransactWriteCommand).resolves({});
    await transactWrite([
      await repo().createOp({ id: "1" }),
      repo().deleteOp({ id: "2" }, { expectedVersion: 4 }),
    ]);
    const input = ddb.commandCalls(TransactWriteCommand)[0]?.args[0].input;
    expect(input?.TransactItems?.[0]?.Put).toMatchObject({
      TableName: "app",
      ConditionExpression: "attribute_not_exists(#n0)",
      Item: { PK: "ITEM#1", SK: "ITEM#1", version: 1, entityType: "ITEM" },
    });
    expect(input?.TransactItems?.[1]?.Delete).toEqual({
      TableName: "app",
      Key: { PK: "ITEM#2", SK: "ITEM#2" },
      ConditionExpression: "#n0 = :v0",
      ExpressionAttributeNames: { "#n0": "version" },
      ExpressionAttributeValues: { ":v0": 4 },
    });
  });
});

describe("typing", () => {
  it("accepts interfaces as item types (they have no index signature)", async () => {
    interface Order {
      PK: string;
      SK: string;
      total: number;
    }
    ddb.on(GetCommand).resolves({ Item: { PK: "A", SK: "B", total: 1 } });
    const order: Order | undefined = await getTable<Order>("orders").get({ PK: "A", SK: "B" });
    expect(order?.total).toBe(1);
  });
});
