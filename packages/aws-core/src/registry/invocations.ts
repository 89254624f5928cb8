let invocationCount = 0;

/**
 * Marks the start of a Lambda invocation and tells whether it is the container's first
 * (cold) one. Call it once at the top of your handler (handler wrappers do it for you) so
 * the registry can tell singletons created during the cold start from later ones.
 *
 * @returns `true` for the container's first invocation.
 * @example
 * ```ts
 * export const handler = async (event: unknown) => {
 *   const cold = markInvocationStart();
 *   console.log({ cold });
 * };
 * ```
 */
export function markInvocationStart(): boolean {
  invocationCount += 1;
  return invocationCount === 1;
}

/**
 * Whether the container is still in its cold start: initialising, or serving its first
 * invocation. Without {@link markInvocationStart} calls, this stays `true`.
 *
 * @example
 * ```ts
 * if (isColdStart()) metrics.addMetric("ColdStart", "Count", 1);
 * ```
 */
export function isColdStart(): boolean {
  return invocationCount <= 1;
}

/** Back to a fresh container (used by `resetAll`). */
export function resetInvocationCount(): void {
  invocationCount = 0;
}
