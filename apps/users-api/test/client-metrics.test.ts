import { createServer, type Server } from "node:http";
import { httpApiEvent, lambdaContext } from "@org/aws-testing";
import { afterAll, beforeAll, expect, it, vi } from "vitest";

// The ClientCreationTime metric of a users-api request names SDK clients only: the clients
// the request really created (no mock injects them), never a cache such as the table
// handles. A stand-in for DynamoDB's API answers GetItem with no item.
let dynamodb: Server;
const targets: string[] = [];

beforeAll(async () => {
  dynamodb = createServer((request, response) => {
    targets.push(String(request.headers["x-amz-target"]));
    request.resume().on("end", () => {
      response.writeHead(200, { "content-type": "application/x-amz-json-1.0" });
      response.end("{}");
    });
  });
  await new Promise<void>((resolve) => dynamodb.listen(0, "127.0.0.1", resolve));
});
afterAll(() => new Promise((resolve) => dynamodb.close(resolve)));

/** The EMF records written to stdout while `run` runs. */
async function metricsOf(run: () => Promise<unknown>) {
  const written: string[] = [];
  const out = vi.spyOn(process.stdout, "write").mockImplementation((chunk) => {
    written.push(String(chunk));
    return true;
  });
  try {
    await run();
  } finally {
    out.mockRestore();
  }
  return written
    .join("")
    .split("\n")
    .filter((line) => line.startsWith("{"))
    .map((line) => JSON.parse(line) as Record<string, unknown> & { _aws?: unknown })
    .filter((record) => record._aws !== undefined);
}

it("reports the creation time of the real SDK clients a request created, and nothing else", async () => {
  const address = dynamodb.address();
  if (typeof address !== "object" || !address) throw new Error("no port");
  vi.stubEnv("AWS_REGION", "us-east-1");
  vi.stubEnv("AWS_ACCESS_KEY_ID", "local");
  vi.stubEnv("AWS_SECRET_ACCESS_KEY", "local");
  vi.stubEnv("AWS_ENDPOINT_URL_DYNAMODB", `http://127.0.0.1:${address.port}`);
  vi.stubEnv("TABLE_NAME", "users");
  vi.stubEnv("POWERTOOLS_LOG_LEVEL", "SILENT");
  vi.stubEnv("POWERTOOLS_METRICS_DISABLED", "false");
  // Imported here: the handler's metrics are made by its first call, with this environment.
  const { handler } = await import("../src/handler");

  const records = await metricsOf(async () => {
    const result = await handler(
      httpApiEvent({ path: "/users/me", claims: { sub: "u-1", username: "u-1" } }),
      lambdaContext(),
    );
    expect(result.statusCode).toBe(404);
  });
  expect(targets).toEqual(["DynamoDB_20120810.GetItem"]);

  const clients = records
    .filter((record) => "ClientCreationTime" in record)
    .map((record) => record.client);
  // The DocumentClient and the DynamoDB client under it: each once, nothing else.
  expect(clients.sort()).toEqual(["dynamodb", "dynamodb-document"]);

  // A warm request creates nothing, so reports nothing.
  const warm = await metricsOf(() =>
    handler(
      httpApiEvent({ path: "/users/me", claims: { sub: "u-2", username: "u-2" } }),
      lambdaContext(),
    ),
  );
  expect(warm.filter((record) => "ClientCreationTime" in record)).toEqual([]);
  vi.unstubAllEnvs();
});
