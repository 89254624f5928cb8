import { AwsCoreError, httpStatusOf } from "@org/aws-core";
import { describe, expect, it } from "vitest";
import {
  DynamoBatchIncompleteError,
  DynamoInvalidCursorError,
  DynamoItemTooLargeError,
  DynamoNotFoundError,
  DynamoThrottledError,
  DynamoUnavailableError,
  DynamoValidationError,
} from "../../src/errors";
import { DynamoConflictError, DynamoError, DynamoTransactionCancelledError } from "../../src/index";

const where = { table: "secret-table", key: { PK: "USER#secret" } };
const cause = new Error("SDK text: connect ECONNREFUSED 10.0.0.7:443");

// Every class: (message, options), its name, its fixed kind and a safe message that names no
// table, no key and no SDK text.
const CASES: [error: DynamoError, name: string, kind: string, safeMessage: string][] = [
  [
    new DynamoError("detail", { ...where, cause }),
    "DynamoError",
    "internal",
    "Internal Server Error",
  ],
  [
    new DynamoNotFoundError("detail", { ...where, cause }),
    "DynamoNotFoundError",
    "not-found",
    "Not Found",
  ],
  [
    new DynamoConflictError("detail", { ...where, cause }),
    "DynamoConflictError",
    "conflict",
    "The resource already exists or was changed since it was read",
  ],
  [
    new DynamoValidationError("detail", { ...where, cause, issues: ["email: bad"] }),
    "DynamoValidationError",
    "validation",
    "Invalid request",
  ],
  [
    new DynamoItemTooLargeError("detail", { ...where, cause }),
    "DynamoItemTooLargeError",
    "validation",
    "The resource is too large",
  ],
  [
    new DynamoInvalidCursorError("detail", { ...where, cause }),
    "DynamoInvalidCursorError",
    "validation",
    "Invalid pagination cursor",
  ],
  [
    new DynamoThrottledError("detail", { ...where, cause }),
    "DynamoThrottledError",
    "throttled",
    "Too Many Requests",
  ],
  [
    new DynamoUnavailableError("detail", { ...where, cause }),
    "DynamoUnavailableError",
    "unavailable",
    "Service Unavailable",
  ],
  [
    new DynamoBatchIncompleteError("detail", {
      ...where,
      cause,
      operation: "write",
      unprocessedKeys: [where.key],
      attempts: 8,
    }),
    "DynamoBatchIncompleteError",
    "throttled",
    "Too Many Requests",
  ],
  [
    new DynamoTransactionCancelledError("detail", {
      reasons: [undefined, new DynamoConflictError("x", where)],
      cause,
    }),
    "DynamoTransactionCancelledError",
    "conflict",
    "Conflict",
  ],
];

describe("the error contract", () => {
  it.each(CASES.map((c) => [c[1], ...c] as const))("%s", (_, error, name, kind, safeMessage) => {
    expect(error).toBeInstanceOf(DynamoError);
    expect(error).toBeInstanceOf(AwsCoreError);
    expect(error.name).toBe(name);
    expect(error.kind).toBe(kind);
    expect(httpStatusOf(error.kind)).toBeGreaterThanOrEqual(400);
    expect(error.safeMessage).toBe(safeMessage);
    expect(error.safeMessage).not.toMatch(/secret|ECONNREFUSED|10\.0\.0\.7/);
    expect(error.cause).toBe(cause);
    // The details are in `message`, for logs.
    expect(error.message).toMatch(/^detail/);
  });

  it("keeps table and key in message and fields", () => {
    const error = new DynamoNotFoundError("No USER found", where);
    expect(error).toMatchObject(where);
    expect(error.message).toBe('No USER found (table "secret-table", key {"PK":"USER#secret"})');
  });

  it("carries extra data in the options: issues, unprocessed keys, reasons", () => {
    expect(new DynamoValidationError("x", { issues: ["a"] }).issues).toEqual(["a"]);
    expect(new DynamoValidationError("x").issues).toEqual([]);
    const batch = new DynamoBatchIncompleteError("x", {
      operation: "read",
      unprocessedKeys: [{ PK: "A" }],
      attempts: 3,
    });
    expect(batch).toMatchObject({ operation: "read", unprocessedKeys: [{ PK: "A" }], attempts: 3 });
    expect(new DynamoTransactionCancelledError("x").reasons).toEqual([]);
  });

  it("fixes each subclass's kind: there is no kind option to ignore", () => {
    // @ts-expect-error a subclass's options have no `kind`
    const conflict = new DynamoConflictError("x", { kind: "internal" });
    expect(conflict.kind).toBe("conflict");
    // The base class, like AwsCoreError, takes one (default internal).
    expect(new DynamoError("x", { kind: "throttled" }).kind).toBe("throttled");
  });

  it("a cancelled transaction takes the kind of its reasons: conflict, throttled, validation, else internal", () => {
    const of = (...reasons: (DynamoError | undefined)[]) =>
      new DynamoTransactionCancelledError("x", { reasons }).kind;
    const throttled = new DynamoThrottledError("t");
    const invalid = new DynamoValidationError("v");
    expect(of(invalid, throttled, new DynamoConflictError("c"))).toBe("conflict");
    expect(of(invalid, throttled)).toBe("throttled");
    expect(of(undefined, invalid)).toBe("validation");
    expect(of(undefined, new DynamoError("?"))).toBe("internal");
  });

  it("lets a caller choose a safe message", () => {
    expect(new DynamoConflictError("x", { safeMessage: "Email taken" }).safeMessage).toBe(
      "Email taken",
    );
  });
});
