import type { LambdaErrorPayload } from "./lambda/lambda-error";
import type { Report } from "./report";

/** The handler returned: `payload` is its result, parsed from JSON. */
export interface InvocationSuccess {
  readonly ok: true;
  readonly requestId: string;
  readonly payload: unknown;
  readonly report: Report;
}

/**
 * The invocation failed as Lambda reports it (`FunctionError: Unhandled`): the handler threw,
 * timed out, crashed its runtime, or could not be loaded.
 */
export interface InvocationFailure {
  readonly ok: false;
  readonly requestId: string;
  readonly error: LambdaErrorPayload;
  readonly report: Report;
}

/**
 * The outcome of `LocalRunner.invoke`, like Lambda's synchronous Invoke API.
 *
 * @example
 * ```ts
 * const result = await runner.invoke("users-api", { id: "42" });
 * if (result.ok) console.log(result.payload);
 * else console.error(result.error.errorType, result.error.errorMessage);
 * ```
 */
export type InvocationResult = InvocationSuccess | InvocationFailure;
