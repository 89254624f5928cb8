import { ConverseCommand, InvokeModelCommand } from "@aws-sdk/client-bedrock-runtime";
import { GetUserCommand } from "@aws-sdk/client-cognito-identity-provider";
import { DynamoDBClient, GetItemCommand, ListTablesCommand } from "@aws-sdk/client-dynamodb";
import { DynamoDBDocumentClient, GetCommand } from "@aws-sdk/lib-dynamodb";
import { bedrock, converse, invokeClaude } from "@org/aws-bedrock";
import { cognito, getUserFromToken, tokenVerifier } from "@org/aws-cognito";
import { documentClient, dynamo, getTable } from "@org/aws-dynamo";
import { describe, expect, it, vi } from "vitest";
import { claudeAnswer, converseAnswer, mockBedrock } from "../src/bedrock/index";
import { mockCognito } from "../src/cognito/index";
import { mockDocumentClient, mockDynamoClient } from "../src/dynamodb/index";
import { createTestTokenIssuer } from "../src/index";

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
    // getUserFromToken takes only tokens of the function's own pool and app clients.
    const issuer = createTestTokenIssuer();
    tokenVerifier.configure({ userPoolId: issuer.userPoolId, clientId: issuer.clientId });
    mockCognito()
      .on(GetUserCommand)
      .resolves({ Username: "test-user", UserAttributes: [{ Name: "sub", Value: "u1" }] });

    const user = await getUserFromToken(issuer.sign({ username: "test-user" }));
    expect(user.username).toBe("test-user");
  });

  it("checks the lazy client: one instance", async () => {
    vi.stubEnv("AWS_REGION", "us-east-1");
    const client = await cognito.get();
    expect(cognito.client).toBe(client);
    expect(await cognito.get()).toBe(client);
  });
});

describe("one-line mocks", () => {
  it("a handler using Cognito and Bedrock needs at most 5 lines of setup", async () => {
    // setup: 4 lines
    const issuer = createTestTokenIssuer();
    tokenVerifier.configure({ userPoolId: issuer.userPoolId, clientId: issuer.clientId });
    mockCognito()
      .on(GetUserCommand)
      .resolves({ Username: "ada", UserAttributes: [{ Name: "sub", Value: "1" }] });
    const bedrockMock = mockBedrock().on(InvokeModelCommand).resolves(claudeAnswer("hola mundo"));

    expect(await translateForUser(issuer.sign({ username: "ada" }), "hello world")).toEqual({
      user: "ada",
      translation: "hola mundo",
    });
    expect(bedrockMock).toHaveReceivedCommandWith(InvokeModelCommand, { modelId: "claude" });
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

  it("injects into the load-on-use clients: .client and get() answer at once, sdk() is the real module", async () => {
    const bedrockMock = mockBedrock();
    const cognitoMock = mockCognito();
    // No load happened: the injected instances are there synchronously.
    const bedrockClient = bedrock.client;
    const cognitoClient = cognito.client;
    expect(await bedrock.get()).toBe(bedrockClient);
    expect(await cognito.get()).toBe(cognitoClient);
    // The SDK module still loads for its command classes: the ones the test matches on.
    expect((await bedrock.sdk()).ConverseCommand).toBe(ConverseCommand);
    bedrockMock.on(ConverseCommand).resolves(converseAnswer("from the mock"));
    const { ConverseCommand: Loaded } = await bedrock.sdk();
    expect(await bedrockClient.send(new Loaded({ modelId: "m", messages: [] }))).toMatchObject({
      output: { message: { content: [{ text: "from the mock" }] } },
    });
    expect(cognitoMock).not.toHaveReceivedAnyCommand();
  });

  it("covers the DocumentClient that table handles use", async () => {
    const ddb = mockDocumentClient();
    ddb.on(GetCommand).resolves({ Item: { PK: "USER#1", SK: "USER#1", name: "Ada" } });
    expect(await getTable("app").get({ PK: "USER#1", SK: "USER#1" })).toMatchObject({
      name: "Ada",
    });
    expect(ddb).toHaveReceivedCommandTimes(GetCommand, 1);
  });

  it("covers the low-level DynamoDB client", async () => {
    mockDynamoClient()
      .on(ListTablesCommand)
      .resolves({ TableNames: ["app"] });
    expect(await dynamo.client.send(new ListTablesCommand({}))).toEqual({ TableNames: ["app"] });
  });

  it("shows the trap it avoids: a client-dynamodb command class does not match DocumentClient calls", async () => {
    const ddb = mockDocumentClient();
    ddb.on(GetItemCommand as never).resolves({ Item: { name: { S: "never returned" } } } as never);
    const output = await documentClient.client.send(
      new GetCommand({ TableName: "app", Key: { PK: "USER#1" } }),
    );
    expect(output).toBeUndefined();
  });

  it("restores after each test (this test runs after the mocks above)", async () => {
    // The setup file restored the stubs and reset the lazy clients: fresh, unmocked clients.
    process.env.AWS_REGION ??= "us-east-1";
    const bedrockClient = await bedrock.get();
    expect(typeof (bedrockClient.send as { restore?: unknown }).restore).toBe("undefined");
    expect(typeof (documentClient.client.send as { restore?: unknown }).restore).toBe("undefined");
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
