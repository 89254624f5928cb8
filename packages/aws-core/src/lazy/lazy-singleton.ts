import { recordCreation } from "../registry/registry";
import { createHolder, toCreationError } from "./holder";
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
  const holder = createHolder<T>(name, options, () => {});

  const create = (): T => {
    const startedAt = performance.now();
    let value: T;
    try {
      value = factory();
    } catch (error) {
      throw toCreationError(name, error);
    }
    holder.store(value);
    recordCreation(name, startedAt);
    return value;
  };

  return {
    name,
    // The hot path: one flag check and a variable read.
    get: () => (holder.isCreated() ? (holder.peek() as T) : create()),
    peek: holder.peek,
    isCreated: holder.isCreated,
    inject(instance: T) {
      holder.validate(instance);
      holder.store(instance);
    },
    reset: holder.entry.reset,
  };
}
