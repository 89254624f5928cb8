import { unmarshall } from "@aws-sdk/util-dynamodb";
import { getUserFromEvent } from "@org/aws-cognito";
import { describe, expect, it, vi } from "vitest";
import {
  dynamoStreamEvent,
  httpApiEvent,
  lambdaContext,
  restApiEvent,
  sqsEvent,
} from "../src/index";

describe("event factories", () => {
  it("HTTP API v2 events carry method, path, JSON body, query and JWT claims", async () => {
    const event = httpApiEvent({
      method: "POST",
      path: "/translations",
      body: { text: "hi" },
      query: { limit: "5" },
      headers: { "X-Trace": "1" },
      claims: { sub: "u1", username: "ada", "cognito:groups": "[admin]" },
    });
    expect(event).toMatchObject({
      version: "2.0",
      routeKey: "POST /translations",
      rawPath: "/translations",
      rawQueryString: "limit=5",
      queryStringParameters: { limit: "5" },
      headers: { "x-trace": "1", "content-type": "application/json" },
      body: '{"text":"hi"}',
      isBase64Encoded: false,
      requestContext: { http: { method: "POST", path: "/translations" } },
    });
    expect(await getUserFromEvent(event)).toMatchObject({
      id: "u1",
      username: "ada",
      groups: ["admin"],
    });
  });

  it("HTTP API v2 events can carry a base64 body and no authorizer", () => {
    const event = httpApiEvent({ method: "PUT", body: "raw", base64: true });
    expect(event.body).toBe(Buffer.from("raw").toString("base64"));
    expect(event.isBase64Encoded).toBe(true);
    expect(event.requestContext).not.toHaveProperty("authorizer");
  });

  it("REST events carry Cognito authorizer claims as strings", async () => {
    const event = restApiEvent({
      method: "GET",
      path: "/users/1",
      pathParameters: { id: "1" },
      claims: { sub: "u2", "cognito:groups": ["a", "b"] },
    });
    expect(event.requestContext.authorizer?.claims).toEqual({
      token_use: "access",
      sub: "u2",
      "cognito:groups": "a,b",
    });
    expect(event.pathParameters).toEqual({ id: "1" });
    expect((await getUserFromEvent(event as never)).groups).toEqual(["a", "b"]);
  });

  it("SQS events hold one record per body", () => {
    const { Records } = sqsEvent([{ id: 1 }, "text"]);
    expect(Records.map((r) => r.body)).toEqual(['{"id":1}', "text"]);
    expect(Records[0]?.eventSource).toBe("aws:sqs");
  });

  it("DynamoDB stream events hold marshalled images", () => {
    const { Records } = dynamoStreamEvent([
      {
        eventName: "MODIFY",
        keys: { PK: "A" },
        newImage: { PK: "A", n: 2 },
        oldImage: { PK: "A", n: 1 },
      },
    ]);
    expect(Records[0]?.eventName).toBe("MODIFY");
    expect(unmarshall(Records[0]?.dynamodb?.NewImage as never)).toEqual({ PK: "A", n: 2 });
    expect(Records[0]?.dynamodb?.Keys).toEqual({ PK: { S: "A" } });
  });

  it("the Lambda context counts down", () => {
    vi.useFakeTimers();
    try {
      const context = lambdaContext({ timeoutMs: 1_000, functionName: "f" });
      expect(context.getRemainingTimeInMillis()).toBe(1_000);
      vi.advanceTimersByTime(400);
      expect(context.getRemainingTimeInMillis()).toBe(600);
      vi.advanceTimersByTime(5_000);
      expect(context.getRemainingTimeInMillis()).toBe(0);
      expect(context.invokedFunctionArn).toMatch(/function:f$/);
    } finally {
      vi.useRealTimers();
    }
  });
});
