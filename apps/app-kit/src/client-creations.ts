import { type ClientCreation, getClientCreations } from "@org/aws-core";

/**
 * Returns a function that calls `observer` once with each client creation of the container it
 * has not reported yet (`getClientCreations()` of `@org/aws-core`: SDK clients only, the
 * DocumentClient included; caches such as the DynamoDB table handles are not creations). Call
 * it at the start and at the end of each invocation, so every creation is reported within the
 * invocation that made it (or the first one, for those made at init). For logs and metrics,
 * with no code in the handlers.
 *
 * @example
 * ```ts
 * const reportCreations = observeClientCreations((creation) => log.info("client created", creation));
 * reportCreations(); // at the start and at the end of each invocation
 * ```
 */
export function observeClientCreations(observer: (creation: ClientCreation) => void): () => void {
  const reported = new WeakSet<ClientCreation>();
  return () => {
    for (const creation of getClientCreations()) {
      if (reported.has(creation)) continue;
      reported.add(creation);
      observer(creation);
    }
  };
}
