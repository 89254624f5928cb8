import type { ClientOptions, SdkClientConfig } from "../config/types";

/**
 * Called with an SDK client right after it is created, before its first use. Return a client
 * to use in its place (a wrapped one), or nothing to keep it (after instrumenting it in place).
 */
export type ClientCreateHook<TClient = unknown> = (
  client: TClient,
  creation: ClientCreation,
  // biome-ignore lint/suspicious/noConfusingVoidType: a hook that only instruments returns nothing
) => TClient | undefined | void;

/** One client creation, as the registry recorded it (see `getClientCreations`). */
export interface ClientCreation {
  /** The client's name, e.g. `"dynamodb"`. */
  readonly name: string;
  /** When the client was created. */
  readonly createdAt: Date;
  /** How long its SDK constructor took, in milliseconds (loading its SDK not included). */
  readonly durationMs: number;
  /** Whether it happened during the container's cold start (init or first invocation). */
  readonly coldStart: boolean;
}

/** How a client is declared; see {@link defineClient}. */
export interface ClientDefinition<TClient, TSdk = undefined> {
  /** Name in errors and in the registry, e.g. `"dynamodb"`. */
  readonly name: string;
  /**
   * Optional: imports the SDK code on first use instead of at import, e.g.
   * `() => import("./sqs-sdk.js")`, a module of yours that re-exports what you use of
   * `@aws-sdk/client-sqs`. Runs once; concurrent first uses share it; a failed import is
   * tried again by the next use. Without it, the client's SDK is imported with your code.
   */
  readonly load?: () => Promise<TSdk>;
  /**
   * Builds the client from the resolved configuration (and the loaded SDK module, when the
   * client has `load`); runs once, on first use.
   */
  readonly create: (config: SdkClientConfig, sdk: TSdk) => TClient;
  /** Defaults of this service that differ from the shared ones. */
  readonly defaults?: ClientOptions;
  /**
   * For a client built on top of another (a DynamoDB DocumentClient wraps a DynamoDBClient):
   * `configure()` is passed on to that client, whose settings are the ones that count.
   */
  readonly configureVia?: Pick<LazyClient<unknown, unknown>, "configure">;
}

/**
 * A lazily created AWS SDK client: the one shape of every client of every `@org/aws-*`
 * package, whether its SDK loads with your code or on first use.
 */
export interface LazyClient<TClient, TSdk = undefined> {
  /** Name in errors, in the registry and in `prime()` results. */
  readonly name: string;
  /**
   * The client, synchronously: created on first read, then a field read. For a client
   * whose SDK loads on first use, after that load (`await x.get()` or `prime()` once);
   * before it, reading `client` throws an `AwsCoreError` saying so.
   */
  readonly client: TClient;
  /** The client, loading its SDK first if it loads on first use. Works for every client. */
  get(): Promise<TClient>;
  /**
   * The SDK module `load` returned (where the command classes are), loaded on first use;
   * `undefined` for a client whose SDK is imported with your code.
   */
  sdk(): Promise<TSdk>;
  /**
   * Sets options for this client; merges with earlier calls. Before the first use only:
   * afterwards it throws instead of being silently ignored.
   */
  configure(options: ClientOptions): void;
  /**
   * Uses a client you built yourself (tests, another account): hooks do not see it, the
   * invocation deadline applies to it. Throws for anything that is not an SDK v3 client.
   */
  inject(client: TClient): void;
  /** Forgets the client; the next use creates a new one. Its options are kept. */
  reset(): void;
  /** The client if it exists, without creating it. */
  peek(): TClient | undefined;
  /**
   * Calls `hook` with this client right after it is created, before its first use (before
   * the hooks of `onCreate` for every client). Returns a function that removes the hook.
   */
  onCreate(hook: ClientCreateHook<TClient>): () => void;
}
