import { BedrockRuntimeClient } from "@aws-sdk/client-bedrock-runtime";
import { DynamoDBClient, ListTablesCommand } from "@aws-sdk/client-dynamodb";
import { defineClient } from "@org/aws-core";
import { describe, expect, it } from "vitest";
import { mockClient } from "../src/index";

// Clients declared as users declare theirs, one whose SDK is imported with the code and one
// whose SDK loads on first use.
const tables = defineClient({
  name: "tables",
  create: (config) => new DynamoDBClient(config),
});
const tablesOnUse = defineClient({
  name: "tables-on-use",
  load: () => import("@aws-sdk/client-dynamodb"),
  create: (config, sdk) => new sdk.DynamoDBClient(config),
});

describe("mockClient(lazyClient, SdkClientClass)", () => {
  it("injects an instance of the mocked class and returns its stub", async () => {
    const stub = mockClient(tables, DynamoDBClient);
    stub.on(ListTablesCommand).resolves({ TableNames: ["a"] });
    expect(tables.client).toBeInstanceOf(DynamoDBClient);
    expect(await tables.client.send(new ListTablesCommand({}))).toEqual({ TableNames: ["a"] });
    expect(stub).toHaveReceivedCommandTimes(ListTablesCommand, 1);
  });

  it("works for a client whose SDK loads on first use: .client at once, sdk() real", async () => {
    const stub = mockClient(tablesOnUse, DynamoDBClient);
    stub.on(ListTablesCommand).resolves({ TableNames: ["b"] });
    const injected = tablesOnUse.client; // no load before: the injected instance
    expect(await tablesOnUse.get()).toBe(injected);
    const sdk = await tablesOnUse.sdk();
    expect(sdk.ListTablesCommand).toBe(ListTablesCommand);
    expect(await injected.send(new sdk.ListTablesCommand({}))).toEqual({ TableNames: ["b"] });
  });

  it("covers instances of the class created later too", async () => {
    mockClient(tables, DynamoDBClient)
      .on(ListTablesCommand)
      .resolves({ TableNames: ["c"] });
    const other = new DynamoDBClient({ region: "us-east-1" });
    expect(await other.send(new ListTablesCommand({}))).toEqual({ TableNames: ["c"] });
  });

  it("keeps one stub per class: a second call keeps what the first set", async () => {
    const first = mockClient(tables, DynamoDBClient);
    first.on(ListTablesCommand).resolves({ TableNames: ["kept"] });
    const second = mockClient(tablesOnUse, DynamoDBClient);
    expect(second).toBe(first);
    expect(await tables.client.send(new ListTablesCommand({}))).toEqual({ TableNames: ["kept"] });
  });

  it("makes a new stub after one was restored by hand", async () => {
    mockClient(tables, DynamoDBClient).restore();
    const again = mockClient(tables, DynamoDBClient);
    again.on(ListTablesCommand).resolves({ TableNames: ["again"] });
    expect(await tables.client.send(new ListTablesCommand({}))).toEqual({
      TableNames: ["again"],
    });
  });

  it("refuses, at compile time, the client class of another service", () => {
    const check = () => {
      // @ts-expect-error: a Bedrock Runtime client is not what `tables` holds
      mockClient(tables, BedrockRuntimeClient);
    };
    expect(check).toBeTypeOf("function");
  });

  it("after each test, the setup file restored the class and reset the clients", () => {
    // The tests above mocked DynamoDBClient and injected into both clients.
    expect(tables.peek()).toBeUndefined();
    expect(tablesOnUse.peek()).toBeUndefined();
    const send = DynamoDBClient.prototype.send as { restore?: unknown };
    expect(send.restore).toBeUndefined();
  });
});
