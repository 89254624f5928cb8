import { InvalidConfigError } from "../errors/errors";
import { markInvocationStart } from "../registry/invocations";
import { coreState } from "../state/core-state";

/** The invocation the current code runs for, as AWS calls see it. */
export interface InvocationScope {
  /** When AWS calls must have ended, in epoch milliseconds. */
  readonly deadline: number;
}

/** What an invocation scope reads from Lambda's context object. */
export interface DeadlineContext {
  getRemainingTimeInMillis(): number;
}

/** Options of {@link withInvocation}. */
export interface InvocationOptions {
  /**
   * Milliseconds kept back from the invocation's remaining time, for the function to answer
   * and log after a call was stopped. Default 500.
   */
  readonly marginMs?: number | undefined;
}

/** The default margin: enough to answer and log, a sixth of Lambda's default 3 s timeout. */
const DEFAULT_DEADLINE_MARGIN_MS = 500;

/**
 * Runs `fn` as the invocation of `context`: marks the invocation's start (for
 * `isColdStart()`), and every AWS call sent through an `@org/aws-*` client inside it (or a
 * client given to `inject()`), however deep, ends at the invocation's deadline (remaining time
 * minus `marginMs`): a call stopped there rejects with an `AwsCoreError` of kind `timeout`,
 * and no retry starts after it. Handler wrappers (app-kit, the Middy middleware of
 * `@org/aws-core/middy`) do this for you.
 *
 * @example
 * ```ts
 * import { withInvocation } from "@org/aws-core";
 *
 * export const handler = (event: OrderEvent, context: Context) =>
 *   withInvocation(context, () => saveOrder(event), { marginMs: 300 });
 * ```
 */
export function withInvocation<T>(
  context: DeadlineContext,
  fn: () => T,
  options: InvocationOptions = {},
): T {
  const scope = scopeOf(context, options);
  markInvocationStart();
  return scope ? coreState().invocations.run(scope, fn) : fn();
}

/**
 * @internal Makes the rest of the current asynchronous flow the invocation of `context`, for
 * middleware that cannot wrap the handler in a function (Middy's `before`).
 *
 * @example
 * ```ts
 * const deadline = { before: (request) => enterInvocation(request.context) };
 * ```
 */
export function enterInvocation(context: DeadlineContext, options: InvocationOptions = {}): void {
  const scope = scopeOf(context, options);
  if (scope) coreState().invocations.enterWith(scope);
}

/**
 * @internal Ends what {@link enterInvocation} began, so code after the invocation (the runtime's, the
 * next invocation's first middlewares) does not see its deadline.
 *
 * @example
 * ```ts
 * const deadline = { before: (r) => enterInvocation(r.context), after: leaveInvocation };
 * ```
 */
export function leaveInvocation(): void {
  coreState().invocations.enterWith(undefined as unknown as InvocationScope);
}

/** @internal The deadline of the invocation the current code runs for, if any. */
export function currentDeadline(): number | undefined {
  return coreState().invocations.getStore()?.deadline;
}

// A context without a clock (a test's `{}`) gets no deadline rather than a TypeError.
function scopeOf(
  context: DeadlineContext | undefined,
  options: InvocationOptions,
): InvocationScope | undefined {
  const margin = options.marginMs ?? DEFAULT_DEADLINE_MARGIN_MS;
  if (!Number.isFinite(margin) || margin < 0) {
    throw InvalidConfigError.invalid("marginMs", margin, "a number of milliseconds, 0 or more");
  }
  if (typeof context?.getRemainingTimeInMillis !== "function") return undefined;
  return { deadline: Date.now() + context.getRemainingTimeInMillis() - margin };
}
