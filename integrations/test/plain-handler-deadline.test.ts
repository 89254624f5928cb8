import { PutCommand } from "@aws-sdk/lib-dynamodb";
import { resetAll } from "@org/aws-core";
import { documentClient } from "@org/aws-dynamo";
import { afterEach, describe, expect, it, vi } from "vitest";
import { handler } from "../recipes/plain-handler-deadline";
import { lambdaContext, silentEndpoint, useTable } from "./local";

const table = useTable();
afterEach(() => {
  vi.restoreAllMocks();
  resetAll();
});

describe("recipe: a plain handler with withInvocation()", () => {
  it("answers as usual when the call ends in time", async () => {
    const item = { PK: "USER#2", SK: "USER#2", name: "Linus" };
    await documentClient.client.send(new PutCommand({ TableName: table.name, Item: item }));
    const result = await handler({ table: table.name, id: "2" }, lambdaContext(3_000));
    expect(result.statusCode).toBe(200);
    expect(JSON.parse(result.body)).toEqual(item);
  });

  it("answers 504 with a safe message before the function's timeout when DynamoDB never answers", async () => {
    const silent = await silentEndpoint();
    vi.stubEnv("AWS_ENDPOINT_URL_DYNAMODB", silent.url);
    resetAll();
    const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
    try {
      const startedAt = Date.now();
      const result = await handler({ table: table.name, id: "2" }, lambdaContext(1_000));
      expect(Date.now() - startedAt).toBeLessThan(1_000);
      expect(result).toEqual({
        statusCode: 504,
        body: JSON.stringify({ message: "Gateway Timeout" }),
      });
      expect(warn).toHaveBeenCalledWith(
        expect.stringMatching(/^dynamodb-document GetItem stopped/),
      );
    } finally {
      vi.unstubAllEnvs();
      await silent.close();
    }
  });
});
