import { resolveClientConfig } from "../config/resolve-client-config";
import type { ClientOptions, SdkClientConfig } from "../config/types";
import { validateClientOptions } from "../config/validate-options";
import { ClientAlreadyCreatedError, InvalidClientError } from "../errors/errors";
import { endCallsAtDeadline } from "../invocation/deadline-send";
import { configurableSingleton } from "../lazy/configurable-singleton";
import { type ClientCreateHook, runCreateHooks } from "./creation-hooks";
import { isSdkClient } from "./is-sdk-client";

/** How a service package declares its client; see {@link defineClient}. */
export interface ClientDefinition<TClient> {
  /** Name in errors and in the registry, e.g. `"dynamodb"`. */
  readonly name: string;
  /** Builds the client from the resolved configuration; runs once, on first access. */
  readonly create: (config: SdkClientConfig) => TClient;
  /** Defaults of this service that differ from the shared ones. */
  readonly defaults?: ClientOptions;
  /**
   * For a client built on top of another (a DynamoDB DocumentClient wraps a DynamoDBClient):
   * `configure()` is passed on to that client, whose settings are the ones that count.
   */
  readonly configureVia?: Pick<DefinedClient<unknown>, "configure">;
}

/** A lazily created SDK client, with both access forms and its configuration. */
export interface DefinedClient<TClient> {
  readonly name: string;
  /** Property form: the client, created on first read. */
  readonly client: TClient;
  /** Function form: the same client. Safe to destructure or pass around. */
  readonly get: () => TClient;
  /**
   * Sets options for this client. Call before the first access; afterwards it throws
   * {@link ClientAlreadyCreatedError} instead of being silently ignored. Merges with earlier calls.
   */
  configure(options: ClientOptions): void;
  /** Uses a client you built yourself; throws {@link InvalidClientError} for anything else. */
  readonly inject: (client: TClient) => void;
  /** Forgets the client; the next access creates a new one. Its options are kept (`resetAll()` forgets them too). */
  readonly reset: () => void;
  /** Whether the client exists, without creating it. */
  readonly isCreated: () => boolean;
  /** The client if it exists, without creating it. */
  readonly peek: () => TClient | undefined;
  /**
   * Calls `hook` with this client right after it is created, before its first use (before
   * the hooks of `onClientCreate`); what it returns, if anything, is used in its place.
   * Returns a function that removes the hook.
   *
   * @example
   * ```ts
   * documentClient.onCreate((client) => tracer.captureAWSv3Client(client));
   * ```
   */
  onCreate(hook: ClientCreateHook<TClient>): () => void;
}

/**
 * Declares a lazily created SDK client in a few lines. Nothing happens until the first
 * access; the shared configuration and the environment are read then.
 *
 * @example
 * ```ts
 * import { SQSClient } from "@aws-sdk/client-sqs";
 * import { defineClient } from "@org/aws-core";
 *
 * export const sqs = defineClient({
 *   name: "sqs",
 *   create: (config) => new SQSClient(config),
 * });
 * export const getSqsClient = sqs.get;
 *
 * // in a handler: sqs.client.send(...) or getSqsClient().send(...)
 * ```
 */
export function defineClient<TClient>(
  definition: ClientDefinition<TClient>,
): DefinedClient<TClient> {
  return new LazyClient(definition);
}

// A class rather than an object literal: V8 inlines a prototype getter, so `.client` costs
// about what `get()` does (an accessor on an object literal is several times slower).
class LazyClient<TClient> implements DefinedClient<TClient> {
  readonly name: string;
  readonly get: () => TClient;
  readonly inject: (client: TClient) => void;
  readonly reset: () => void;
  readonly isCreated: () => boolean;
  readonly peek: () => TClient | undefined;
  private readonly configureOwn: (options: ClientOptions) => void;
  private readonly configureVia: ClientDefinition<TClient>["configureVia"];
  private readonly hooks = new Set<ClientCreateHook<TClient>>();

  constructor(definition: ClientDefinition<TClient>) {
    const { name } = definition;
    const singleton = configurableSingleton(
      name,
      (overrides: ClientOptions) => {
        const created = definition.create(
          resolveClientConfig(name, definition.defaults, overrides),
        );
        const client = runCreateHooks(name, created, this.hooks);
        if (isSdkClient(client)) endCallsAtDeadline(client as never, name);
        return client;
      },
      {
        isClient: true,
        validateOptions: validateClientOptions,
        validateInjected: (value) => {
          if (!isSdkClient(value)) throw new InvalidClientError(name);
        },
      },
    );
    this.name = name;
    this.get = singleton.get;
    this.inject = singleton.inject;
    this.reset = singleton.reset;
    this.isCreated = singleton.isCreated;
    this.peek = singleton.peek;
    this.configureOwn = singleton.configure;
    this.configureVia = definition.configureVia;
  }

  get client(): TClient {
    return this.get();
  }

  onCreate(hook: ClientCreateHook<TClient>): () => void {
    this.hooks.add(hook);
    return () => {
      this.hooks.delete(hook);
    };
  }

  configure(options: ClientOptions): void {
    if (this.isCreated()) throw new ClientAlreadyCreatedError([this.name]);
    if (this.configureVia) this.configureVia.configure(options);
    else this.configureOwn(options);
  }
}
