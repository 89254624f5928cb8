import { AwsCoreError, type AwsCoreErrorOptions, type ErrorKind } from "@org/aws-core";

/** The primary key of an item: attribute name to value. */
export type ItemKey = Record<string, unknown>;

/** Where a DynamoDB error happened. */
export interface DynamoErrorContext {
  readonly table?: string | undefined;
  readonly key?: ItemKey | undefined;
}

/**
 * Base class of the errors of `@org/aws-dynamo`: each carries the table and, where there is
 * one, the key it was about. Both are in `message` (for logs) and never in `safeMessage`.
 *
 * @example
 * ```ts
 * try {
 *   await users.create(user);
 * } catch (error) {
 *   if (error instanceof DynamoError) console.error(error.table, error.key, error.message);
 * }
 * ```
 */
export class DynamoError extends AwsCoreError {
  override readonly name: string = "DynamoError";
  readonly table: string | undefined;
  readonly key: ItemKey | undefined;

  constructor(message: string, context: DynamoErrorContext = {}, options?: AwsCoreErrorOptions) {
    super(message + describe(context), options);
    this.table = context.table;
    this.key = context.key;
  }
}

function describe({ table, key }: DynamoErrorContext): string {
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
 * A required item does not exist.
 *
 * @example
 * ```ts
 * const user = await users.getOrThrow("42"); // throws DynamoNotFoundError when absent
 * ```
 */
export class DynamoNotFoundError extends DynamoError {
  override readonly name: string = "DynamoNotFoundError";
  override get kind(): ErrorKind {
    return "not-found";
  }
}

/**
 * A write lost a race or broke a rule: the item already exists (create), was changed since
 * it was read (optimistic locking), or a condition did not hold. Read again and retry, or
 * report a 409.
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
  override get kind(): ErrorKind {
    return "conflict";
  }
  override get safeMessage(): string {
    return "The resource already exists or was changed since it was read";
  }
}

/**
 * Input that DynamoDB or a schema refused: a bad key, a wrong type, an invalid expression.
 * `issues` holds schema messages when a schema refused it.
 *
 * @example
 * ```ts
 * try {
 *   await users.create({ id: "1", email: 42 } as never);
 * } catch (error) {
 *   if (error instanceof DynamoValidationError) console.error(error.issues);
 * }
 * ```
 */
export class DynamoValidationError extends DynamoError {
  override readonly name: string = "DynamoValidationError";
  override get kind(): ErrorKind {
    return "validation";
  }
  readonly issues: readonly string[];

  constructor(
    message: string,
    context: DynamoErrorContext & { issues?: readonly string[] } = {},
    options?: ErrorOptions,
  ) {
    super(message, context, options);
    this.issues = context.issues ?? [];
  }
}

/**
 * An item is over DynamoDB's 400 KB limit. Move large values to S3 and store a reference.
 *
 * @example
 * ```ts
 * if (error instanceof DynamoItemTooLargeError) await s3.putObject(...);
 * ```
 */
export class DynamoItemTooLargeError extends DynamoValidationError {
  override readonly name: string = "DynamoItemTooLargeError";
  override get safeMessage(): string {
    return "The resource is too large";
  }
}

/**
 * A pagination cursor was not one this library produced for this query (tampered, truncated
 * or from another query). Map it to a 400.
 *
 * @example
 * ```ts
 * try {
 *   await table.query({ partition: "USER#1", cursor: event.queryStringParameters?.cursor });
 * } catch (error) {
 *   if (error instanceof DynamoInvalidCursorError) return { statusCode: 400 };
 *   throw error;
 * }
 * ```
 */
export class DynamoInvalidCursorError extends DynamoValidationError {
  override readonly name: string = "DynamoInvalidCursorError";
  override get safeMessage(): string {
    return "Invalid pagination cursor";
  }
}

/**
 * DynamoDB kept throttling after the SDK's own retries. Back off, or raise the table's
 * capacity.
 *
 * @example
 * ```ts
 * if (error instanceof DynamoThrottledError) return { statusCode: 429 };
 * ```
 */
export class DynamoThrottledError extends DynamoError {
  override readonly name: string = "DynamoThrottledError";
  override get kind(): ErrorKind {
    return "throttled";
  }
}

/**
 * DynamoDB could not be reached after the SDK's own retries: the connection was refused, reset
 * or timed out. The request may be retried later; a write whose answer was lost may have been
 * applied (a versioned update then fails as a conflict instead of applying twice).
 *
 * @example
 * ```ts
 * if (error instanceof DynamoUnavailableError) return { statusCode: 503 };
 * ```
 */
export class DynamoUnavailableError extends DynamoError {
  override readonly name: string = "DynamoUnavailableError";
  override get kind(): ErrorKind {
    return "unavailable";
  }
}

/**
 * A batch write or read still had unprocessed entries after every retry. Nothing was
 * dropped silently: `unprocessedKeys` names what was not written (or read).
 *
 * @example
 * ```ts
 * try {
 *   await users.batchPut(manyUsers);
 * } catch (error) {
 *   if (error instanceof DynamoBatchIncompleteError) await queue.retryLater(error.unprocessedKeys);
 * }
 * ```
 */
export class DynamoBatchIncompleteError extends DynamoError {
  override readonly name: string = "DynamoBatchIncompleteError";
  // Unprocessed entries are what DynamoDB leaves when it throttles a batch.
  override get kind(): ErrorKind {
    return "throttled";
  }
  constructor(
    readonly operation: "write" | "read",
    readonly unprocessedKeys: readonly ItemKey[],
    context: DynamoErrorContext,
    readonly attempts: number,
  ) {
    super(
      `Batch ${operation} left ${unprocessedKeys.length} item(s) unprocessed after ${attempts} attempts; ` +
        "see unprocessedKeys",
      context,
    );
  }
}

/** Why one action of a cancelled transaction failed; `undefined` where it did not. */
export type TransactionReason = DynamoError | undefined;

/**
 * A transaction was cancelled and nothing of it was written. `reasons[i]` explains action
 * `i`: a {@link DynamoConflictError} for a failed condition or a conflicting transaction, a
 * {@link DynamoValidationError}, a {@link DynamoThrottledError}, or `undefined` for actions that were fine.
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
  /** The kind of the first failed action that has one, by precedence: conflict, throttled, validation. */
  override get kind(): ErrorKind {
    const kinds = new Set(this.reasons.map((reason) => reason?.kind));
    return (
      (["conflict", "throttled", "validation"] as const).find((k) => kinds.has(k)) ?? "internal"
    );
  }
  constructor(
    readonly reasons: readonly TransactionReason[],
    options?: ErrorOptions,
  ) {
    const failed = reasons
      .map((reason, index) => reason && `#${index}: ${reason.name}`)
      .filter(Boolean);
    super(`Transaction cancelled, nothing was written (${failed.join("; ")})`, {}, options);
  }
}
