import { randomUUID } from "node:crypto";
import { once } from "node:events";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { createTables, deleteTables, useLocalCredentials } from "@org/aws-testing/local";
import { afterAll, beforeAll } from "vitest";

useLocalCredentials();

/** A fresh table on this run's DynamoDB Local (started by the project's globalSetup). */
export function useTable(): { readonly name: string } {
  const table = { name: `recipes-${randomUUID()}` };
  const endpoint = () => process.env.AWS_ENDPOINT_URL_DYNAMODB ?? "";
  beforeAll(() =>
    createTables(endpoint(), [{ name: table.name, partitionKey: "PK", sortKey: "SK" }]),
  );
  afterAll(() => deleteTables(endpoint(), [table.name]));
  return table;
}

/** A loopback endpoint that accepts requests and never answers them. */
export async function silentEndpoint(): Promise<{ url: string; close: () => Promise<void> }> {
  const server = createServer(() => {});
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: async () => {
      server.closeAllConnections();
      server.close();
      await once(server, "close");
    },
  };
}

/** What Lambda passes a handler, with `remainingMs` of the invocation left. */
export function lambdaContext(remainingMs: number) {
  const deadline = Date.now() + remainingMs;
  return {
    awsRequestId: randomUUID(),
    functionName: "recipe",
    getRemainingTimeInMillis: () => deadline - Date.now(),
  } as never;
}
