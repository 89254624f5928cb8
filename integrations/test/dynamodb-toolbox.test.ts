import { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import { getClientCreations } from "@org/aws-core";
import { documentClient, lazyDocumentClient } from "@org/aws-dynamo";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { useTable } from "./local";

const tableName = useTable();
let recipe: typeof import("../recipes/dynamodb-toolbox");

beforeAll(async () => {
  vi.stubEnv("TABLE_NAME", tableName.name);
  recipe = await import("../recipes/dynamodb-toolbox");
});

describe("recipe: dynamodb-toolbox v2 on lazyDocumentClient", () => {
  it("creates no client when the table and entity are declared", () => {
    expect(recipe.table.getDocumentClient()).toBe(lazyDocumentClient);
    expect(lazyDocumentClient instanceof DynamoDBDocumentClient).toBe(true);
    expect(documentClient.peek()).toBeUndefined();
  });

  it("writes and reads through the container's one DocumentClient", async () => {
    await recipe.saveUser({ id: "7", name: "Grace" });
    // dynamodb-toolbox adds its timestamps.
    await expect(recipe.getUser("7")).resolves.toMatchObject({
      id: "7",
      name: "Grace",
      created: expect.any(String),
    });
    expect(documentClient.peek()).toBeDefined();
    expect(getClientCreations().filter((c) => c.name === "dynamodb-document")).toHaveLength(1);
  });
});
