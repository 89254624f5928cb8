import { ConditionalCheckFailedException } from "@aws-sdk/client-dynamodb";
import { httpApiEvent, lambdaContext } from "@org/aws-testing";
import { GetCommand, mockDocumentClient, PutCommand } from "@org/aws-testing/dynamodb";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { handler } from "../src/handler";

const call = async (options: Parameters<typeof httpApiEvent>[0]) => {
  const result = await handler(httpApiEvent(options), lambdaContext());
  return { status: result.statusCode, body: JSON.parse(result.body ?? "null") };
};
const item = {
  PK: "USER#1",
  SK: "USER#1",
  id: "1",
  email: "ada@example.com",
  name: "Ada",
  version: 1,
  createdAt: "t",
  updatedAt: "t",
  entityType: "USER",
};

beforeEach(() => {
  vi.stubEnv("TABLE_NAME", "app");
});

describe("users-api", () => {
  it("GET /users/{id} reads the user, 404 when absent", async () => {
    mockDocumentClient().on(GetCommand).resolvesOnce({ Item: item }).resolves({});
    const found = await call({
      routeKey: "GET /users/{id}",
      path: "/users/1",
      pathParameters: { id: "1" },
    });
    expect(found).toEqual({
      status: 200,
      body: {
        id: "1",
        email: "ada@example.com",
        name: "Ada",
        version: 1,
        createdAt: "t",
        updatedAt: "t",
      },
    });
    expect(
      (await call({ routeKey: "GET /users/{id}", path: "/users/2", pathParameters: { id: "2" } }))
        .status,
    ).toBe(404);
  });

  it("PUT /users/{id} creates, 409 when it exists, 400 when invalid", async () => {
    const ddb = mockDocumentClient();
    ddb
      .on(PutCommand)
      .resolvesOnce({})
      .rejects(new ConditionalCheckFailedException({ message: "exists", $metadata: {} }));
    const body = { email: "ada@example.com", name: "Ada" };
    expect(
      (
        await call({
          method: "PUT",
          routeKey: "PUT /users/{id}",
          path: "/users/1",
          pathParameters: { id: "1" },
          body,
        })
      ).status,
    ).toBe(201);
    expect(
      (
        await call({
          method: "PUT",
          routeKey: "PUT /users/{id}",
          path: "/users/1",
          pathParameters: { id: "1" },
          body,
        })
      ).status,
    ).toBe(409);
    const invalid = await call({
      method: "PUT",
      routeKey: "PUT /users/{id}",
      path: "/users/1",
      pathParameters: { id: "1" },
      body: { email: "nope", name: "" },
    });
    expect(invalid.status).toBe(400);
    expect(invalid.body.details.join()).toMatch(/email/);
  });
});
