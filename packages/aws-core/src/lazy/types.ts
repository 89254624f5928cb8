/** Options shared by {@link lazySingleton} and {@link lazyAsyncSingleton}. */
export interface LazySingletonOptions {
  /**
   * Checks a value given to `inject()`; throws to refuse it. Factories are trusted.
   */
  readonly validateInjected?: (value: unknown) => void;
  /** @internal Marks SDK clients, so shared configuration knows when it is too late. */
  readonly isClient?: boolean;
}

/** Members common to synchronous and asynchronous lazy singletons. */
interface LazySingletonBase<T> {
  /** The name used in errors and in the registry. */
  readonly name: string;
  /** The instance if it exists, without creating it. */
  readonly peek: () => T | undefined;
  /** Whether an instance exists (created or injected). */
  readonly isCreated: () => boolean;
  /** Uses a ready instance instead of the factory (tests, or a client you built yourself). */
  readonly inject: (instance: T) => void;
  /**
   * Forgets the instance; the next access creates a new one. Holders of the old instance
   * keep a working object.
   */
  readonly reset: () => void;
}

/** A value created by its factory on first access and reused ever after. */
export interface LazySingleton<T> extends LazySingletonBase<T> {
  /** The instance, created on the first call. Safe to pass around unbound. */
  readonly get: () => T;
}

/** Like {@link LazySingleton}, for factories that return a promise. */
export interface AsyncLazySingleton<T> extends LazySingletonBase<T> {
  /**
   * The instance, created on the first call. Concurrent first calls share one creation;
   * a failed creation is not cached.
   */
  readonly get: () => Promise<T>;
}
