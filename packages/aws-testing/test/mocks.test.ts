import { DynamoDBClient, GetItemCommand } from "@aws-sdk/client-dynamodb";
import { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import { converse, getBedrockClient, invokeClaude } from "@org/aws-bedrock";
import { cognito, getCognitoClient, getUserFromToken } from "@org/aws-cognito";
import { getDocumentClient, getTable } from "@org/aws-dynamo";
import { describe, expect, it, vi } from "vitest";
import {
  ConverseCommand,
  claudeAnswer,
  converseAnswer,
  InvokeModelCommand,
  mockBedrock,
} from "../src/bedrock/index";
import { GetUserCommand, mockCognito } from "../src/cognito/index";
import { GetCommand, mockDocumentClient } from "../src/dynamodb/index";

// A handler as users write them: the user from a token, a translation, both through the
// lazy clients.
async function translateForUser(accessToken: string, text: string) {
  const user = await getUserFromToken(accessToken);
  const { text: translation } = await invokeClaude({
    modelId: "claude",
    system: "Translate from en to es.",
    prompt: text,
  });
  return { user: user.username, translation };
}

describe("the README's examples", () => {
  it("mocks the central Cognito client's GetUser", async () => {
    mockCognito()
      .on(GetUserCommand)
      .resolves({ Username: "test-user", UserAttributes: [{ Name: "sub", Value: "u1" }] });

    const user = await getUserFromToken("test-token");
    expect(user.username).toBe("test-user");
  });

  it("checks the singleton: one instance", async () => {
    vi.stubEnv("AWS_REGION", "us-east-1");
    const client1 = await cognito.get();
    const client2 = await getCognitoClient();
    expect(client1).toBe(client2);
  });
});

describe("one-line mocks", () => {
  it("a handler using Cognito and Bedrock needs at most 5 lines of setup", async () => {
    // setup: 2 lines
    mockCognito()
      .on(GetUserCommand)
      .resolves({ Username: "ada", UserAttributes: [{ Name: "sub", Value: "1" }] });
    const bedrock = mockBedrock().on(InvokeModelCommand).resolves(claudeAnswer("hola mundo"));

    expect(await translateForUser("token", "hello world")).toEqual({
      user: "ada",
      translation: "hola mundo",
    });
    expect(bedrock).toHaveReceivedCommandWith(InvokeModelCommand, { modelId: "claude" });
  });

  it("needs no region or credentials in the environment", async () => {
    const previous = process.env.AWS_REGION;
    delete process.env.AWS_REGION;
    try {
      mockBedrock().on(ConverseCommand).resolves(converseAnswer("hi"));
      expect((await converse({ modelId: "m", prompt: "x" })).text).toBe("hi");
    } finally {
      if (previous !== undefined) process.env.AWS_REGION = previous;
    }
  });

  it("covers the DocumentClient that table handles use", async () => {
    const ddb = mockDocumentClient();
    ddb.on(GetCommand).resolves({ Item: { PK: "USER#1", SK: "USER#1", name: "Ada" } });
    expect(await getTable("app").get({ PK: "USER#1", SK: "USER#1" })).toMatchObject({
      name: "Ada",
    });
    expect(ddb).toHaveReceivedCommandTimes(GetCommand, 1);
  });

  it("shows the trap it avoids: a client-dynamodb command class does not match DocumentClient calls", async () => {
    const ddb = mockDocumentClient();
    ddb.on(GetItemCommand as never).resolves({ Item: { name: { S: "never returned" } } } as never);
    const output = await getDocumentClient().send(
      new GetCommand({ TableName: "app", Key: { PK: "USER#1" } }),
    );
    expect(output).toBeUndefined();
  });

  it("restores after each test (this test runs after the mocks above)", async () => {
    // The setup file restored the stubs and reset the singletons: fresh, unmocked clients.
    process.env.AWS_REGION ??= "us-east-1";
    const bedrockClient = await getBedrockClient();
    expect(typeof (bedrockClient.send as { restore?: unknown }).restore).toBe("undefined");
    expect(typeof (getDocumentClient().send as { restore?: unknown }).restore).toBe("undefined");
    // A DocumentClient built now sends for real: under the stubs above, every send answered
    // (undefined when nothing matched); this one reaches the network, a closed port refuses it.
    const fresh = DynamoDBDocumentClient.from(
      new DynamoDBClient({
        region: "us-east-1",
        endpoint: "http://127.0.0.1:1",
        credentials: { accessKeyId: "test", secretAccessKey: "test" },
        maxAttempts: 1,
      }),
    );
    try {
      await expect(
        Promise.resolve(fresh.send(new GetCommand({ TableName: "app", Key: { PK: "USER#1" } }))),
      ).rejects.toThrow(/ECONNREFUSED/);
    } finally {
      fresh.destroy();
    }
  });
});
