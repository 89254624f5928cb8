/**
 * Base class of every error this package throws, so callers can tell them from handler errors.
 *
 * @example
 * ```ts
 * try {
 *   await runner.invoke("users-api", event);
 * } catch (error) {
 *   if (error instanceof LocalRunnerError) console.error(error.message);
 * }
 * ```
 */
export class LocalRunnerError extends Error {
  override readonly name: string = "LocalRunnerError";
}

/**
 * The options passed to `startLocalRunner` are wrong: a missing bundle folder, a route to a
 * function that is not configured, a malformed route path.
 *
 * @example
 * ```ts
 * await startLocalRunner({ functions: {}, routes: [{ method: "GET", path: "/x", function: "nope" }] });
 * // throws LocalRunnerConfigError: route GET /x points to unknown function "nope"
 * ```
 */
export class LocalRunnerConfigError extends LocalRunnerError {
  override readonly name: string = "LocalRunnerConfigError";
}

/**
 * `invoke()` named a function that the runner was not started with.
 *
 * @example
 * ```ts
 * await runner.invoke("typo", {}); // throws UnknownFunctionError
 * ```
 */
export class UnknownFunctionError extends LocalRunnerError {
  override readonly name: string = "UnknownFunctionError";
  constructor(readonly functionName: string) {
    super(`No function named "${functionName}" is configured`);
  }
}

/**
 * The event is larger than Lambda accepts for a synchronous invocation (6 MB); Lambda answers
 * such a call with `RequestEntityTooLargeException` without running the function.
 *
 * @example
 * ```ts
 * await runner.invoke("users-api", { blob: "x".repeat(7_000_000) }); // throws RequestTooLargeError
 * ```
 */
export class RequestTooLargeError extends LocalRunnerError {
  override readonly name: string = "RequestTooLargeError";
  constructor(
    readonly sizeBytes: number,
    readonly limitBytes: number,
  ) {
    super(`Request payload of ${sizeBytes} bytes exceeds Lambda's limit of ${limitBytes} bytes`);
  }
}

/**
 * The runner was stopped before (or while) an invocation ran.
 *
 * @example
 * ```ts
 * await runner.stop();
 * await runner.invoke("users-api", {}); // throws RunnerStoppedError
 * ```
 */
export class RunnerStoppedError extends LocalRunnerError {
  override readonly name: string = "RunnerStoppedError";
  constructor() {
    super("The local runner has been stopped");
  }
}

/**
 * AWS's runtime interface client (`aws-lambda-ric`) is not installed or its native part was not
 * built; the message says how to fix the install.
 *
 * @example
 * ```ts
 * try {
 *   await startLocalRunner(options);
 * } catch (error) {
 *   if (error instanceof RuntimeClientMissingError) console.error(error.message);
 * }
 * ```
 */
export class RuntimeClientMissingError extends LocalRunnerError {
  override readonly name: string = "RuntimeClientMissingError";
}

/**
 * The function is at its reserved concurrency: every container it may have is busy. Lambda
 * refuses such a call with `TooManyRequestsException` (429) without running it, where this
 * runner without a reserved concurrency would wait for a free container.
 *
 * @example
 * ```ts
 * const runner = await startLocalRunner({ functions: { api: { bundleDir, reservedConcurrency: 2 } } });
 * // a third overlapping runner.invoke("api", event) throws FunctionThrottledError
 * ```
 */
export class FunctionThrottledError extends LocalRunnerError {
  override readonly name: string = "FunctionThrottledError";
  /** What Lambda's Invoke API calls it. */
  readonly errorType = "TooManyRequestsException";
  constructor(
    readonly functionName: string,
    readonly reservedConcurrency: number,
  ) {
    super(`Rate Exceeded: ${functionName} is at its reserved concurrency (${reservedConcurrency})`);
  }
}
