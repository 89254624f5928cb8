import { describe, expect, it } from "vitest";
import * as entry from "../../src/index";

describe("the package entry", () => {
  it("exports ten runtime names, each justified in the README", () => {
    expect(Object.keys(entry).sort()).toEqual([
      "BaseRepository",
      "DynamoConflictError",
      "DynamoError",
      "DynamoTransactionCancelledError",
      "conditions",
      "documentClient",
      "dynamo",
      "getTable",
      "lazyDocumentClient",
      "transactWrite",
    ]);
  });

  it("holds every condition builder in the one `conditions` namespace", () => {
    expect(Object.keys(entry.conditions).sort()).toEqual([
      "and",
      "attributeExists",
      "attributeNotExists",
      "beginsWith",
      "between",
      "contains",
      "eq",
      "gt",
      "gte",
      "lt",
      "lte",
      "ne",
      "not",
      "or",
    ]);
    for (const build of Object.values(entry.conditions)) expect(typeof build).toBe("function");
  });

  it("has both clients in the one LazyClient shape of @org/aws-core", () => {
    for (const client of [entry.dynamo, entry.documentClient]) {
      for (const member of ["get", "sdk", "configure", "inject", "reset", "peek", "onCreate"]) {
        expect(typeof (client as unknown as Record<string, unknown>)[member]).toBe("function");
      }
      expect("isCreated" in client).toBe(false);
    }
    expect(entry.dynamo.name).toBe("dynamodb");
    expect(entry.documentClient.name).toBe("dynamodb-document");
  });
});
