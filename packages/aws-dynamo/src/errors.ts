import { AwsCoreError, type ErrorKind } from "@org/aws-core";

// Every class here takes `(message, options?)`; what an error is about goes in `options`.
// Each subclass fixes its kind (and, where it has one, its safe message) by passing it to
// `super`: its options have no `kind` to set. Only `DynamoError`, `DynamoConflictError` and
// `DynamoTransactionCancelledError` are exported by the package entry; the others are still
// thrown, each with its `name` and `kind`, for handlers that branch on `kind`.

/** The primary key of an item: attribute name to value. */
export type ItemKey = Record<string, unknown>;

/** Where a DynamoDB error happened. */
export interface DynamoErrorContext {
  readonly table?: string | undefined;
  readonly key?: ItemKey | undefined;
}

/**
 * Options of every DynamoDB error: the table and key it was about (in `message`, for logs,
 * never in `safeMessage`), the error that caused it, and a message for the caller.
 */
export interface DynamoErrorOptions extends DynamoErrorContext, ErrorOptions {
  /** For the caller; never a table name, a key or the SDK's text. Default: by kind. */
  readonly safeMessage?: string | undefined;
}

/**
 * Base class of the errors of `@org/aws-dynamo`: each carries the table and, where there is
 * one, the key it was about. Both are in `message` (for logs) and never in `safeMessage`.
 * Its subclasses fix their `kind`; a `DynamoError` of its own is `internal` unless told.
 *
 * @example
 * ```ts
 * try {
 *   await users.create(user);
 * } catch (error) {
 *   if (error instanceof DynamoError) console.error(error.kind, error.table, error.key, error.message);
 * }
 * ```
 */
export class DynamoError extends AwsCoreError {
  override readonly name: string = "DynamoError";
  readonly table: string | undefined;
  readonly key: ItemKey | undefined;

  constructor(
    message: string,
    options: DynamoErrorOptions & { readonly kind?: ErrorKind | undefined } = {},
  ) {
    const { table, key, ...rest } = options;
    super(message + describe(table, key), rest);
    this.table = table;
    this.key = key;
  }
}

function describe(table: string | undefined, key: ItemKey | undefined): string {
  const parts = [table && `table "${table}"`, key && `key ${safeJson(key)}`].filter(Boolean);
  return parts.length ? ` (${parts.join(", ")})` : "";
}

function safeJson(value: unknown): string {
  try {
    return JSON.stringify(value, (_, v) => (typeof v === "bigint" ? v.toString() : v));
  } catch {
    return String(value);
  }
}

/**
 * A required item does not exist. Kind `not-found` (404). Not exported: branch on `kind`.
 *
 * @example
 * ```ts
 * const user = await users.getOrThrow({ id: "42" }); // kind "not-found" when absent
 * ```
 */
export class DynamoNotFoundError extends DynamoError {
  override readonly name: string = "DynamoNotFoundError";
  constructor(message: string, options: DynamoErrorOptions = {}) {
    super(message, { ...options, kind: "not-found" });
  }
}

/**
 * A write lost a race or broke a rule: the item already exists (create), was changed since
 * it was read (optimistic locking), or a condition did not hold. Read again and retry, or
 * report a 409. Kind `conflict`.
 *
 * @example
 * ```ts
 * try {
 *   await users.save(staleUser);
 * } catch (error) {
 *   if (error instanceof DynamoConflictError) return { statusCode: 409 };
 *   throw error;
 * }
 * ```
 */
export class DynamoConflictError extends DynamoError {
  override readonly name: string = "DynamoConflictError";
  constructor(message: string, options: DynamoErrorOptions = {}) {
    super(message, {
      ...options,
      kind: "conflict",
      safeMessage:
        options.safeMessage ?? "The resource already exists or was changed since it was read",
    });
  }
}

/** Options of {@link DynamoValidationError}: also the schema's messages, when one refused. */
export interface DynamoValidationErrorOptions extends DynamoErrorOptions {
  readonly issues?: readonly string[] | undefined;
}

/**
 * Input that DynamoDB, this package or a schema refused: a bad table name or key, a wrong
 * type, an invalid expression. `issues` holds schema messages when a schema refused it.
 * Kind `validation` (400). Not exported as a value: branch on `kind`.
 *
 * @example
 * ```ts
 * throw new DynamoValidationError("Refused to write the schema: ...", { table, issues });
 * ```
 */
export class DynamoValidationError extends DynamoError {
  override readonly name: string = "DynamoValidationError";
  readonly issues: readonly string[];

  constructor(message: string, options: DynamoValidationErrorOptions = {}) {
    const { issues, ...rest } = options;
    super(message, { ...rest, kind: "validation" });
    this.issues = issues ?? [];
  }
}

/**
 * An item is over DynamoDB's 400 KB limit. Move large values to S3 and store a reference.
 * A {@link DynamoValidationError}.
 */
export class DynamoItemTooLargeError extends DynamoValidationError {
  override readonly name: string = "DynamoItemTooLargeError";
  constructor(message: string, options: DynamoValidationErrorOptions = {}) {
    super(message, { ...options, safeMessage: options.safeMessage ?? "The resource is too large" });
  }
}

/**
 * A pagination cursor was not one this library produced for this query (tampered, truncated
 * or from another query). A {@link DynamoValidationError}: map it to a 400.
 */
export class DynamoInvalidCursorError extends DynamoValidationError {
  override readonly name: string = "DynamoInvalidCursorError";
  constructor(message: string, options: DynamoValidationErrorOptions = {}) {
    super(message, { ...options, safeMessage: options.safeMessage ?? "Invalid pagination cursor" });
  }
}

/**
 * DynamoDB kept throttling after the SDK's own retries. Back off, or raise the table's
 * capacity. Kind `throttled` (429).
 */
export class DynamoThrottledError extends DynamoError {
  override readonly name: string = "DynamoThrottledError";
  constructor(message: string, options: DynamoErrorOptions = {}) {
    super(message, { ...options, kind: "throttled" });
  }
}

/**
 * DynamoDB could not be reached after the SDK's own retries: the connection was refused, reset
 * or timed out. The request may be retried later; a write whose answer was lost may have been
 * applied (a versioned update then fails as a conflict instead of applying twice). Kind
 * `unavailable` (503).
 */
export class DynamoUnavailableError extends DynamoError {
  override readonly name: string = "DynamoUnavailableError";
  constructor(message: string, options: DynamoErrorOptions = {}) {
    super(message, { ...options, kind: "unavailable" });
  }
}

/** Options of {@link DynamoBatchIncompleteError}: what was left, after how many attempts. */
export interface DynamoBatchIncompleteErrorOptions extends DynamoErrorOptions {
  readonly operation?: "write" | "read" | undefined;
  readonly unprocessedKeys?: readonly ItemKey[] | undefined;
  readonly attempts?: number | undefined;
}

/**
 * A batch write or read still had unprocessed entries after every retry. Nothing was
 * dropped silently: `unprocessedKeys` names what was not written (or read). Kind `throttled`
 * (unprocessed entries are what DynamoDB leaves when it throttles a batch).
 *
 * @example
 * ```ts
 * if (error instanceof DynamoError && error.name === "DynamoBatchIncompleteError") {
 *   await queue.retryLater((error as DynamoBatchIncompleteError).unprocessedKeys);
 * }
 * ```
 */
export class DynamoBatchIncompleteError extends DynamoError {
  override readonly name: string = "DynamoBatchIncompleteError";
  readonly operation: "write" | "read" | undefined;
  readonly unprocessedKeys: readonly ItemKey[];
  readonly attempts: number;

  constructor(message: string, options: DynamoBatchIncompleteErrorOptions = {}) {
    const { operation, unprocessedKeys, attempts, ...rest } = options;
    super(message, { ...rest, kind: "throttled" });
    this.operation = operation;
    this.unprocessedKeys = unprocessedKeys ?? [];
    this.attempts = attempts ?? 0;
  }
}

/** Why one action of a cancelled transaction failed; `undefined` where it did not. */
export type TransactionReason = DynamoError | undefined;

/** Options of {@link DynamoTransactionCancelledError}: why each action failed. */
export interface DynamoTransactionCancelledErrorOptions extends ErrorOptions {
  /** `reasons[i]` explains action `i`; `undefined` for actions that were fine. */
  readonly reasons?: readonly TransactionReason[] | undefined;
  readonly safeMessage?: string | undefined;
}

/**
 * A transaction was cancelled and nothing of it was written. `reasons[i]` explains action
 * `i`: a {@link DynamoConflictError} for a failed condition or a conflicting transaction, a
 * validation or throttling error (by `kind`), or `undefined` for actions that were fine. Its
 * own `kind` is that of its reasons, by precedence: conflict, throttled, validation, else
 * `internal`.
 *
 * @example
 * ```ts
 * try {
 *   await transactWrite([users.createOp(user), emails.createOp(email)]);
 * } catch (error) {
 *   if (error instanceof DynamoTransactionCancelledError && error.reasons[1] instanceof DynamoConflictError) {
 *     return { statusCode: 409, body: "email taken" };
 *   }
 *   throw error;
 * }
 * ```
 */
export class DynamoTransactionCancelledError extends DynamoError {
  override readonly name: string = "DynamoTransactionCancelledError";
  readonly reasons: readonly TransactionReason[];

  constructor(message: string, options: DynamoTransactionCancelledErrorOptions = {}) {
    const { reasons = [], ...rest } = options;
    super(message, { ...rest, kind: kindOfReasons(reasons) });
    this.reasons = reasons;
  }
}

const REASON_PRECEDENCE = ["conflict", "throttled", "validation"] as const;

function kindOfReasons(reasons: readonly TransactionReason[]): ErrorKind {
  const kinds = new Set(reasons.map((reason) => reason?.kind));
  return REASON_PRECEDENCE.find((kind) => kinds.has(kind)) ?? "internal";
}
