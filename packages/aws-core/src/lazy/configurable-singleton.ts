import { InvalidConfigError } from "../errors/errors";
import { trackConfigured } from "../registry/registry";
import { lazySingleton } from "./lazy-singleton";
import type { LazySingleton, LazySingletonOptions } from "./types";

/** A lazy singleton built from options that can be set until it is created. */
export interface ConfigurableSingleton<T, TOptions extends object> extends LazySingleton<T> {
  /**
   * Merges options into the ones the instance will be created with. Before the first access
   * only: afterwards it throws (an `AwsCoreError` of kind `internal`) instead of being
   * silently ignored.
   * `reset()` keeps them; `resetAll()` forgets them.
   */
  configure(options: TOptions): void;
  /** The options set so far. */
  readonly options: () => Readonly<TOptions>;
}

/** Options of {@link configurableSingleton}. */
export interface ConfigurableSingletonOptions<TOptions> extends LazySingletonOptions {
  /** Checks options given to `configure()` (throw to refuse them). */
  readonly validateOptions?: (options: TOptions) => void;
}

/**
 * The one singleton with settings that every `@org/aws-*` package builds on: SDK clients
 * (`defineClient`), the Cognito token verifier, and yours. The factory gets the options set
 * with `configure()`; the rules are the same everywhere: configure before first use,
 * `reset()` forgets the instance and keeps the options, `resetAll()` forgets both.
 *
 * @example
 * ```ts
 * import { configurableSingleton } from "@org/aws-core/internal"; // shared by the packages, not public
 *
 * const translator = configurableSingleton("translator", (options: { glossary?: string }) =>
 *   new Translator(options.glossary ?? "default"),
 * );
 * translator.configure({ glossary: "legal" }); // at module scope, before first use
 * export const handler = async () => translator.get().translate("hola");
 * ```
 */
export function configurableSingleton<T, TOptions extends object>(
  name: string,
  factory: (options: Readonly<TOptions>) => T,
  settings: ConfigurableSingletonOptions<TOptions> = {},
): ConfigurableSingleton<T, TOptions> {
  let options = {} as TOptions;
  const singleton = lazySingleton(name, () => factory(options), settings);
  return {
    ...singleton,
    options: () => options,
    configure(next: TOptions): void {
      if (singleton.isCreated()) throw InvalidConfigError.tooLate([name]);
      settings.validateOptions?.({ ...next });
      options = { ...options, ...next };
      trackConfigured(forgetOptions);
    },
  };

  function forgetOptions(): void {
    options = {} as TOptions;
  }
}
