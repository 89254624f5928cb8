import { SingletonState, toCreationError } from "./singleton-state";
import type { AsyncLazySingleton, LazySingletonOptions } from "./types";

/**
 * Like {@link lazySingleton}, for factories that return a promise (a secret, a JWKS, a
 * client that needs credentials first). Concurrent first calls share one creation; a
 * rejected creation is not cached and the next call tries again; a `reset()` during
 * creation lets the callers already waiting get their value but does not keep it.
 *
 * @example
 * ```ts
 * import { lazyAsyncSingleton } from "@org/aws-core";
 *
 * const apiKey = lazyAsyncSingleton("api-key", () => fetchSecret("api-key"));
 *
 * export const handler = async () => callPartner(await apiKey.get());
 * ```
 */
export function lazyAsyncSingleton<T>(
  name: string,
  factory: () => Promise<T>,
  options: LazySingletonOptions = {},
): AsyncLazySingleton<T> {
  // Settled with the instance once created; pending while a creation runs.
  let promise: Promise<T> | undefined;
  const state = new SingletonState<T>(name, options, () => {
    promise = undefined;
  });

  const create = (): Promise<T> => {
    const creation: Promise<T> = (async () => factory())().then(
      (value) => {
        if (promise === creation) {
          state.store(value);
        }
        return value;
      },
      (error: unknown) => {
        if (promise === creation) promise = undefined;
        throw toCreationError(name, error);
      },
    );
    promise = creation;
    return creation;
  };

  return {
    name,
    get: () => promise ?? create(),
    peek: () => state.instance,
    isCreated: () => state.created,
    inject(instance: T) {
      state.validateInjected(instance);
      state.store(instance);
      promise = Promise.resolve(instance);
    },
    reset: state.reset,
  };
}
