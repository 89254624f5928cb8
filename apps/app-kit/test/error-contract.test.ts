import * as bedrock from "@org/aws-bedrock";
import * as cognito from "@org/aws-cognito";
import * as core from "@org/aws-core";
import { AwsCoreError } from "@org/aws-core";
import * as dynamo from "@org/aws-dynamo";
import { httpApiEvent, lambdaContext } from "@org/aws-testing";
import { describe, expect, it, vi } from "vitest";
import { createHttpHandler, defineApi } from "../src/index";

// Every error class every package exports, thrown through the kit's handler: the status its
// package documents, and the body holds its safe message only.
const table = { table: "secret-table", key: { PK: "USER#secret" } };
const CASES: Record<string, [error: Error, status: number, body: string]> = {
  AwsCoreError: [new AwsCoreError("detail"), 500, "Internal Server Error"],
  MissingRegionError: [new core.MissingRegionError("dynamodb"), 500, "Internal Server Error"],
  InvalidConfigError: [new core.InvalidConfigError("x", 1, "y"), 500, "Internal Server Error"],
  ClientAlreadyCreatedError: [
    new core.ClientAlreadyCreatedError(["s3"]),
    500,
    "Internal Server Error",
  ],
  InvalidClientError: [new core.InvalidClientError("s3"), 500, "Internal Server Error"],
  SingletonCreationError: [
    new core.SingletonCreationError("s3", new Error("x")),
    500,
    "Internal Server Error",
  ],
  InvocationTimeoutError: [
    new core.InvocationTimeoutError("dynamodb", "GetItem", 1200, new Error("aborted")),
    504,
    "Gateway Timeout",
  ],
  DynamoError: [new dynamo.DynamoError("detail", table), 500, "Internal Server Error"],
  DynamoNotFoundError: [new dynamo.DynamoNotFoundError("detail", table), 404, "Not Found"],
  DynamoConflictError: [
    new dynamo.DynamoConflictError("detail", table),
    409,
    "The resource already exists or was changed since it was read",
  ],
  DynamoValidationError: [
    new dynamo.DynamoValidationError("detail", table),
    400,
    "Invalid request",
  ],
  DynamoItemTooLargeError: [
    new dynamo.DynamoItemTooLargeError("detail", table),
    400,
    "The resource is too large",
  ],
  DynamoInvalidCursorError: [
    new dynamo.DynamoInvalidCursorError("detail", table),
    400,
    "Invalid pagination cursor",
  ],
  DynamoThrottledError: [
    new dynamo.DynamoThrottledError("detail", table),
    429,
    "Too Many Requests",
  ],
  DynamoUnavailableError: [
    new dynamo.DynamoUnavailableError("connect ECONNREFUSED", table),
    503,
    "Service Unavailable",
  ],
  DynamoBatchIncompleteError: [
    new dynamo.DynamoBatchIncompleteError("write", [table.key], table, 8),
    429,
    "Too Many Requests",
  ],
  DynamoTransactionCancelledError: [
    new dynamo.DynamoTransactionCancelledError([
      undefined,
      new dynamo.DynamoConflictError("x", table),
    ]),
    409,
    "Conflict",
  ],
  CognitoAuthError: [
    new cognito.CognitoAuthError("detail", { kind: "unauthorized" }),
    401,
    "Unauthorized",
  ],
  CognitoUnauthorizedError: [
    new cognito.CognitoUnauthorizedError("client abc"),
    401,
    "Unauthorized",
  ],
  CognitoForbiddenError: [
    new cognito.CognitoForbiddenError("not in admins", ["admins"]),
    403,
    "Forbidden",
  ],
  BedrockError: [new bedrock.BedrockError("detail", "model-x"), 500, "Internal Server Error"],
  BedrockThrottledError: [
    new bedrock.BedrockThrottledError("detail", "model-x"),
    429,
    "Too Many Requests",
  ],
  BedrockValidationError: [
    new bedrock.BedrockValidationError("detail", "model-x"),
    400,
    "The model could not process this request",
  ],
  BedrockAccessDeniedError: [
    new bedrock.BedrockAccessDeniedError("detail", "model-x"),
    500,
    "Internal Server Error",
  ],
  BedrockModelNotReadyError: [
    new bedrock.BedrockModelNotReadyError("detail", "model-x"),
    503,
    "Service Unavailable",
  ],
  BedrockModelTimeoutError: [
    new bedrock.BedrockModelTimeoutError("detail", "model-x"),
    504,
    "Gateway Timeout",
  ],
  BedrockModelStreamError: [
    new bedrock.BedrockModelStreamError("detail", "model-x"),
    503,
    "Service Unavailable",
  ],
  BedrockUnavailableError: [
    new bedrock.BedrockUnavailableError("detail", "model-x"),
    503,
    "Service Unavailable",
  ],
};

const exportedErrorClasses = Object.entries({ ...core, ...dynamo, ...cognito, ...bedrock }).filter(
  ([, value]) => typeof value === "function" && value.prototype instanceof Error,
);

describe("the error contract", () => {
  it("covers every error class the packages export, each once, named as exported", () => {
    const names = exportedErrorClasses.map(([name]) => name);
    expect(names.sort()).toEqual(Object.keys(CASES).sort());
    for (const [name, Class] of exportedErrorClasses) {
      expect(
        (Class as { prototype: Error }).prototype instanceof AwsCoreError || Class === AwsCoreError,
        name,
      ).toBe(true);
      expect(CASES[name]?.[0].name, name).toBe(name);
    }
  });

  it.each(Object.entries(CASES))(
    "%s answers its documented status with its safe message only",
    async (name, [error, status, body]) => {
      const api = defineApi({
        function: "contract",
        runtime: "nodejs24.x",
        routes: { "GET /throw": { auth: "public" } },
      });
      const handler = createHttpHandler(api, {
        "GET /throw": () => {
          throw error;
        },
      });
      const quiet = vi.spyOn(console, "log").mockImplementation(() => {});
      const result = await handler(httpApiEvent({ path: "/throw" }), lambdaContext());
      quiet.mockRestore();
      expect(result.statusCode, name).toBe(status);
      expect(JSON.parse(result.body ?? "null"), name).toEqual({ message: body });
      expect(result.body).not.toMatch(/secret|detail|model-x|abc|admins|s3|dynamodb/);
    },
  );
});
