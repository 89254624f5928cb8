import { isColdStart, resetInvocationCount } from "./invocations";
import type { LiveSingleton, SingletonCreation, SingletonCreationListener } from "./types";

const creations: SingletonCreation[] = [];
const listeners = new Set<SingletonCreationListener>();
// Singletons that hold an instance (created or injected), so resetAll() can find them.
const live = new Set<LiveSingleton>();

/** @internal Called by singletons when they start or stop holding an instance. */
export function trackLive(singleton: LiveSingleton): void {
  live.add(singleton);
}

/** @internal */
export function untrackLive(singleton: LiveSingleton): void {
  live.delete(singleton);
}

/** @internal Names of the SDK clients that currently exist. */
export function liveClientNames(): string[] {
  return [...live].filter((s) => s.isClient).map((s) => s.name);
}

/** @internal Records a finished creation and tells the listeners. */
export function recordCreation(name: string, startedAt: number): void {
  const creation: SingletonCreation = {
    name,
    createdAt: new Date(),
    durationMs: performance.now() - startedAt,
    coldStart: isColdStart(),
  };
  creations.push(creation);
  for (const listener of listeners) {
    try {
      listener(creation);
    } catch (error) {
      // A broken logger must not break the client that was just created.
      process.emitWarning(
        `A singleton creation listener threw: ${String(error)}`,
        "AwsCoreWarning",
      );
    }
  }
}

/**
 * Every singleton creation since the container started (or since {@link resetAll}), oldest
 * first.
 *
 * @example
 * ```ts
 * for (const { name, durationMs, coldStart } of getSingletonCreations()) {
 *   console.log(`${name} took ${durationMs.toFixed(1)} ms (cold: ${coldStart})`);
 * }
 * ```
 */
export function getSingletonCreations(): readonly SingletonCreation[] {
  return [...creations];
}

/**
 * Calls `listener` after every singleton creation, e.g. to log client creation times or emit
 * a metric. Returns a function that removes the listener. A listener that throws is reported
 * with `process.emitWarning` and does not affect the creation.
 *
 * @example
 * ```ts
 * const stop = onSingletonCreated(({ name, durationMs, coldStart }) =>
 *   logger.info("client created", { name, durationMs, coldStart }),
 * );
 * ```
 */
export function onSingletonCreated(listener: SingletonCreationListener): () => void {
  listeners.add(listener);
  return () => {
    listeners.delete(listener);
  };
}

/**
 * Resets every singleton that holds an instance, forgets the recorded creations and the
 * invocation count: a fresh container, for tests. Listeners stay registered.
 * Instances already handed out keep working; the next access creates new ones.
 *
 * @example
 * ```ts
 * afterEach(() => resetAll());
 * ```
 */
export function resetAll(): void {
  for (const singleton of [...live]) singleton.reset();
  creations.length = 0;
  resetInvocationCount();
}
