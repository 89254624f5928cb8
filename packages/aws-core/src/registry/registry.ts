import type { ClientCreation } from "../client/types";
import { coreState } from "../state/core-state";
import type { LiveSingleton } from "./types";

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

/** @internal Records a finished client creation. */
export function recordCreation(creation: ClientCreation): void {
  coreState().creations.push(creation);
}

/**
 * Every client creation since the container started (or since {@link resetAll}), oldest
 * first: which clients a cold start built, and what each cost.
 *
 * @example
 * ```ts
 * for (const { name, durationMs, coldStart } of getClientCreations()) {
 *   console.log(`${name} took ${durationMs.toFixed(1)} ms (cold: ${coldStart})`);
 * }
 * ```
 */
export function getClientCreations(): readonly ClientCreation[] {
  return [...coreState().creations];
}

/**
 * Returns the process to the state it had when it started, for tests: every singleton
 * forgets its instance (clients, the token verifier, table handles) and every option it was
 * configured with, `configureAwsDefaults` is undone, and the recorded creations and the
 * invocation count are cleared. It reaches every copy of `@org/aws-core` in the process.
 * Hooks (`onCreate`) stay registered: the module code that added them does not run again.
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
