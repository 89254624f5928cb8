import { PutCommand } from "@aws-sdk/lib-dynamodb";
import { AwsCoreError, resetAll } from "@org/aws-core";
import type { AwsClientsInfo } from "@org/aws-core/middy";
import { documentClient } from "@org/aws-dynamo";
import { describe, expect, it, vi } from "vitest";
import { handler } from "../recipes/middy-handler";
import { lambdaContext, silentEndpoint, useTable } from "./local";

const table = useTable();
const seen: AwsClientsInfo[] = [];
handler.use({
  before: (request) => {
    seen.push(request.internal.awsClients as AwsClientsInfo);
  },
});

describe("recipe: Middy with awsClients()", () => {
  it("reads through the container's client, with the cold-start flag and creation timings", async () => {
    const item = { PK: "USER#1", SK: "USER#1", name: "Ada" };
    await documentClient.client.send(new PutCommand({ TableName: table.name, Item: item }));

    await expect(handler({ table: table.name, id: "1" }, lambdaContext(3_000))).resolves.toEqual(
      item,
    );
    await handler({ table: table.name, id: "1" }, lambdaContext(3_000));

    expect(seen.map((info) => info.coldStart)).toEqual([true, false]);
    // On demand, priming leaves the work to the first call.
    expect(seen[0]?.primed).toEqual([
      { name: "dynamodb-document", primed: false, skipped: "on-demand", durationMs: 0 },
    ]);
    expect(seen[0]?.creations.map((c) => c.name)).toContain("dynamodb-document");
  });

  it("ends a call that would outlive the invocation with an error of kind timeout", async () => {
    const silent = await silentEndpoint();
    vi.stubEnv("AWS_ENDPOINT_URL_DYNAMODB", silent.url);
    resetAll();
    try {
      const startedAt = Date.now();
      const error = await handler({ table: table.name, id: "1" }, lambdaContext(800)).catch(
        (thrown: unknown) => thrown,
      );
      expect(error).toBeInstanceOf(AwsCoreError);
      expect(error).toMatchObject({ kind: "timeout" });
      // The default margin (500 ms) leaves the function time to answer.
      expect(Date.now() - startedAt).toBeLessThan(800);
    } finally {
      vi.unstubAllEnvs();
      resetAll();
      await silent.close();
    }
  });
});
