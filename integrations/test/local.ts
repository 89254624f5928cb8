import { randomUUID } from "node:crypto";
import { once } from "node:events";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { createTables } from "@org/aws-testing/local";
import type { Plugin } from "esbuild";
import { afterAll, beforeAll } from "vitest";

// What the SDK needs to talk to the local stand-ins: a region and dummy credentials, each only
// where not already set, so a real AWS profile is never used (the SDK reads env first).
process.env.AWS_REGION ??= "us-east-1";
process.env.AWS_ACCESS_KEY_ID ??= "local";
process.env.AWS_SECRET_ACCESS_KEY ??= "local";

const packages = fileURLToPath(new URL("../../packages/", import.meta.url));

/** For esbuild: the workspace packages from their sources, as the tests import them. */
export const workspaceSources: Plugin = {
  name: "workspace-sources",
  setup(b) {
    b.onResolve({ filter: /^@org\/aws-[a-z]+(\/.+)?$/ }, ({ path }) => {
      const [, pkg, sub] = /^@org\/(aws-[a-z]+)(?:\/(.+))?$/.exec(path) ?? [];
      return { path: join(packages, pkg ?? "", "src", sub ?? "", "index.ts") };
    });
  },
};

/** A fresh table on this run's DynamoDB Local (started by the project's globalSetup). */
export function useTable(): { readonly name: string } {
  const table = { name: `recipes-${randomUUID()}` };
  const endpoint = () => process.env.AWS_ENDPOINT_URL_DYNAMODB ?? "";
  let deleteTable: (() => Promise<void>) | undefined;
  beforeAll(async () => {
    deleteTable = await createTables(endpoint(), [
      { name: table.name, partitionKey: "PK", sortKey: "SK" },
    ]);
  });
  afterAll(() => deleteTable?.());
  return table;
}

/** A loopback endpoint that accepts requests and never answers them. */
export async function silentEndpoint(
  onRequest: () => void = () => {},
): Promise<{ url: string; close: () => Promise<void> }> {
  const server = createServer(onRequest);
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
