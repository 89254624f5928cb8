import { createServer, type Server } from "node:http";
import { resetAll } from "@org/aws-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DynamoThrottledError, DynamoUnavailableError } from "../../src/errors";
import { dynamo, getTable } from "../../src/index";

// A server that answers every DynamoDB request as a throttled DynamoDB would, so the real
// SDK retries for real before our error mapping sees the result.
let server: Server;
let requests = 0;
let endpoint = "";

beforeAll(async () => {
  server = createServer((req, res) => {
    requests++;
    req.resume();
    res.writeHead(400, { "content-type": "application/x-amz-json-1.0" });
    res.end(
      JSON.stringify({
        __type: "com.amazonaws.dynamodb.v20120810#ProvisionedThroughputExceededException",
        message: "The level of configured provisioned throughput for the table was exceeded.",
      }),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  endpoint = `http://127.0.0.1:${typeof address === "object" && address ? address.port : 0}`;
});
afterAll(async () => {
  resetAll();
  await new Promise((resolve) => server.close(resolve));
});

describe("throttling", () => {
  it("becomes DynamoThrottledError after the SDK's own retries", async () => {
    const previous = process.env.AWS_ENDPOINT_URL_DYNAMODB;
    process.env.AWS_ENDPOINT_URL_DYNAMODB = endpoint;
    try {
      resetAll();
      dynamo.configure({ maxAttempts: 3 });
      const error = await getTable("busy")
        .get({ PK: "A", SK: "B" })
        .catch((e) => e);
      expect(error).toBeInstanceOf(DynamoThrottledError);
      expect(error).toMatchObject({ table: "busy", key: { PK: "A", SK: "B" } });
      expect(requests).toBe(3);
    } finally {
      process.env.AWS_ENDPOINT_URL_DYNAMODB = previous;
      resetAll();
    }
  });
});

describe("DynamoDB out of reach", () => {
  it("is a DynamoUnavailableError (kind unavailable) with a safe message", async () => {
    // A port nobody listens on: the connection is refused.
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, "127.0.0.1", resolve));
    const address = closed.address();
    const port = typeof address === "object" && address ? address.port : 0;
    await new Promise((resolve) => closed.close(resolve));

    const previous = process.env.AWS_ENDPOINT_URL_DYNAMODB;
    process.env.AWS_ENDPOINT_URL_DYNAMODB = `http://127.0.0.1:${port}`;
    try {
      resetAll();
      dynamo.configure({ maxAttempts: 1 });
      const error = await getTable("secret-table")
        .get({ PK: "A", SK: "B" })
        .catch((e) => e);
      expect(error).toBeInstanceOf(DynamoUnavailableError);
      expect(error).toMatchObject({
        kind: "unavailable",
        safeMessage: "Service Unavailable",
        table: "secret-table",
      });
      expect(error.message).toMatch(/could not be reached/);
    } finally {
      process.env.AWS_ENDPOINT_URL_DYNAMODB = previous;
      resetAll();
    }
  });
});
