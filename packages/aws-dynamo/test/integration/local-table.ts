import { randomUUID } from "node:crypto";
import { configureAwsDefaults } from "@org/aws-core";
import { createTables, type LocalTableDefinition } from "@org/aws-testing/local";
import { afterAll, beforeAll, beforeEach } from "vitest";

/**
 * Creates a table with a unique name on the DynamoDB Local of this test run (started by the
 * project's globalSetup) for the current test file, and deletes it afterwards. Each test's
 * clients get longer timeouts than core's 700 ms: DynamoDB Local (a JVM, warming up, beside
 * other test files) can take longer to answer, and a write retried after a timeout would
 * fail its own condition. Tests call `resetAll()` after each test, which undoes them.
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
  let deleteTables: (() => Promise<void>) | undefined;
  beforeAll(async () => {
    deleteTables = await createTables(endpoint(), [{ ...definition, name: table.name }]);
  });
  afterAll(() => deleteTables?.());
  beforeEach(() => configureAwsDefaults({ connectionTimeout: 5_000, requestTimeout: 5_000 }));
  return table;
}
