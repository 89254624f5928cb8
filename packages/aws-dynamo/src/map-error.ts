import { isServiceUnreachable } from "@org/aws-core/internal";
import {
  DynamoConflictError,
  type DynamoError,
  type DynamoErrorContext,
  DynamoItemTooLargeError,
  DynamoThrottledError,
  DynamoTransactionCancelledError,
  DynamoUnavailableError,
  DynamoValidationError,
} from "./errors";

const THROTTLING = new Set([
  "ProvisionedThroughputExceededException",
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

/** Maps one failure code (an exception name, or a transaction cancellation code) to our error. */
function fromCode(
  code: string | undefined,
  message: string,
  context: DynamoErrorContext,
  cause: unknown,
): DynamoError | undefined {
  if (!code || code === "None") return undefined;
  const options = { ...context, cause };
  if (code.startsWith("ConditionalCheckFailed") || code === "TransactionConflict") {
    return new DynamoConflictError(`Condition failed: ${message}`, options);
  }
  if (THROTTLING.has(code) || code.startsWith("Throttling") || code.endsWith("LimitExceeded")) {
    return new DynamoThrottledError(`Throttled by DynamoDB after retries: ${message}`, options);
  }
  if (code.startsWith("Validation") || code === "ItemCollectionSizeLimitExceeded") {
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
 * Turns an SDK error into one of this package's typed errors when there is one for it;
 * anything else is returned unchanged. `actions` gives the table and key of each action of
 * a transaction, so each cancellation reason names its item.
 */
export function toDynamoError(
  error: unknown,
  context: DynamoErrorContext,
  actions: readonly DynamoErrorContext[] = [],
): unknown {
  const aws = error as AwsErrorLike;
  if (typeof aws !== "object" || aws === null) return error;
  if (aws.name === "TransactionCanceledException") {
    const reasons = (aws.CancellationReasons ?? []).map((reason, index) =>
      fromCode(reason.Code, reason.Message ?? reason.Code ?? "", actions[index] ?? {}, error),
    );
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
    return new DynamoValidationError(`A value cannot be stored in DynamoDB: ${aws.message}`, {
      ...context,
      cause: error,
    });
  }
  if (isServiceUnreachable(error)) {
    return new DynamoUnavailableError(`DynamoDB could not be reached: ${aws.message}`, {
      ...context,
      cause: error,
    });
  }
  return fromCode(aws.name, aws.message ?? "", context, error) ?? error;
}
