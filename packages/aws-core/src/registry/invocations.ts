import { coreState } from "../state/core-state";

/**
 * @internal Marks the start of a Lambda invocation (`withInvocation` and the Middy middleware
 * call it) and tells whether it is a cold start: the container's first invocation, unless
 * Lambda initialised the container ahead of any request (provisioned concurrency,
 * `AWS_LAMBDA_INITIALIZATION_TYPE=provisioned-concurrency`), when no caller waited for the
 * init.
 */
export function markInvocationStart(): boolean {
  coreState().invocationCount += 1;
  return isColdStart();
}

/**
 * Whether the container is still in its cold start: initialising, or serving its first
 * invocation, on demand, as `withInvocation` counts invocations. Always `false` under
 * provisioned concurrency. A handler not run through `withInvocation` (or a wrapper that uses
 * it) stays in its cold start as far as this function can tell.
 *
 * @example
 * ```ts
 * if (isColdStart()) metrics.addMetric("ColdStart", "Count", 1);
 * ```
 */
export function isColdStart(): boolean {
  if (process.env.AWS_LAMBDA_INITIALIZATION_TYPE === "provisioned-concurrency") return false;
  return coreState().invocationCount <= 1;
}
