import { DynamoDBDocumentClient, GetCommand } from "@aws-sdk/lib-dynamodb";
import { resetAll } from "@org/aws-core";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { documentClient, lazyDocumentClient } from "../../src/index";

beforeEach(() => {
  vi.stubEnv("AWS_REGION", "eu-west-1");
});
afterEach(() => {
  vi.unstubAllEnvs();
  vi.restoreAllMocks();
  resetAll();
});

describe("lazyDocumentClient", () => {
  it("answers the checks libraries make without creating the client", () => {
    expect("send" in lazyDocumentClient).toBe(true);
    expect("get" in lazyDocumentClient).toBe(false); // not a v2 DocumentClient
    expect(lazyDocumentClient instanceof DynamoDBDocumentClient).toBe(true);
    expect(typeof lazyDocumentClient.send).toBe("function");
    expect(documentClient.peek()).toBeUndefined();
  });

  it("sends through the container's DocumentClient, created on the first command", async () => {
    const answer = { Item: { PK: "USER#1" }, $metadata: {} };
    const send = vi
      .spyOn(DynamoDBDocumentClient.prototype, "send")
      .mockResolvedValue(answer as never);
    const command = new GetCommand({ TableName: "t", Key: { PK: "USER#1" } });

    await expect(lazyDocumentClient.send(command)).resolves.toBe(answer);
    expect(documentClient.peek()).toBeDefined();
    expect(send.mock.calls[0]?.[0]).toBe(command);
    expect(send.mock.contexts[0]).toBe(documentClient.peek());
  });

  it("reads other members from the real client", async () => {
    expect(await lazyDocumentClient.config.region()).toBe("eu-west-1");
    expect(lazyDocumentClient.middlewareStack).toBe(documentClient.client.middlewareStack);
  });
});
