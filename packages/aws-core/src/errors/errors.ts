import { defaultSafeMessage, type ErrorKind } from "./error-kind";

const ERROR_BRAND = /* @__PURE__ */ Symbol.for("@org/aws-core/error");

/** Options of {@link AwsCoreError}: the standard `cause`, and what a caller may see. */
export interface AwsCoreErrorOptions extends ErrorOptions {
  /** Default `internal`; subclasses fix their own. */
  readonly kind?: ErrorKind | undefined;
  /** Default: the kind's generic message ("Not Found", "Unauthorized"...). */
  readonly safeMessage?: string | undefined;
}

/**
 * Base class of every error thrown by `@org/aws-*` packages. Catch it to handle them all.
 * Every class sets its `name` explicitly, so it survives minified bundles. Each error has a
 * {@link ErrorKind} (what HTTP status it means) and two messages: `message`, detailed, for
 * logs; `safeMessage`, for the caller.
 *
 * @example
 * ```ts
 * import { AwsCoreError } from "@org/aws-core";
 *
 * try {
 *   await documentClient.client.send(new GetCommand(input));
 * } catch (error) {
 *   if (error instanceof AwsCoreError) console.error(error.name, error.message);
 *   else throw error;
 * }
 * ```
 */
export class AwsCoreError extends Error {
  override readonly name: string = "AwsCoreError";

  // `error instanceof AwsCoreError` holds for the errors of every copy of this package in
  // the process (two versions, or its ESM and CJS builds), through a registered symbol;
  // subclasses keep the ordinary prototype check.
  static override [Symbol.hasInstance](value: unknown): boolean {
    // biome-ignore lint/complexity/noThisInStatic: `this` is the class on the right of instanceof
    if (this !== AwsCoreError) return Function.prototype[Symbol.hasInstance].call(this, value);
    return (value as { [ERROR_BRAND]?: unknown } | null)?.[ERROR_BRAND] === true;
  }

  /** @internal */
  get [ERROR_BRAND](): true {
    return true;
  }

  readonly #kind: ErrorKind | undefined;
  readonly #safeMessage: string | undefined;

  constructor(message: string, options: AwsCoreErrorOptions = {}) {
    const { kind, safeMessage, ...errorOptions } = options;
    super(message, errorOptions);
    this.#kind = kind;
    this.#safeMessage = safeMessage;
  }

  /**
   * What went wrong, from one closed set; subclasses fix theirs. Default `internal`.
   * @example
   * ```ts
   * if (error instanceof AwsCoreError && error.kind === "not-found") return notFound();
   * ```
   */
  get kind(): ErrorKind {
    return this.#kind ?? "internal";
  }

  /**
   * A message for the caller: it never holds table names, keys, client ids, tokens or the
   * text of another error. `message` keeps the details, for logs.
   * @example
   * ```ts
   * return { statusCode: httpStatusOf(error.kind), body: JSON.stringify({ message: error.safeMessage }) };
   * ```
   */
  get safeMessage(): string {
    return this.#safeMessage ?? defaultSafeMessage(this.kind);
  }
}

/**
 * A setting, from code or from an environment variable, is not usable, or came too late (a
 * client configured after its creation). Kind `internal`: a bug or a misconfiguration.
 *
 * @example
 * ```ts
 * throw new InvalidConfigError('Invalid requestTimeout: -1. Expected an integer above 0.', { setting: "requestTimeout" });
 * ```
 */
export class InvalidConfigError extends AwsCoreError {
  override readonly name: string = "InvalidConfigError";
  /** The setting at fault, e.g. `"requestTimeout"`. */
  readonly setting: string | undefined;
  constructor(message: string, options: AwsCoreErrorOptions & { readonly setting?: string } = {}) {
    const { setting, ...rest } = options;
    super(message, { ...rest, kind: "internal" });
    this.setting = setting;
  }

  /** The error for a value that is not what `setting` expects. */
  static invalid(setting: string, value: unknown, expected: string): InvalidConfigError {
    return new InvalidConfigError(
      `Invalid ${setting}: ${JSON.stringify(value)}. Expected ${expected}.`,
      { setting },
    );
  }

  /** The error for a change to something already created, which would be silently lost. */
  static tooLate(names: readonly string[], what = "its configuration"): InvalidConfigError {
    return new InvalidConfigError(
      `Cannot change ${what}: ${names.join(", ")} already created; configure before first use (or reset first)`,
    );
  }
}

/**
 * Creating a client or singleton failed: its factory threw, or its SDK module could not be
 * loaded. The original error is the `cause`. Nothing is cached: the next use tries again.
 * Kind `internal`.
 *
 * @example
 * ```ts
 * throw new SingletonCreationError('Creating "secrets" failed: ...', { cause: error });
 * ```
 */
export class SingletonCreationError extends AwsCoreError {
  override readonly name: string = "SingletonCreationError";
  constructor(message: string, options: AwsCoreErrorOptions = {}) {
    super(message, { ...options, kind: "internal" });
  }

  /** The error for `name`'s failed creation, saying why from `cause`. */
  static of(name: string, cause: unknown): SingletonCreationError {
    const reason = cause instanceof Error ? cause.message : String(cause);
    return new SingletonCreationError(
      `Creating "${name}" failed (the next use retries): ${reason}`,
      { cause },
    );
  }
}

/**
 * An AWS call was stopped at its invocation's deadline: the time Lambda gives the invocation
 * (`context.getRemainingTimeInMillis()`) minus a margin to answer and log. Ending the call
 * there lets the function answer (a 504) instead of being killed at its timeout, which would
 * lose the container and its warm clients. Kind `timeout`.
 */
export class InvocationTimeoutError extends AwsCoreError {
  override readonly name: string = "InvocationTimeoutError";
  constructor(message: string, options: AwsCoreErrorOptions = {}) {
    super(message, { ...options, kind: "timeout" });
  }

  /** The error for `operation` of `clientName`, which started with `timeLeftMs` left. */
  static of(clientName: string, operation: string, timeLeftMs: number): InvocationTimeoutError {
    return new InvocationTimeoutError(
      `${clientName} ${operation} stopped at the invocation's deadline (it started with ${Math.max(0, Math.round(timeLeftMs))} ms left)`,
    );
  }
}
