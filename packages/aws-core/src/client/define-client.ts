import { resolveClientConfig } from "../config/resolve-client-config";
import { getAwsDefaults } from "../config/shared-defaults";
import type { ClientOptions, SdkClientConfig } from "../config/types";
import { validateClientOptions } from "../config/validate-options";
import { AwsCoreError, InvalidConfigError } from "../errors/errors";
import { type ConfigurableSingleton, configurableSingleton } from "../lazy/configurable-singleton";
import { toCreationError } from "../lazy/singleton-state";
import { isColdStart } from "../registry/invocations";
import { recordCreation, trackConfigured } from "../registry/registry";
import { type ResolvedKey, resolveKey } from "./client-key";
import { runCreateHooks } from "./creation-hooks";
import { addDeadlineMiddleware } from "./deadline-middleware";
import { isSdkClient } from "./is-sdk-client";
import { DEFAULT_MAX_KEYED_CLIENTS, KeyedClients } from "./keyed-clients";
import type {
  ClientCreateHook,
  ClientCreation,
  ClientDefinition,
  ClientKey,
  LazyClient,
} from "./types";

/**
 * Declares a lazily created SDK client in a few lines. Nothing happens until the first use;
 * the shared configuration and the environment are read then. With `load`, the client's SDK
 * code is imported on first use too, so a route that never uses the client never loads it
 * (in a split bundle, that code is a chunk of its own).
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
 * // in a handler: await sqs.client.send(...)
 * // another region's, created on its first use: await sqs.for({ region: "eu-west-1" }).client.send(...)
 *
 * // or with its SDK loaded on first use (./sqs-sdk.ts: export { SQSClient, SendMessageCommand } from "@aws-sdk/client-sqs")
 * export const sqsOnUse = defineClient({
 *   name: "sqs",
 *   load: () => import("./sqs-sdk.js"),
 *   create: (config, sdk) => new sdk.SQSClient(config),
 * });
 * // in a route: const [client, { SendMessageCommand }] = await Promise.all([sqsOnUse.get(), sqsOnUse.sdk()]);
 * ```
 */
export function defineClient<TClient, TSdk = undefined, TBase = never>(
  definition: ClientDefinition<TClient, TSdk, TBase>,
): LazyClient<TClient, TSdk> {
  return new DefinedClient(definition, undefined);
}

// A class rather than an object literal: V8 inlines a prototype getter, so `.client` costs
// about what a function call does (an accessor on an object literal is several times slower).
// One class for a client and the clients it makes with for(key), so both have one shape.
class DefinedClient<TClient, TSdk, TBase> implements LazyClient<TClient, TSdk> {
  readonly name: string;
  // `#` fields: a user sees only the members of LazyClient, at run time too.
  readonly #singleton: ConfigurableSingleton<TClient, ClientOptions>;
  readonly #definition: ClientDefinition<TClient, TSdk, TBase>;
  readonly #hooks = new Set<ClientCreateHook<TClient>>();
  /** The client this one was made from by for(key), or this one. It loads the SDK. */
  readonly #root: DefinedClient<TClient, TSdk, TBase>;
  /** Set on a client made by for(key). */
  readonly #key: ResolvedKey | undefined;
  /** Clients made by this one's for(key) (a root's only). */
  #keyed: KeyedClients<DefinedClient<TClient, TSdk, TBase>> | undefined;
  // The SDK module once loaded (a box, since the module itself may be `undefined`).
  #loaded: { readonly sdk: TSdk } | undefined;
  #loading: Promise<TSdk> | undefined;
  /** Whether a client made by for(key) was created: configure() is too late then (a root's). */
  #keyedCreated = false;
  readonly #forgetKeyed = (): void => {
    this.#keyed?.clear();
    this.#keyedCreated = false;
  };

  constructor(
    definition: ClientDefinition<TClient, TSdk, TBase>,
    keyed:
      | { readonly root: DefinedClient<TClient, TSdk, TBase>; readonly key: ResolvedKey }
      | undefined,
  ) {
    const { name } = definition;
    this.name = name;
    this.#definition = definition;
    this.#root = keyed?.root ?? this;
    this.#key = keyed?.key;
    if (!definition.load) this.#loaded = { sdk: undefined as TSdk };
    this.#singleton = configurableSingleton(
      name,
      (overrides: ClientOptions) => this.#create(overrides),
      {
        isClient: true,
        validateOptions: validateClientOptions,
        validateInjected: (value) => {
          if (!isSdkClient(value))
            throw new InvalidConfigError(
              `Not an AWS SDK v3 client (no send() or middlewareStack): cannot inject "${name}"`,
            );
          addDeadlineMiddleware(value, name);
        },
      },
    );
  }

  get client(): TClient {
    return this.#singleton.get();
  }

  async get(): Promise<TClient> {
    if (!this.#root.#loaded && !this.#singleton.isCreated()) await this.sdk();
    return this.#singleton.get();
  }

  sdk(): Promise<TSdk> {
    const root = this.#root;
    if (root.#loaded) return Promise.resolve(root.#loaded.sdk);
    const load = root.#definition.load as () => Promise<TSdk>;
    root.#loading ??= load().then(
      (sdk) => {
        root.#loaded = { sdk };
        return sdk;
      },
      (error: unknown) => {
        root.#loading = undefined;
        throw toCreationError(root.name, error);
      },
    );
    return root.#loading;
  }

  configure(options: ClientOptions): void {
    if (this.#key) {
      throw new InvalidConfigError(
        `Cannot configure a client of ${this.name}.for() on its own: configure ${this.name}, whose settings it shares`,
      );
    }
    if (this.#singleton.isCreated() || this.#keyedCreated)
      throw InvalidConfigError.tooLate([this.name]);
    const { base } = this.#definition;
    if (base) base.configure(options);
    else this.#singleton.configure(options);
  }

  inject(client: TClient): void {
    this.#singleton.inject(client);
  }

  reset(): void {
    this.#singleton.reset();
    this.#forgetKeyed();
  }

  peek(): TClient | undefined {
    return this.#singleton.peek();
  }

  onCreate(hook: ClientCreateHook<TClient>): () => void {
    this.#hooks.add(hook);
    return () => {
      this.#hooks.delete(hook);
    };
  }

  for(key: ClientKey): LazyClient<TClient, TSdk> {
    // A keyed client's for() adds to its own key: the same client as asking the root.
    if (this.#key) return this.#root.for({ ...this.#key.key, ...key });
    const cached = this.#keyed?.get(key?.region, key?.key);
    if (cached) return cached;
    const resolved = resolveKey(this.name, key);
    const client = new DefinedClient(this.#definition, { root: this, key: resolved });
    this.#keyed ??= new KeyedClients((dropped) => dropped.#release());
    this.#keyed.add(key.region, key.key, client, this.#maxKeyedClients());
    trackConfigured(this.#forgetKeyed);
    return client;
  }

  /** Dropped from its root's cache: forgets its client and closes its connections. */
  #release(): void {
    const client = this.#singleton.peek();
    this.reset();
    // A DocumentClient's destroy() does nothing: its connections are its base's.
    const { base } = this.#definition;
    if (base instanceof DefinedClient && this.#key)
      base.#keyed?.drop(this.#key.key.region, this.#key.key.key);
    if (isSdkClient(client)) (client as { destroy?: () => void }).destroy?.();
  }

  #options(): Readonly<ClientOptions> {
    const { base } = this.#definition;
    return base instanceof DefinedClient ? base.#options() : this.#singleton.options();
  }

  #maxKeyedClients(): number {
    return (
      this.#options().maxKeyedClients ??
      getAwsDefaults().maxKeyedClients ??
      DEFAULT_MAX_KEYED_CLIENTS
    );
  }

  #create(overrides: ClientOptions): TClient {
    const root = this.#root;
    if (!root.#loaded) {
      throw new AwsCoreError(
        `The ${this.name} client loads its SDK on first use: await its get() (or prime() it at init) before reading .client`,
      );
    }
    const { name } = this;
    const definition = this.#definition;
    const key = this.#key;
    const startedAt = performance.now();
    const config = key
      ? root.#keyedConfig(key)
      : resolveClientConfig(name, definition.defaults, overrides);
    const base = definition.base && (key ? definition.base.for(key.key) : definition.base).client;
    const created = definition.create(config, root.#loaded.sdk, base as TBase);
    const creation: ClientCreation = {
      name,
      createdAt: new Date(),
      durationMs: performance.now() - startedAt,
      coldStart: isColdStart(),
      ...(key && { key: key.label }),
    };
    if (key) root.#keyedCreated = true;
    const hooks = key ? new Set([...root.#hooks, ...this.#hooks]) : this.#hooks;
    const client = runCreateHooks(created, creation, hooks);
    if (isSdkClient(client)) addDeadlineMiddleware(client, name);
    recordCreation(creation);
    return client;
  }

  /** The configuration of a keyed client: the root's, with the key's region and credentials. */
  #keyedConfig({ key }: ResolvedKey): SdkClientConfig {
    const config = resolveClientConfig(this.name, this.#definition.defaults, {
      ...this.#options(),
      ...(key.region && { region: key.region }),
    });
    return key.credentials ? { ...config, credentials: key.credentials } : config;
  }
}
