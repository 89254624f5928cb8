import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import { defineClient, resetAll } from "@org/aws-core";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { toClientSource } from "../../src/client/client-option";
import { DynamoValidationError } from "../../src/errors";
import { BaseRepository, DynamoError, documentClient, getTable } from "../../src/index";

beforeEach(() => {
  vi.stubEnv("AWS_REGION", "eu-west-1");
});
afterEach(() => {
  vi.unstubAllEnvs();
  resetAll();
});

const INVALID_CLIENTS = [
  ["a region", "eu-west-1"],
  ["a number", 42],
  ["null", null],
  ["an empty object", {}],
  ["an object with send() alone", { send: async () => ({}) }],
  ["a LazyClient's client getter without get()", { client: {} }],
  ["a function", () => documentClient.client],
] as const;

function expectMisconfiguration(error: unknown, table: string) {
  expect(error).toBeInstanceOf(DynamoError);
  expect(error).not.toBeInstanceOf(DynamoValidationError);
  expect(error).toMatchObject({ kind: "internal", table, safeMessage: "Internal Server Error" });
  expect((error as Error).message).toMatch(
    /^Invalid client: (a \w+|null|an array|an object that is neither an SDK client nor a LazyClient)\. Expected a DynamoDBDocumentClient/,
  );
}

describe("the client option", () => {
  it.each(INVALID_CLIENTS)(
    "refuses %s in getTable with a DynamoError of kind internal",
    (_, client) => {
      let error: unknown;
      try {
        getTable("orders", { client: client as never });
      } catch (thrown) {
        error = thrown;
      }
      expectMisconfiguration(error, "orders");
    },
  );

  it.each(INVALID_CLIENTS)("refuses %s in a repository on its first use", async (_, client) => {
    const users = new BaseRepository<{ id: string }>({
      table: "users",
      prefix: "USER",
      id: (u) => u.id,
      client: client as never,
    });
    expectMisconfiguration(await users.get({ id: "1" }).catch((e: unknown) => e), "users");
  });

  it("takes an SDK client as it is, and reads a LazyClient's client at each send only", () => {
    const sdkClient = DynamoDBDocumentClient.from(new DynamoDBClient({ region: "us-east-1" }));
    expect(toClientSource(sdkClient, "t").client).toBe(sdkClient);

    const create = vi.fn(() => sdkClient);
    const lazy = defineClient({ name: "lazy-documents", create });
    const source = toClientSource(lazy, "t");
    expect(source).toBe(lazy);
    expect(toClientSource(documentClient, "t")).toBe(documentClient);
    expect(create).not.toHaveBeenCalled();
    expect(documentClient.peek()).toBeUndefined();
    expect(source.client).toBe(sdkClient);
  });
});
