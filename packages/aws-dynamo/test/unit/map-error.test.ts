import { AwsCoreError } from "@org/aws-core";
import { SingletonCreationError } from "@org/aws-core/internal";
import { describe, expect, it } from "vitest";
import {
  DynamoItemTooLargeError,
  DynamoThrottledError,
  DynamoUnavailableError,
  DynamoValidationError,
} from "../../src/errors";
import { DynamoConflictError, DynamoError, DynamoTransactionCancelledError } from "../../src/index";
import { toDynamoError } from "../../src/map-error";

const aws = (name: string, message = "boom", extra: object = {}) =>
  Object.assign(new Error(message), { name, ...extra });
const context = { table: "orders", key: { PK: "A" } };

describe("toDynamoError", () => {
  it.each([
    ["ConditionalCheckFailedException", DynamoConflictError],
    ["ProvisionedThroughputExceededException", DynamoThrottledError],
    ["ThrottlingException", DynamoThrottledError],
    ["RequestLimitExceeded", DynamoThrottledError],
    ["ValidationException", DynamoValidationError],
    ["TransactionConflictException", DynamoConflictError],
    ["ItemCollectionSizeLimitExceededException", DynamoValidationError],
  ])("maps %s, keeping table, key and cause", (name, type) => {
    const original = aws(name);
    const mapped = toDynamoError(original, context) as DynamoError;
    expect(mapped).toBeInstanceOf(type);
    expect(mapped).toBeInstanceOf(DynamoError);
    expect(mapped).toMatchObject({ table: "orders", key: { PK: "A" }, cause: original });
    expect(mapped.message).toContain('table "orders"');
  });

  it.each([
    [
      "a refused connection",
      aws("Error", "connect ECONNREFUSED 127.0.0.1:8000", { code: "ECONNREFUSED" }),
    ],
    ["a reset connection", aws("Error", "socket hang up", { code: "ECONNRESET" })],
    ["the SDK's request timeout", aws("TimeoutError", "Connection timed out after 1000 ms")],
  ])("maps %s to DynamoUnavailableError (503, a safe message)", (_, original) => {
    const mapped = toDynamoError(original, context) as DynamoUnavailableError;
    expect(mapped).toBeInstanceOf(DynamoUnavailableError);
    expect(mapped).toMatchObject({
      kind: "unavailable",
      safeMessage: "Service Unavailable",
      cause: original,
    });
    expect(mapped.message).toContain("could not be reached");
  });

  it("recognises an item over 400 KB", () => {
    const mapped = toDynamoError(
      aws("ValidationException", "Item size has exceeded the maximum allowed size"),
      context,
    );
    expect(mapped).toBeInstanceOf(DynamoItemTooLargeError);
  });

  it("maps each cancellation reason of a transaction to a typed error naming its item", () => {
    const error = aws("TransactionCanceledException", "cancelled", {
      CancellationReasons: [
        { Code: "None" },
        { Code: "ConditionalCheckFailed", Message: "The conditional request failed" },
        { Code: "ThrottlingError" },
        { Code: "ValidationError", Message: "bad" },
        { Code: "TransactionConflict" },
      ],
    });
    const actions = [0, 1, 2, 3, 4].map((i) => ({ table: "t", key: { PK: `K${i}` } }));
    const mapped = toDynamoError(error, {}, actions) as DynamoTransactionCancelledError;
    expect(mapped).toBeInstanceOf(DynamoTransactionCancelledError);
    expect(mapped.reasons.map((r) => r?.constructor.name)).toEqual([
      undefined,
      "DynamoConflictError",
      "DynamoThrottledError",
      "DynamoValidationError",
      "DynamoConflictError",
    ]);
    expect(mapped.reasons[1]?.key).toEqual({ PK: "K1" });
    expect(mapped.message).toMatch(/#1: DynamoConflictError/);
  });

  it("maps a value the DocumentClient cannot convert to DynamoValidationError", () => {
    const mapped = toDynamoError(new Error("Unsupported type passed: Tue Jan 01 2030"), context);
    expect(mapped).toBeInstanceOf(DynamoValidationError);
  });

  it.each([
    ["InternalServerError", aws("InternalServerError", "Internal server error")],
    ["a server fault", aws("SomethingNew", "boom", { $fault: "server" })],
    ["a 5xx status", aws("Unknown", "bad gateway", { $metadata: { httpStatusCode: 502 } })],
  ])("maps %s to DynamoUnavailableError (kind unavailable)", (_, original) => {
    const mapped = toDynamoError(original, context);
    expect(mapped).toBeInstanceOf(DynamoUnavailableError);
    expect(mapped).toMatchObject({ kind: "unavailable", table: "orders", cause: original });
  });

  it("maps an item collection over 10 GB to validation, not throttled", () => {
    const mapped = toDynamoError(
      aws("ItemCollectionSizeLimitExceededException", "Collection size exceeded."),
      context,
    );
    expect(mapped).toBeInstanceOf(DynamoValidationError);
    expect(mapped.kind).toBe("validation");
  });

  it("maps the throttling cancellation codes, and never reads a failure code as success", () => {
    const error = aws("TransactionCanceledException", "cancelled", {
      CancellationReasons: [
        { Code: "ProvisionedThroughputExceeded" },
        { Code: "ThrottlingError" },
        { Code: "RequestLimitExceeded" },
        { Code: "ItemCollectionSizeLimitExceeded" },
        { Code: "SomethingNew" },
        {},
      ],
    });
    const mapped = toDynamoError(error, {}) as DynamoTransactionCancelledError;
    expect(mapped.reasons.map((r) => r?.kind)).toEqual([
      "throttled",
      "throttled",
      "throttled",
      "validation",
      "internal",
      undefined,
    ]);
    expect(mapped.kind).toBe("throttled");
  });

  it.each([
    ["ResourceNotFoundException", aws("ResourceNotFoundException", "Requested resource not found")],
    ["AccessDeniedException", aws("AccessDeniedException", "not authorized", { $fault: "client" })],
    ["an unknown error", new RangeError("something else")],
    ["a string", "a string"],
    ["undefined", undefined],
  ])("maps %s to a DynamoError of kind internal, keeping the cause", (_, original) => {
    const mapped = toDynamoError(original, context);
    expect(mapped).toBeInstanceOf(DynamoError);
    expect(mapped).toBeInstanceOf(AwsCoreError);
    expect(mapped).toMatchObject({ kind: "internal", cause: original, table: "orders" });
    expect(mapped.message).toContain('table "orders"');
    expect(mapped.safeMessage).toBe("Internal Server Error");
    expect(mapped.safeMessage).not.toMatch(/orders|PK|Exception/);
  });

  it("passes core's errors through unchanged", () => {
    const deadline = new AwsCoreError("stopped at the invocation's deadline", { kind: "timeout" });
    const creation = SingletonCreationError.of("dynamodb", new Error("no region"));
    expect(toDynamoError(deadline, context)).toBe(deadline);
    expect(toDynamoError(creation, context)).toBe(creation);
  });
});
