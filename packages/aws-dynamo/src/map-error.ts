import { AwsCoreError } from "@org/aws-core";
import { isServerFault, isServiceUnreachable } from "@org/aws-core/internal";
import {
  DynamoConflictError,
  DynamoError,
  type DynamoErrorContext,
  DynamoItemTooLargeError,
  DynamoThrottledError,
  DynamoTransactionCancelledError,
  DynamoUnavailableError,
  DynamoValidationError,
} from "./errors";

// Exception names, and the codes of a transaction's cancellation reasons (no `Exception`).
const THROTTLING = new Set([
  "ProvisionedThroughputExceededException",
  "ProvisionedThroughputExceeded",
  "ThrottlingException",
  "RequestLimitExceeded",
  "ThrottlingError",
  "TransactionInProgressException",
]);

interface AwsErrorLike {
  name?: string;
  code?: string;
  message?: string;
  CancellationReasons?: { Code?: string; Message?: string; Item?: Record<string, unknown> }[];
}

/**
 * Maps one failure code (an exception name, or a transaction cancellation code) to our error;
 * `undefined` for no failure (`None`) and for a code it does not know.
 */
function fromCode(
  code: string | undefined,
  message: string,
  context: DynamoErrorContext,
  cause: unknown,
): DynamoError | undefined {
  if (!code || code === "None") return undefined;
  const options = { ...context, cause };
  if (code.startsWith("ConditionalCheckFailed")) {
    return new DynamoConflictError(`Condition failed: ${message}`, options);
  }
  if (code.startsWith("TransactionConflict") || code === "ReplicatedWriteConflictException") {
    return new DynamoConflictError(`Conflicting concurrent write: ${message}`, options);
  }
  // Before the throttling test: this code also ends with "LimitExceeded".
  if (code.startsWith("ItemCollectionSizeLimitExceeded")) {
    return new DynamoValidationError(
      `Item collection (the items of one partition key, with a local secondary index) is over DynamoDB's 10 GB limit: ${message}`,
      options,
    );
  }
  if (THROTTLING.has(code) || code.startsWith("Throttling") || code.endsWith("LimitExceeded")) {
    return new DynamoThrottledError(`Throttled by DynamoDB after retries: ${message}`, options);
  }
  if (code.startsWith("Validation")) {
    if (/size has exceeded|item size|too large/i.test(message)) {
      return new DynamoItemTooLargeError(
        `Item is over DynamoDB's 400 KB limit: ${message}`,
        options,
      );
    }
    return new DynamoValidationError(`DynamoDB refused the request: ${message}`, options);
  }
  return undefined;
}

/**
 * Turns an SDK error into one of this package's typed errors: always a `DynamoError`, except
 * an `AwsCoreError` (the invocation's deadline, a client that could not be created), which is
 * returned unchanged. An error it does not know (`ResourceNotFoundException` for a table that
 * does not exist, `AccessDeniedException`, a bug) is a `DynamoError` of kind `internal` with
 * it as `cause`. `actions` gives the table and key of each action of a transaction, so each
 * cancellation reason names its item.
 */
export function toDynamoError(
  error: unknown,
  context: DynamoErrorContext,
  actions: readonly DynamoErrorContext[] = [],
): AwsCoreError {
  if (error instanceof AwsCoreError) return error;
  const aws = (typeof error === "object" && error !== null ? error : {}) as AwsErrorLike;
  const options = { ...context, cause: error };
  if (aws.name === "TransactionCanceledException") {
    const reasons = (aws.CancellationReasons ?? []).map((reason, index) => {
      const reasonContext = actions[index] ?? {};
      const message = reason.Message ?? reason.Code ?? "";
      return (
        fromCode(reason.Code, message, reasonContext, error) ??
        // A failure code this package does not know is still a failure, never a success.
        (reason.Code && reason.Code !== "None"
          ? new DynamoError(`Transaction action failed (${reason.Code}): ${message}`, {
              ...reasonContext,
              cause: error,
            })
          : undefined)
      );
    });
    const failed = reasons
      .map((reason, index) => reason && `#${index}: ${reason.name}`)
      .filter(Boolean);
    return new DynamoTransactionCancelledError(
      `Transaction cancelled, nothing was written (${failed.join("; ")})`,
      { reasons, cause: error },
    );
  }
  // The DocumentClient refuses values it cannot convert before anything is sent.
  if (
    /^Unsupported type passed|Pass options\.(convertClassInstanceToMap|removeUndefinedValues)/.test(
      aws.message ?? "",
    )
  ) {
    return new DynamoValidationError(
      `A value cannot be stored in DynamoDB: ${aws.message}`,
      options,
    );
  }
  if (isServiceUnreachable(error)) {
    return new DynamoUnavailableError(`DynamoDB could not be reached: ${aws.message}`, options);
  }
  const mapped = fromCode(aws.name, aws.message ?? "", context, error);
  if (mapped) return mapped;
  // InternalServerError by its name too, for an error that carries no SDK metadata.
  if (aws.name === "InternalServerError" || isServerFault(error)) {
    return new DynamoUnavailableError(
      `DynamoDB failed on its side after retries (${aws.name}): ${aws.message}`,
      options,
    );
  }
  const what =
    typeof error === "object" && error !== null ? `${aws.name}: ${aws.message}` : String(error);
  return new DynamoError(`DynamoDB call failed: ${what}`, options);
}
