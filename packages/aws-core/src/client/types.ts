import type { ClientOptions, CredentialsProvider, SdkClientConfig } from "../config/types";

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
  /**
   * For a client made by `for(key)`: what sets it apart, e.g. `"region=eu-west-1"` or
   * `"region=eu-west-1 key=tenant-a"`. Never its credentials.
   */
  readonly key?: string;
}

/**
 * What a client made by {@link LazyClient.for} differs in from the client it is made from.
 * Everything else (timeouts, retries, endpoint variables) is shared.
 */
export interface ClientKey {
  /** Its region, e.g. a global table's replica: `"eu-west-1"`. */
  readonly region?: string;
  /**
   * A name that sets this client apart, e.g. a tenant id or an account's name; needed with
   * `credentials`, which it stands for: `for()` with the same key (and region) returns the
   * same client, whatever credentials it is given then. 1 to 64 of `A-Z a-z 0-9 _ + = , . @ -`.
   */
  readonly key?: string;
  /**
   * Its credentials, read when the client is created: `assumeRole()` of
   * `@org/aws-core/credentials` (another account's role, or a tenant's role narrowed by a
   * session policy), or any SDK credential provider. Without it, the function's own.
   */
  readonly credentials?: CredentialsProvider;
}
/** How a client is declared; see {@link defineClient}. */
export interface ClientDefinition<TClient, TSdk = undefined, TBase = never> {
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
   * client has `load`; and the `base` client, when it has one); runs once, on first use.
   */
  readonly create: (config: SdkClientConfig, sdk: TSdk, base: TBase) => TClient;
  /** Defaults of this service that differ from the shared ones. */
  readonly defaults?: ClientOptions;
  /**
   * For a client built on top of another (a DynamoDB DocumentClient wraps a DynamoDBClient):
   * `create` receives that client, `configure()` is passed on to it, and `for(key)` builds
   * on the base's client for the same key.
   */
  readonly base?: LazyClient<TBase, unknown>;
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
   * The client for another region, role or tenant: a `LazyClient` of its own, created on
   * first use with the shared settings plus the key's, and kept for the container. The same
   * key returns the same object (a map lookup). At most `maxKeyedClients` (default 10) are
   * kept; beyond that the least recently asked for is dropped and its connections closed.
   * `reset()` and `resetAll()` drop them all.
   */
  for(key: ClientKey): LazyClient<TClient, TSdk>;
  /**
   * Calls `hook` with this client right after it is created, before its first use (before
   * the hooks of `onCreate` for every client). Returns a function that removes the hook.
   */
  onCreate(hook: ClientCreateHook<TClient>): () => void;
}
