import { coreState } from "../state/core-state";

/**
 * Marks the start of a Lambda invocation and tells whether it is a cold start: the
 * container's first invocation, unless Lambda initialised the container ahead of any request
 * (provisioned concurrency, `AWS_LAMBDA_INITIALIZATION_TYPE=provisioned-concurrency`), when
 * no caller waited for the init. Call it once at the top of your handler (handler wrappers do
 * it for you) so the registry can tell singletons created during the cold start from later
 * ones.
 *
 * @returns `true` for a cold start.
 * @example
 * ```ts
 * export const handler = async (event: unknown) => {
 *   const cold = markInvocationStart();
 *   console.log({ cold });
 * };
 * ```
 */
export function markInvocationStart(): boolean {
  coreState().invocationCount += 1;
  return isColdStart();
}

/**
 * Whether the container is still in its cold start: initialising, or serving its first
 * invocation, on demand. Always `false` under provisioned concurrency. Without
 * {@link markInvocationStart} calls, it stays what it was at init.
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
