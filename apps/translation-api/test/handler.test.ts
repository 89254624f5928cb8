import { InvokeModelCommand } from "@aws-sdk/client-bedrock-runtime";
import { PutCommand, QueryCommand } from "@aws-sdk/lib-dynamodb";
import { httpApiEvent, lambdaContext } from "@org/aws-testing";
import { claudeAnswer, mockBedrock } from "@org/aws-testing/bedrock";
import { mockDocumentClient } from "@org/aws-testing/dynamodb";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { handler } from "../src/handler";

const claims = { sub: "user-1", username: "ada", token_use: "access" };
const call = async (options: Parameters<typeof httpApiEvent>[0]) => {
  const result = await handler(httpApiEvent(options), lambdaContext());
  return { status: result.statusCode, body: JSON.parse(result.body ?? "null") };
};

beforeEach(() => {
  vi.stubEnv("TABLE_NAME", "app");
});

describe("translation-api", () => {
  it("GET /health touches no client", async () => {
    const bedrock = mockBedrock();
    expect(await call({ path: "/health" })).toEqual({ status: 200, body: { status: "ok" } });
    expect(bedrock.calls()).toHaveLength(0);
  });

  it("POST /translations translates through Bedrock and saves the history item", async () => {
    const bedrock = mockBedrock().on(InvokeModelCommand).resolves(claudeAnswer("hola mundo"));
    const ddb = mockDocumentClient().on(PutCommand).resolves({});
    const { status, body } = await call({
      method: "POST",
      path: "/translations",
      body: { text: "hello world", direction: "en-es" },
      claims,
    });
    expect(status).toBe(201);
    expect(body).toMatchObject({
      text: "hello world",
      translation: "hola mundo",
      direction: "en-es",
    });
    const sent = JSON.parse(
      bedrock.commandCalls(InvokeModelCommand)[0]?.args[0].input.body as string,
    );
    expect(sent.system).toBe("Translate from en to es. Answer with the translation only.");
    expect(ddb).toHaveReceivedCommandWith(PutCommand, {
      TableName: "app",
      Item: expect.objectContaining({
        PK: "USER#user-1",
        translation: "hola mundo",
        entityType: "TRANSLATION",
      }),
    });
  });

  it.each([
    [{ text: "", direction: "en-es" }, /text is empty/],
    [{ text: "x".repeat(1001), direction: "en-es" }, /over 1000/],
    [{ text: "hi", direction: "en-xx" }, /direction must be one of/],
    [{ direction: "en-es" }, /text/],
  ])("POST /translations refuses %j with 400", async (input, message) => {
    const { status, body } = await call({
      method: "POST",
      path: "/translations",
      body: input,
      claims,
    });
    expect(status).toBe(400);
    expect(body.details.join()).toMatch(message);
  });

  it.each([
    ["no authorizer claims", undefined],
    ["an id token's claims", { ...claims, token_use: "id" }],
    ["claims without sub", { username: "ada", token_use: "access" }],
  ])("answers 401 to %s, before calling Bedrock, with API Gateway's body", async (_, given) => {
    const bedrock = mockBedrock();
    const response = await call({
      method: "POST",
      path: "/translations",
      body: { text: "hi", direction: "en-es" },
      ...(given ? { claims: given } : {}),
    });
    expect(response).toEqual({ status: 401, body: { message: "Unauthorized" } });
    expect(bedrock.calls()).toHaveLength(0);
  });

  it("refuses unknown fields in the body", async () => {
    const { status, body } = await call({
      method: "POST",
      path: "/translations",
      body: { text: "hi", direction: "en-es", userId: "someone-else" },
      claims,
    });
    expect(status).toBe(400);
    expect(body.details.join()).toMatch(/userId/);
  });

  it("GET /translations pages the user's history, newest first", async () => {
    const ddb = mockDocumentClient()
      .on(QueryCommand)
      .resolves({
        Items: [
          {
            PK: "USER#user-1",
            SK: "TRANSLATION#2026#a",
            id: "a",
            userId: "user-1",
            text: "hi",
            translation: "hola",
            direction: "en-es",
            requestedAt: "2026",
            version: 1,
            createdAt: "x",
            updatedAt: "x",
          },
        ],
      });
    const { status, body } = await call({ path: "/translations", query: { limit: "5" }, claims });
    expect(status).toBe(200);
    expect(body).toEqual({
      items: [
        { id: "a", text: "hi", translation: "hola", direction: "en-es", requestedAt: "2026" },
      ],
      cursor: null,
    });
    expect(ddb).toHaveReceivedCommandWith(QueryCommand, { Limit: 5, ScanIndexForward: false });
    expect((await call({ path: "/translations", query: { limit: "500" }, claims })).status).toBe(
      400,
    );
    expect(
      (await call({ path: "/translations", query: { cursor: "tampered" }, claims })).status,
    ).toBe(400);
  });
});
