import { AwsCoreError, type ErrorKind, isServiceUnreachable } from "@org/aws-core";

/**
 * Base class of the errors of `@org/aws-bedrock`; each names the model it was about in
 * `message` (for logs), never in `safeMessage`.
 *
 * @example
 * ```ts
 * try {
 *   await converse({ modelId, prompt: "hi" });
 * } catch (error) {
 *   if (error instanceof BedrockError) console.error(error.modelId, error.message);
 * }
 * ```
 */
export class BedrockError extends AwsCoreError {
  override readonly name: string = "BedrockError";
  constructor(
    message: string,
    readonly modelId: string,
    options?: ErrorOptions,
  ) {
    super(`${message} (model ${modelId})`, options);
  }
}

/**
 * Still throttled after the SDK's retries: too many requests or tokens for the account's
 * quota. Answer 429, or back off.
 * @example
 * ```ts
 * if (error instanceof BedrockThrottledError) return { statusCode: 429 };
 * ```
 */
export class BedrockThrottledError extends BedrockError {
  override readonly name: string = "BedrockThrottledError";
  override get kind(): ErrorKind {
    return "throttled";
  }
}

/**
 * The request does not fit the model: a bad body, too many tokens, an unknown parameter.
 * @example
 * ```ts
 * if (error instanceof BedrockValidationError) return { statusCode: 400 };
 * ```
 */
export class BedrockValidationError extends BedrockError {
  override readonly name: string = "BedrockValidationError";
  override get kind(): ErrorKind {
    return "validation";
  }
  override get safeMessage(): string {
    return "The model could not process this request";
  }
}

/**
 * The role may not call this model, or the model is not enabled in the account/region.
 * @example
 * ```ts
 * if (error instanceof BedrockAccessDeniedError) console.error("enable model access for", error.modelId);
 * ```
 */
export class BedrockAccessDeniedError extends BedrockError {
  override readonly name: string = "BedrockAccessDeniedError";
}

/**
 * The model is not ready (still being provisioned or loaded), even after the SDK's retries.
 * @example
 * ```ts
 * if (error instanceof BedrockModelNotReadyError) return { statusCode: 503 };
 * ```
 */
export class BedrockModelNotReadyError extends BedrockError {
  override readonly name: string = "BedrockModelNotReadyError";
  override get kind(): ErrorKind {
    return "unavailable";
  }
}

/**
 * Bedrock failed on its side (`InternalServerException`, `ServiceUnavailableException`), still
 * after the SDK's retries. The request may be retried later.
 * @example
 * ```ts
 * if (error instanceof BedrockUnavailableError) return { statusCode: 503 };
 * ```
 */
export class BedrockUnavailableError extends BedrockError {
  override readonly name: string = "BedrockUnavailableError";
  override get kind(): ErrorKind {
    return "unavailable";
  }
}

/**
 * The model took too long to answer.
 * @example
 * ```ts
 * if (error instanceof BedrockModelTimeoutError) return { statusCode: 504 };
 * ```
 */
export class BedrockModelTimeoutError extends BedrockError {
  override readonly name: string = "BedrockModelTimeoutError";
  override get kind(): ErrorKind {
    return "timeout";
  }
}

/**
 * A streamed answer broke off after it had started.
 * @example
 * ```ts
 * for await (const part of converseStream(request)) {} // may throw BedrockModelStreamError
 * ```
 */
export class BedrockModelStreamError extends BedrockError {
  override readonly name: string = "BedrockModelStreamError";
  override get kind(): ErrorKind {
    return "unavailable";
  }
}

const BY_NAME: Record<string, typeof BedrockError> = {
  ThrottlingException: BedrockThrottledError,
  ServiceQuotaExceededException: BedrockThrottledError,
  ValidationException: BedrockValidationError,
  AccessDeniedException: BedrockAccessDeniedError,
  ModelNotReadyException: BedrockModelNotReadyError,
  ModelTimeoutException: BedrockModelTimeoutError,
  InternalServerException: BedrockUnavailableError,
  ServiceUnavailableException: BedrockUnavailableError,
  ModelStreamErrorException: BedrockModelStreamError,
};

/**
 * Turns a Bedrock Runtime SDK error (thrown by `send`, or by a stream mid-way) into this
 * package's typed error: a Bedrock exception by its name, Bedrock out of reach (refused,
 * reset, timed out) as {@link BedrockUnavailableError}; anything else is returned unchanged.
 */
export function toBedrockError(error: unknown, modelId: string): unknown {
  const { name, message } = (error ?? {}) as { name?: unknown; message?: unknown };
  const reason = typeof message === "string" && message ? message : String(name);
  const Type = typeof name === "string" ? BY_NAME[name] : undefined;
  if (Type) return new Type(reason, modelId, { cause: error });
  if (isServiceUnreachable(error)) {
    return new BedrockUnavailableError(`Bedrock could not be reached: ${reason}`, modelId, {
      cause: error,
    });
  }
  return error;
}
