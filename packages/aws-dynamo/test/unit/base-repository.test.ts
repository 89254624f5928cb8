import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import {
  BatchGetCommand,
  BatchWriteCommand,
  DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  QueryCommand,
  TransactWriteCommand,
} from "@aws-sdk/lib-dynamodb";
import { defineClient, resetAll } from "@org/aws-core";
import { mockClient } from "aws-sdk-client-mock";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { BaseRepository, documentClient, getTable, transactWrite } from "../../src/index";

const ddb = mockClient(DynamoDBDocumentClient);

beforeEach(() => {
  vi.stubEnv("AWS_REGION", "eu-west-1");
  ddb.reset();
});
afterEach(() => {
  vi.unstubAllEnvs();
  resetAll();
});

interface Order {
  userId: string;
  orderId: string;
}

function ownDocumentClient() {
  const credentials = { accessKeyId: "test", secretAccessKey: "test" };
  const client = DynamoDBDocumentClient.from(
    new DynamoDBClient({ region: "us-east-1", credentials }),
  );
  const mock = mockClient(client);
  const item = { PK: "USER#u1", SK: "ORDER#o1", userId: "u1", orderId: "o1", version: 1 };
  mock.on(PutCommand).resolves({});
  mock.on(GetCommand).resolves({ Item: item });
  mock.on(QueryCommand).resolves({ Items: [item] });
  mock.on(BatchGetCommand).resolves({ Responses: { orders: [item] } });
  mock.on(BatchWriteCommand).resolves({});
  mock.on(TransactWriteCommand).resolves({});
  return { client, mock };
}

describe("BaseRepository with a client", () => {
  it("sends every operation on its client, never on the container's", async () => {
    const own = ownDocumentClient();
    const create = vi.fn(() => own.client);
    // A LazyClient declared with the repository: nothing is created until the first command.
    const orders = new BaseRepository<Order>({
      table: () => "orders",
      prefix: "USER",
      id: (o) => o.userId,
      sort: { prefix: "ORDER", value: (o) => o.orderId },
      client: defineClient({ name: "tenant-documents", create }),
    });
    expect(create).not.toHaveBeenCalled();

    await orders.create({ userId: "u1", orderId: "o1" });
    expect(await orders.get({ id: "u1", sort: "o1" })).toMatchObject({ orderId: "o1" });
    expect((await orders.list("u1")).items).toHaveLength(1);
    expect(await orders.batchGet([{ id: "u1", sort: "o1" }])).toHaveLength(1);
    await orders.batchPut([{ userId: "u2", orderId: "o2" }]);
    await transactWrite([await orders.createOp({ userId: "u3", orderId: "o3" })]);

    expect(own.mock.calls().map((call) => call.args[0].constructor.name)).toEqual([
      "PutCommand",
      "GetCommand",
      "QueryCommand",
      "BatchGetCommand",
      "BatchWriteCommand",
      "TransactWriteCommand",
    ]);
    expect(create).toHaveBeenCalledTimes(1);
    expect(ddb.calls()).toHaveLength(0);
    expect(documentClient.peek()).toBeUndefined();
  });

  it("shares the table handle of getTable with the same client and table", () => {
    const own = ownDocumentClient();
    const orders = new BaseRepository<Order>({
      table: "orders",
      prefix: "USER",
      id: (o) => o.userId,
      client: own.client,
    });
    expect(orders.table).toBe(getTable("orders", { client: own.client }));
    expect(orders.table).not.toBe(getTable("orders"));
    const onDefault = new BaseRepository<Order>({
      table: "orders",
      prefix: "USER",
      id: (o) => o.userId,
    });
    expect(onDefault.table).toBe(getTable("orders"));
  });
});
