import { getSingletonCreations, onSingletonCreated, type SingletonCreation } from "@org/aws-core";

/**
 * Calls `observer` with every client creation of the container: those made before (at init,
 * or by the first invocation) at once, later ones as they happen. For logs and metrics, with
 * no code in the handlers.
 *
 * @example
 * ```ts
 * observeClientCreations((creation) => log.info("client created", creation));
 * ```
 */
export function observeClientCreations(observer: (creation: SingletonCreation) => void): void {
  for (const creation of getSingletonCreations()) observer(creation);
  onSingletonCreated(observer);
}
