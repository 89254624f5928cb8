import { SingletonState, toCreationError } from "./singleton-state";
import type { LazySingleton, LazySingletonOptions } from "./types";

/**
 * Creates a value on first access with `factory` and returns the same value ever after.
 * The factory runs once per container (or once after each `reset()`); a factory that throws
 * caches nothing, so the next access tries again.
 *
 * Declaring a singleton does no work: call it at module scope freely.
 *
 * @example
 * ```ts
 * import { lazySingleton } from "@org/aws-core";
 *
 * const translator = lazySingleton("translator", () => new Translator(loadGlossary()));
 *
 * export const handler = async () => translator.get().translate("hola");
 * ```
 */
export function lazySingleton<T>(
  name: string,
  factory: () => T,
  options: LazySingletonOptions = {},
): LazySingleton<T> {
  const state = new SingletonState<T>(name, options);

  const create = (): T => {
    let value: T;
    try {
      value = factory();
    } catch (error) {
      throw toCreationError(name, error);
    }
    state.store(value);
    return value;
  };

  return {
    name,
    // The hot path: a flag check and a field read.
    get: () => (state.created ? (state.instance as T) : create()),
    peek: () => state.instance,
    isCreated: () => state.created,
    inject(instance: T) {
      state.validateInjected(instance);
      state.store(instance);
    },
    reset: state.reset,
  };
}
