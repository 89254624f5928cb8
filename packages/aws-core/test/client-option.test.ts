import { DynamoDBClient, ListTablesCommand } from "@aws-sdk/client-dynamodb";
import { afterEach, describe, expect, it, vi } from "vitest";
import { AwsCoreError, defineClient, resetAll, withInvocation } from "../src/index";
import { clientSource } from "../src/internal";

afterEach(() => resetAll());

const lambdaContext = (timeLeftMs: number) => ({ getRemainingTimeInMillis: () => timeLeftMs });

describe("clientSource", () => {
  it("takes a LazyClient as it is, without creating its client", () => {
    const create = vi.fn((config) => new DynamoDBClient(config));
    const lazy = defineClient({ name: "dynamodb", create });
    expect(clientSource(lazy, "dynamodb")).toBe(lazy);
    expect(clientSource(lazy.for({ region: "us-west-2" }), "dynamodb")).toBeDefined();
    expect(create).not.toHaveBeenCalled();
  });

  it("gives a caller's SDK client the invocation deadline, once", async () => {
    const client = new DynamoDBClient({
      region: "eu-west-1",
      endpoint: "http://127.0.0.1:9", // nothing answers: the deadline must end the call
      credentials: { accessKeyId: "x", secretAccessKey: "x" },
      maxAttempts: 50,
    });
    const add = vi.spyOn(client.middlewareStack, "add");
    const source = clientSource<DynamoDBClient>(client, "dynamodb");
    clientSource<DynamoDBClient>(client, "dynamodb");
    if (typeof source === "string") throw new Error(source);
    expect(add).toHaveBeenCalledTimes(2); // two middlewares, added by the first call only
    expect(await source.get()).toBe(client);
    expect(source.client).toBe(client);

    const error = await withInvocation(lambdaContext(300), () =>
      client.send(new ListTablesCommand({})),
    ).catch((thrown: unknown) => thrown);
    expect(error).toBeInstanceOf(AwsCoreError);
    expect(error).toMatchObject({ kind: "timeout" });
  });

  const other = "an object that is neither an SDK client nor a LazyClient";
  it.each([
    ["undefined", undefined, "a undefined"],
    ["null", null, "null"],
    ["a string, not echoed", "secret-region", "a string"],
    ["an array", [1], "an array"],
    ["an object with send() alone", { send: async () => ({}) }, other],
    ["an object with a client but no get()", { client: {}, peek: () => undefined }, other],
  ])("refuses %s, saying what it is", (_, value, said) => {
    expect(clientSource(value, "dynamodb")).toBe(said);
  });
});
