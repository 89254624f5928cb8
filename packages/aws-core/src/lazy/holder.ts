import { AwsCoreError, SingletonCreationError } from "../errors";
import { trackLive, untrackLive } from "../registry/registry";
import type { LiveSingleton } from "../registry/types";
import type { LazySingletonOptions } from "./types";

/**
 * The state both singleton kinds share: the instance, and the registry entry that lets
 * resetAll() find it. `onReset` lets the async kind drop its promise too.
 */
export function createHolder<T>(name: string, options: LazySingletonOptions, onReset: () => void) {
  let created = false;
  let instance: T | undefined;

  const entry: LiveSingleton = {
    name,
    isClient: options.isClient ?? false,
    reset() {
      created = false;
      instance = undefined;
      onReset();
      untrackLive(entry);
    },
  };

  return {
    entry,
    isCreated: () => created,
    peek: () => instance,
    store(value: T) {
      instance = value;
      created = true;
      trackLive(entry);
    },
    validate(value: unknown): void {
      options.validateInjected?.(value);
    },
  };
}

/** Our own errors pass through unchanged; anything else is wrapped with the singleton's name. */
export function toCreationError(name: string, error: unknown): Error {
  return error instanceof AwsCoreError ? error : new SingletonCreationError(name, error);
}
