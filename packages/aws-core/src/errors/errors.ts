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
 *   getDynamoClient();
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
 * No region could be found when a client was created.
 *
 * @example
 * ```ts
 * // Lambda always sets AWS_REGION; locally, set it yourself or configure one:
 * configureAwsDefaults({ region: "eu-west-1" });
 * ```
 */
export class MissingRegionError extends AwsCoreError {
  override readonly name: string = "MissingRegionError";
  constructor(readonly clientName: string) {
    super(`No region for the "${clientName}" client: set AWS_REGION or configure({ region })`);
  }
}

/**
 * A configuration value, from code or from an environment variable, is not usable.
 *
 * @example
 * ```ts
 * try {
 *   configureAwsDefaults({ requestTimeout: -1 });
 * } catch (error) {
 *   if (error instanceof InvalidConfigError) console.error(error.setting); // "requestTimeout"
 * }
 * ```
 */
export class InvalidConfigError extends AwsCoreError {
  override readonly name: string = "InvalidConfigError";
  constructor(
    readonly setting: string,
    readonly value: unknown,
    expected: string,
  ) {
    super(`Invalid ${setting}: ${JSON.stringify(value)}. Expected ${expected}.`);
  }
}

/**
 * A client was configured after it had been created. Its configuration is fixed for the life
 * of the container, so the override would be silently lost; configure clients before first use
 * (at module scope), or reset the client first (tests).
 *
 * @example
 * ```ts
 * getDynamoClient();
 * dynamoClient.configure({ maxAttempts: 5 }); // throws ClientAlreadyCreatedError
 * ```
 */
export class ClientAlreadyCreatedError extends AwsCoreError {
  override readonly name: string = "ClientAlreadyCreatedError";
  constructor(
    readonly clientNames: readonly string[],
    what = "its configuration",
  ) {
    super(`Cannot change ${what}: ${clientNames} already created; configure before first use`);
  }
}

/**
 * `inject()` was given something that is not an AWS SDK v3 client (it needs `send()` and a
 * `middlewareStack`).
 *
 * @example
 * ```ts
 * dynamoClient.inject({} as DynamoDBClient); // throws InvalidClientError
 * ```
 */
export class InvalidClientError extends AwsCoreError {
  override readonly name: string = "InvalidClientError";
  constructor(readonly clientName: string) {
    super(`Not an AWS SDK v3 client (no send() or middlewareStack): cannot inject "${clientName}"`);
  }
}

/**
 * A singleton's factory threw (or its promise rejected). The original error is the `cause`.
 * Nothing is cached: the next access tries again.
 *
 * @example
 * ```ts
 * try {
 *   await secrets.get();
 * } catch (error) {
 *   if (error instanceof SingletonCreationError) console.error(error.singletonName, error.cause);
 * }
 * ```
 */
export class SingletonCreationError extends AwsCoreError {
  override readonly name: string = "SingletonCreationError";
  constructor(
    readonly singletonName: string,
    cause: unknown,
  ) {
    const reason = cause instanceof Error ? cause.message : String(cause);
    super(`Creating "${singletonName}" failed (the next access retries): ${reason}`, { cause });
  }
}

/**
 * An AWS call was stopped at its invocation's deadline: the time Lambda gives the invocation
 * (`context.getRemainingTimeInMillis()`) minus a margin to answer and log. Ending the call
 * there lets the function answer (a 504) instead of being killed at its timeout, which would
 * lose the container and its warm clients. Kind `timeout`.
 *
 * @example
 * ```ts
 * try {
 *   await getDocumentClient().send(new GetCommand(input));
 * } catch (error) {
 *   if (error instanceof InvocationTimeoutError) log.warn(error.message); // operation, time left
 * }
 * ```
 */
export class InvocationTimeoutError extends AwsCoreError {
  override readonly name: string = "InvocationTimeoutError";
  constructor(
    readonly clientName: string,
    readonly operation: string,
    /** What was left of the invocation's deadline when the call started, in milliseconds. */
    readonly timeLeftMs: number,
    cause: unknown,
  ) {
    super(
      `${clientName} ${operation} stopped at the invocation's deadline (it started with ${Math.round(timeLeftMs)} ms left)`,
      { kind: "timeout", cause },
    );
  }
}
