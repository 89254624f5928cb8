import { AwsCoreError, type AwsCoreErrorOptions } from "@org/aws-core";
import { isServerFault, isServiceUnreachable } from "@org/aws-core/internal";

/** Options of {@link BedrockError}: those of `AwsCoreError`, and the model the call was for. */
export interface BedrockErrorOptions extends AwsCoreErrorOptions {
  /** The model the failed call was for; named in `message`, never in `safeMessage`. */
  readonly modelId?: string | undefined;
}

// The options of a subclass: its kind is its own, so it takes none.
type FixedKindOptions = Omit<BedrockErrorOptions, "kind">;

/**
 * Base class of the errors of `@org/aws-bedrock` (it extends `AwsCoreError`). Each names
 * the model it was about in `message` (for logs) and in `modelId`, never in `safeMessage`
 * (for the caller); the SDK's error is the `cause`. Branch on `kind` (`httpStatusOf(kind)`
 * of `@org/aws-core` gives the status); `name` says which case it is
 * (`"BedrockThrottledError"`, `"BedrockUnavailableError"`, ...: see the package README).
 *
 * @example
 * ```ts
 * import { BedrockError, converse } from "@org/aws-bedrock";
 * import { httpStatusOf } from "@org/aws-core";
 *
 * try {
 *   return await converse({ modelId, prompt: "hi" });
 * } catch (error) {
 *   if (!(error instanceof BedrockError)) throw error;
 *   console.error(error.name, error.modelId, error.message);
 *   return { statusCode: httpStatusOf(error.kind), body: error.safeMessage };
 * }
 * ```
 */
export class BedrockError extends AwsCoreError {
  override readonly name: string = "BedrockError";
  /** The model the failed call was for. */
  readonly modelId: string | undefined;

  constructor(message: string, options: BedrockErrorOptions = {}) {
    const { modelId, ...rest } = options;
    super(modelId === undefined ? message : `${message} (model ${modelId})`, rest);
    this.modelId = modelId;
  }
}

/**
 * Still throttled after the SDK's retries: too many requests or tokens for the account's
 * quota. Kind `throttled` (429).
 */
export class BedrockThrottledError extends BedrockError {
  override readonly name: string = "BedrockThrottledError";
  constructor(message: string, options: FixedKindOptions = {}) {
    super(message, { ...options, kind: "throttled" });
  }
}

/**
 * The request does not fit the model (a bad body, too many tokens, an unknown parameter), or
 * the model's answer is not JSON. Kind `validation` (400).
 */
export class BedrockValidationError extends BedrockError {
  override readonly name: string = "BedrockValidationError";
  constructor(message: string, options: FixedKindOptions = {}) {
    super(message, {
      safeMessage: "The model could not process this request",
      ...options,
      kind: "validation",
    });
  }
}

/**
 * The role may not call this model, or the model is not enabled in the account or region.
 * Kind `internal` (500): the setup needs fixing, the caller can do nothing.
 */
export class BedrockAccessDeniedError extends BedrockError {
  override readonly name: string = "BedrockAccessDeniedError";
  constructor(message: string, options: FixedKindOptions = {}) {
    super(message, { ...options, kind: "internal" });
  }
}

/**
 * The model is not ready (still being provisioned or loaded), even after the SDK's retries.
 * Kind `unavailable` (503).
 */
export class BedrockModelNotReadyError extends BedrockError {
  override readonly name: string = "BedrockModelNotReadyError";
  constructor(message: string, options: FixedKindOptions = {}) {
    super(message, { ...options, kind: "unavailable" });
  }
}

/**
 * Bedrock failed on its side (`InternalServerException`, `ServiceUnavailableException`) still
 * after the SDK's retries, or could not be reached at all (connection refused or reset, the
 * request timeout passed). The request may be retried later. Kind `unavailable` (503).
 */
export class BedrockUnavailableError extends BedrockError {
  override readonly name: string = "BedrockUnavailableError";
  constructor(message: string, options: FixedKindOptions = {}) {
    super(message, { ...options, kind: "unavailable" });
  }
}

/** The model took too long to answer (`ModelTimeoutException`). Kind `timeout` (504). */
export class BedrockModelTimeoutError extends BedrockError {
  override readonly name: string = "BedrockModelTimeoutError";
  constructor(message: string, options: FixedKindOptions = {}) {
    super(message, { ...options, kind: "timeout" });
  }
}

/** A streamed answer broke off after it had started. Kind `unavailable` (503). */
export class BedrockModelStreamError extends BedrockError {
  override readonly name: string = "BedrockModelStreamError";
  constructor(message: string, options: FixedKindOptions = {}) {
    super(message, { ...options, kind: "unavailable" });
  }
}

/**
 * The model id is unknown to Bedrock in this region (`ResourceNotFoundException`): the
 * function is misconfigured, not the caller's input. Kind `internal` (500).
 */
export class BedrockModelNotFoundError extends BedrockError {
  override readonly name: string = "BedrockModelNotFoundError";
  constructor(message: string, options: FixedKindOptions = {}) {
    super(message, { ...options, kind: "internal" });
  }
}

/**
 * The request conflicts with an operation already under way (`ConflictException`: Bedrock
 * Runtime throws it for an asynchronous invocation whose idempotency token is in use).
 * Retry once that operation has ended. Kind `conflict` (409).
 */
export class BedrockConflictError extends BedrockError {
  override readonly name: string = "BedrockConflictError";
  constructor(message: string, options: FixedKindOptions = {}) {
    super(message, { ...options, kind: "conflict" });
  }
}

type BedrockErrorClass = new (message: string, options?: FixedKindOptions) => BedrockError;

const BY_NAME: Readonly<Record<string, BedrockErrorClass>> = {
  ThrottlingException: BedrockThrottledError,
  ServiceQuotaExceededException: BedrockThrottledError,
  ValidationException: BedrockValidationError,
  AccessDeniedException: BedrockAccessDeniedError,
  ResourceNotFoundException: BedrockModelNotFoundError,
  ConflictException: BedrockConflictError,
  ModelNotReadyException: BedrockModelNotReadyError,
  ModelTimeoutException: BedrockModelTimeoutError,
  // The model failed while processing the request: a fault on Bedrock's side, not the input.
  ModelErrorException: BedrockUnavailableError,
  InternalServerException: BedrockUnavailableError,
  ServiceUnavailableException: BedrockUnavailableError,
  ModelStreamErrorException: BedrockModelStreamError,
};

/**
 * @internal Turns a Bedrock Runtime SDK error (thrown by `send`, or by a stream mid-way) into
 * this package's typed error: a Bedrock exception by its name; Bedrock out of reach (refused,
 * reset, timed out) or failing on its side (a server fault, a 5xx) as a
 * `BedrockUnavailableError`; anything else as a `BedrockError` of kind `internal`, with the
 * error as `cause`. An `AwsCoreError` (the invocation's deadline, a missing SDK package) is
 * returned unchanged.
 */
export function toBedrockError(error: unknown, modelId: string): AwsCoreError {
  if (error instanceof AwsCoreError) return error;
  const { name, message } = (error ?? {}) as { name?: unknown; message?: unknown };
  const reason = typeof message === "string" && message ? message : String(name ?? error);
  const options = { modelId, cause: error };
  const Type = typeof name === "string" && Object.hasOwn(BY_NAME, name) ? BY_NAME[name] : undefined;
  if (Type) return new Type(reason, options);
  if (isServiceUnreachable(error)) {
    return new BedrockUnavailableError(`Bedrock could not be reached: ${reason}`, options);
  }
  if (isServerFault(error)) {
    return new BedrockUnavailableError(`Bedrock failed on its side: ${reason}`, options);
  }
  const what = typeof name === "string" && name !== "Error" ? `${name}: ${reason}` : reason;
  return new BedrockError(`Bedrock call failed: ${what}`, options);
}
