import { resolveClientConfig } from "../config/resolve-client-config";
import type { ClientOptions } from "../config/types";
import { validateClientOptions } from "../config/validate-options";
import { AwsCoreError, InvalidConfigError } from "../errors/errors";
import { configurableSingleton } from "../lazy/configurable-singleton";
import { toCreationError } from "../lazy/singleton-state";
import type { LazySingleton } from "../lazy/types";
import { isColdStart } from "../registry/invocations";
import { recordCreation } from "../registry/registry";
import { runCreateHooks } from "./creation-hooks";
import { addDeadlineMiddleware } from "./deadline-middleware";
import { isSdkClient } from "./is-sdk-client";
import type { ClientCreateHook, ClientDefinition, LazyClient } from "./types";

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
export function defineClient<TClient, TSdk = undefined>(
  definition: ClientDefinition<TClient, TSdk>,
): LazyClient<TClient, TSdk> {
  return new DefinedClient(definition);
}

// A class rather than an object literal: V8 inlines a prototype getter, so `.client` costs
// about what a function call does (an accessor on an object literal is several times slower).
class DefinedClient<TClient, TSdk> implements LazyClient<TClient, TSdk> {
  readonly name: string;
  // `#` fields: a user sees only the members of LazyClient, at run time too.
  readonly #singleton: LazySingleton<TClient> & { configure(options: ClientOptions): void };
  readonly #definition: ClientDefinition<TClient, TSdk>;
  readonly #hooks = new Set<ClientCreateHook<TClient>>();
  // The SDK module once loaded (a box, since the module itself may be `undefined`).
  #loaded: { readonly sdk: TSdk } | undefined;
  #loading: Promise<TSdk> | undefined;

  constructor(definition: ClientDefinition<TClient, TSdk>) {
    const { name } = definition;
    this.name = name;
    this.#definition = definition;
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
    if (!this.#loaded && !this.#singleton.isCreated()) await this.sdk();
    return this.#singleton.get();
  }

  sdk(): Promise<TSdk> {
    if (this.#loaded) return Promise.resolve(this.#loaded.sdk);
    const load = this.#definition.load as () => Promise<TSdk>;
    this.#loading ??= load().then(
      (sdk) => {
        this.#loaded = { sdk };
        return sdk;
      },
      (error: unknown) => {
        this.#loading = undefined;
        throw toCreationError(this.name, error);
      },
    );
    return this.#loading;
  }

  configure(options: ClientOptions): void {
    if (this.#singleton.isCreated()) throw InvalidConfigError.tooLate([this.name]);
    if (this.#definition.configureVia) this.#definition.configureVia.configure(options);
    else this.#singleton.configure(options);
  }

  inject(client: TClient): void {
    this.#singleton.inject(client);
  }

  reset(): void {
    this.#singleton.reset();
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

  #create(overrides: ClientOptions): TClient {
    if (!this.#loaded) {
      throw new AwsCoreError(
        `The ${this.name} client loads its SDK on first use: await its get() (or prime() it at init) before reading .client`,
      );
    }
    const { name } = this;
    const definition = this.#definition;
    const startedAt = performance.now();
    const created = definition.create(
      resolveClientConfig(name, definition.defaults, overrides),
      this.#loaded.sdk,
    );
    const creation = {
      name,
      createdAt: new Date(),
      durationMs: performance.now() - startedAt,
      coldStart: isColdStart(),
    };
    const client = runCreateHooks(created, creation, this.#hooks);
    if (isSdkClient(client)) addDeadlineMiddleware(client, name);
    recordCreation(creation);
    return client;
  }
}
