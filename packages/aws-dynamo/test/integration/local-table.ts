import { randomUUID } from "node:crypto";
import { createTables, deleteTables, type LocalTableDefinition } from "@org/aws-testing/local";
import { afterAll, beforeAll } from "vitest";

/**
 * Creates a table with a unique name on the DynamoDB Local of this test run (started by the
 * project's globalSetup) for the current test file, and deletes it afterwards.
 */
export function useLocalTable(
  definition: Omit<LocalTableDefinition, "name"> = {
    partitionKey: "PK",
    sortKey: "SK",
  },
): { readonly name: string } {
  const table = { name: `test-${randomUUID()}` };
  const endpoint = () => {
    const url = process.env.AWS_ENDPOINT_URL_DYNAMODB;
    if (!url) throw new Error("AWS_ENDPOINT_URL_DYNAMODB is not set: is the globalSetup missing?");
    return url;
  };
  beforeAll(() => createTables(endpoint(), [{ ...definition, name: table.name }]));
  afterAll(() => deleteTables(endpoint(), [table.name]));
  return table;
}
