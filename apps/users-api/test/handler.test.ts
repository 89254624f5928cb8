import { ConditionalCheckFailedException } from "@aws-sdk/client-dynamodb";
import { GetCommand, PutCommand } from "@aws-sdk/lib-dynamodb";
import { httpApiEvent, lambdaContext } from "@org/aws-testing";
import { mockDocumentClient } from "@org/aws-testing/dynamodb";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { handler } from "../src/handler";

// The claims API Gateway's JWT authorizer passes on for a Cognito access token.
const ada = { sub: "ada-1", username: "ada", token_use: "access" };
const bob = { sub: "bob-2", username: "bob", token_use: "access" };
const admin = {
  sub: "root-3",
  username: "root",
  token_use: "access",
  "cognito:groups": "[admins]",
};

const call = async (options: Parameters<typeof httpApiEvent>[0]) => {
  const result = await handler(httpApiEvent(options), lambdaContext());
  return { status: result.statusCode, body: JSON.parse(result.body ?? "null") };
};
const get = (id: string, claims?: Record<string, unknown>) =>
  call({
    routeKey: id === "me" ? "GET /users/me" : "GET /users/{id}",
    path: `/users/${id}`,
    ...(id === "me" ? {} : { pathParameters: { id } }),
    ...(claims ? { claims } : {}),
  });
const put = (id: string, body: unknown, claims?: Record<string, unknown>) =>
  call({
    method: "PUT",
    routeKey: id === "me" ? "PUT /users/me" : "PUT /users/{id}",
    path: `/users/${id}`,
    ...(id === "me" ? {} : { pathParameters: { id } }),
    body,
    ...(claims ? { claims } : {}),
  });

const stored = {
  PK: "USER#ada-1",
  SK: "USER#ada-1",
  id: "ada-1",
  email: "ada@example.com",
  name: "Ada",
  version: 1,
  createdAt: "t",
  updatedAt: "t",
  entityType: "USER",
};
// What a caller sees of it: no key attributes, no entity type.
const { PK, SK, entityType, ...profile } = stored;

beforeEach(() => {
  vi.stubEnv("TABLE_NAME", "app");
});
afterEach(() => {
  vi.unstubAllEnvs();
});

describe("users-api: who may do what", () => {
  it("reads the caller's own profile, by id or as /users/me; 404 when absent", async () => {
    mockDocumentClient()
      .on(GetCommand)
      .resolves({})
      .on(GetCommand, { Key: { PK: "USER#ada-1", SK: "USER#ada-1" } })
      .resolves({ Item: stored });
    expect(await get("ada-1", ada)).toEqual({ status: 200, body: profile });
    expect(await get("me", ada)).toEqual({ status: 200, body: profile });
    expect(await get("me", bob)).toEqual({ status: 404, body: { message: "No such user" } });
  });

  it("answers 401 without claims, and to an id token's claims", async () => {
    const ddb = mockDocumentClient();
    const unauthorized = { status: 401, body: { message: "Unauthorized" } };
    expect(await get("ada-1")).toEqual(unauthorized);
    expect(await get("me")).toEqual(unauthorized);
    expect(await put("me", { email: "a@example.com", name: "A" })).toEqual(unauthorized);
    expect(await get("ada-1", { ...ada, token_use: "id" })).toEqual(unauthorized);
    expect(ddb.calls()).toHaveLength(0);
  });

  it("answers 403 to another user's reads and writes, without touching the table", async () => {
    const ddb = mockDocumentClient();
    const forbidden = { status: 403, body: { message: "Forbidden" } };
    expect(await get("ada-1", bob)).toEqual(forbidden);
    expect(await put("ada-1", { email: "bob@example.com", name: "Bob" }, bob)).toEqual(forbidden);
    expect(await put("ada-1", { email: "x@example.com", name: "X" }, admin)).toEqual(forbidden);
    expect(ddb.calls()).toHaveLength(0);
  });

  it("lets the admin group read anyone's profile, with the group name from ADMIN_GROUP", async () => {
    mockDocumentClient().on(GetCommand).resolves({ Item: stored });
    expect(await get("ada-1", admin)).toEqual({ status: 200, body: profile });
    vi.stubEnv("ADMIN_GROUP", "support");
    expect((await get("ada-1", admin)).status).toBe(403);
    expect((await get("ada-1", { ...bob, "cognito:groups": "[support]" })).status).toBe(200);
  });
});

describe("users-api: writes", () => {
  it("creates the caller's profile under their own id, 409 when it exists", async () => {
    const ddb = mockDocumentClient();
    ddb
      .on(PutCommand)
      .resolvesOnce({})
      .rejects(new ConditionalCheckFailedException({ message: "exists", $metadata: {} }));
    const body = { email: "ada@example.com", name: "Ada" };
    expect((await put("me", body, ada)).status).toBe(201);
    expect(ddb).toHaveReceivedCommandWith(PutCommand, {
      Item: expect.objectContaining({ PK: "USER#ada-1", id: "ada-1" }),
    });
    const conflict = await put("ada-1", body, ada);
    expect(conflict.status).toBe(409);
    expect(JSON.stringify(conflict.body)).not.toMatch(/app|PK|USER#|ada-1/);
  });

  it.each([
    ["an invalid email", { email: "nope", name: "Ada" }, /email/],
    [
      "an email over 254 characters",
      { email: `${"a".repeat(250)}@example.com`, name: "A" },
      /email/,
    ],
    ["an empty name", { email: "a@example.com", name: "  " }, /name/],
    ["a name over 200 characters", { email: "a@example.com", name: "n".repeat(201) }, /name/],
    ["an unknown field", { email: "a@example.com", name: "A", id: "bob-2" }, /id/],
    ["a wrong type", { email: "a@example.com", name: 42 }, /name/],
    ["a non-integer version", { email: "a@example.com", name: "A", version: 1.5 }, /version/],
    ["an array", [], /body/],
  ])("refuses %s with 400 and says what", async (_, body, problem) => {
    const ddb = mockDocumentClient();
    const response = await put("me", body, ada);
    expect(response.status).toBe(400);
    expect(response.body.message).toBe("Invalid request");
    expect(response.body.details.join()).toMatch(problem);
    expect(ddb.calls()).toHaveLength(0);
  });

  it("refuses a body that is not JSON, or none", async () => {
    expect((await put("me", "{not json", ada)).body).toEqual({
      message: "The body is not valid JSON",
    });
    expect((await put("me", undefined, ada)).status).toBe(400);
  });

  it("refuses an admin's read of a malformed id with 400", async () => {
    const bad = await get("a/b?c", admin);
    expect(bad.status).toBe(400);
    expect(bad.body.message).toBe("Invalid request");
  });
});
