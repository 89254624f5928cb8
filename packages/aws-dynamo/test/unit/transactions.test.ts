import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { DynamoDBDocumentClient, TransactWriteCommand } from "@aws-sdk/lib-dynamodb";
import { resetAll } from "@org/aws-core";
import { mockClient } from "aws-sdk-client-mock";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { DynamoValidationError } from "../../src/errors";
import {
  BaseRepository,
  type DocumentClientOption,
  DynamoError,
  documentClient,
  transactWrite,
} from "../../src/index";

const ddb = mockClient(DynamoDBDocumentClient);

beforeEach(() => {
  vi.stubEnv("AWS_REGION", "eu-west-1");
  ddb.reset();
});
afterEach(() => {
  vi.unstubAllEnvs();
  resetAll();
});

function repository(table: string, client?: DocumentClientOption) {
  return new BaseRepository<{ id: string }>({
    table,
    prefix: "ITEM",
    id: (m) => m.id,
    ...(client ? { client } : {}),
  });
}

function ownDocumentClient() {
  const credentials = { accessKeyId: "test", secretAccessKey: "test" };
  const client = DynamoDBDocumentClient.from(
    new DynamoDBClient({ region: "us-east-1", credentials }),
  );
  const mock = mockClient(client);
  mock.on(TransactWriteCommand).resolves({});
  return { client, mock };
}

describe("transactWrite", () => {
  it("sends on the client of the repositories that made the actions", async () => {
    const own = ownDocumentClient();
    await transactWrite([
      await repository("users", own.client).createOp({ id: "1" }),
      repository("emails", own.client).deleteOp({ id: "2" }),
    ]);
    const input = own.mock.commandCalls(TransactWriteCommand)[0]?.args[0].input;
    expect(input?.TransactItems?.map((item) => Object.keys(item)[0])).toEqual(["Put", "Delete"]);
    expect(ddb.calls()).toHaveLength(0);
    expect(documentClient.peek()).toBeUndefined();
  });

  it("sends actions of repositories without a client, or with documentClient, on documentClient", async () => {
    ddb.on(TransactWriteCommand).resolves({});
    await transactWrite([
      repository("users").deleteOp({ id: "1" }),
      repository("emails", documentClient).deleteOp({ id: "2" }),
    ]);
    expect(ddb.commandCalls(TransactWriteCommand)[0]?.thisValue).toBe(documentClient.peek());
  });

  it("refuses actions of different clients with a DynamoError of kind internal, sending nothing", async () => {
    const own = ownDocumentClient();
    const west = documentClient.for({ region: "us-west-2" });
    for (const ops of [
      [
        repository("users").deleteOp({ id: "1" }),
        repository("emails", own.client).deleteOp({ id: "2" }),
      ],
      [repository("users", west).deleteOp({ id: "1" }), repository("emails").deleteOp({ id: "2" })],
    ]) {
      const error = await transactWrite(ops).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(DynamoError);
      expect(error).not.toBeInstanceOf(DynamoValidationError);
      expect(error).toMatchObject({ kind: "internal", safeMessage: "Internal Server Error" });
      expect((error as Error).message).toMatch(
        /Actions 0 \(table "users"\) and 1 \(table "emails"\) .* different clients/,
      );
    }
    expect(ddb.calls()).toHaveLength(0);
    expect(own.mock.calls()).toHaveLength(0);
  });

  it("refuses what is not an action (a createOp not awaited) with a DynamoError of kind internal", async () => {
    const users = repository("users");
    const pending = users.createOp({ id: "1" });
    const error = await transactWrite([users.deleteOp({ id: "2" }), pending as never]).catch(
      (e: unknown) => e,
    );
    expect(error).toMatchObject({ kind: "internal" });
    expect((error as Error).message).toMatch(/Action 1 of the transaction is not a TransactionOp/);
    await pending;
    expect(ddb.calls()).toHaveLength(0);
  });
});
