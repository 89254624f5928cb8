import { coreState } from "../state/core-state";
import { isColdStart } from "./invocations";
import type { LiveSingleton, SingletonCreation, SingletonCreationListener } from "./types";

/** @internal Called by singletons when they start or stop holding an instance. */
export function trackLive(singleton: LiveSingleton): void {
  coreState().live.add(singleton);
}

/** @internal */
export function untrackLive(singleton: LiveSingleton): void {
  coreState().live.delete(singleton);
}

/** @internal Names of the SDK clients that currently exist. */
export function liveClientNames(): string[] {
  return [...coreState().live].filter((s) => s.isClient).map((s) => s.name);
}

/** @internal Remembers how to forget a singleton's options, for `resetAll()`. */
export function trackConfigured(forgetOptions: () => void): void {
  coreState().configured.add(forgetOptions);
}

/** @internal Records a finished creation and tells the listeners. */
export function recordCreation(name: string, startedAt: number): void {
  const creation: SingletonCreation = {
    name,
    createdAt: new Date(),
    durationMs: performance.now() - startedAt,
    coldStart: isColdStart(),
  };
  const { creations, listeners } = coreState();
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
  return [...coreState().creations];
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
  const { listeners } = coreState();
  listeners.add(listener);
  return () => {
    listeners.delete(listener);
  };
}

/**
 * Returns the process to the state it had when it started, for tests: every singleton
 * forgets its instance (clients, the token verifier, table handles) and every option it was
 * configured with, `configureAwsDefaults` is undone, and the recorded creations and the
 * invocation count are cleared. It reaches every copy of `@org/aws-core` in the process.
 * Listeners stay registered: the module code that added them does not run again.
 * Instances already handed out keep working; the next access creates new ones.
 *
 * @example
 * ```ts
 * afterEach(() => resetAll());
 * ```
 */
export function resetAll(): void {
  const state = coreState();
  for (const singleton of [...state.live]) singleton.reset();
  for (const forgetOptions of [...state.configured]) forgetOptions();
  state.configured.clear();
  state.sharedDefaults = {};
  state.creations.length = 0;
  state.invocationCount = 0;
}
