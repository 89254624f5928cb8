import type { ClientOptions, SdkClientConfig } from "../config/types";
import { SingletonCreationError } from "../errors/errors";
import { type DefinedClient, defineClient } from "./define-client";

/** How a client whose SDK module loads on first use is declared; see {@link defineLoadOnUseClient}. */
export interface LoadOnUseClientDefinition<TClient, TSdk> {
  /** Name in errors and in the registry, e.g. `"bedrock-runtime"`. */
  readonly name: string;
  /**
   * Imports the SDK parts, e.g. `() => import("./sqs-sdk.js")`, a module of yours that
   * re-exports what you use of `@aws-sdk/client-sqs`. Runs once, on first use; concurrent
   * first uses share it; a failed import is tried again by the next use.
   */
  readonly load: () => Promise<TSdk>;
  /** Builds the client from the loaded module and the resolved configuration; runs once. */
  readonly create: (sdk: TSdk, config: SdkClientConfig) => TClient;
  /** Defaults of this service that differ from the shared ones. */
  readonly defaults?: ClientOptions;
}

/**
 * A client whose SDK code is loaded on first use: {@link DefinedClient}'s configuration,
 * injection, hooks and registry, with an async accessor in place of `client`.
 */
export interface LoadOnUseClient<TClient, TSdk>
  extends Omit<DefinedClient<TClient>, "client" | "get"> {
  /**
   * The client: loads the SDK module (first use only), then creates the client (once).
   * An injected client is returned without loading anything.
   *
   * @throws {@link SingletonCreationError} when the module cannot be loaded or the client
   *   cannot be created; the next call tries again.
   */
  readonly get: () => Promise<TClient>;
  /** The SDK module, loaded on first use: where a handler finds the command classes. */
  readonly sdk: () => Promise<TSdk>;
  /** Whether the SDK module has been loaded, without loading it. */
  readonly isLoaded: () => boolean;
}

/**
 * Declares a client whose SDK module is imported the first time it is used, not when the
 * handler's code loads: a function with several routes pays for a service's SDK only in the
 * container that first serves a route using it. In a bundle built with code splitting
 * (`lambdaBuildOptions()` from `@org/aws-core/esbuild`), the module is a separate chunk.
 *
 * `load` is best an import of a module of your own that names the SDK parts you use
 * (`export { SQSClient, SendMessageCommand } from "@aws-sdk/client-sqs"`): `import()` of the
 * whole SDK module makes a bundler keep every one of its commands.
 *
 * @example
 * ```ts
 * import { defineLoadOnUseClient } from "@org/aws-core";
 *
 * export const sqs = defineLoadOnUseClient({
 *   name: "sqs",
 *   load: () => import("./sqs-sdk.js"), // export { SQSClient, SendMessageCommand } from "@aws-sdk/client-sqs"
 *   create: (sdk, config) => new sdk.SQSClient(config),
 * });
 *
 * // in a route that sends messages:
 * const [client, { SendMessageCommand }] = await Promise.all([sqs.get(), sqs.sdk()]);
 * await client.send(new SendMessageCommand({ QueueUrl, MessageBody }));
 * ```
 */
export function defineLoadOnUseClient<TClient, TSdk>(
  definition: LoadOnUseClientDefinition<TClient, TSdk>,
): LoadOnUseClient<TClient, TSdk> {
  const { name } = definition;
  let loaded: { readonly sdk: TSdk } | undefined;
  let loading: Promise<TSdk> | undefined;

  const sdk = (): Promise<TSdk> => {
    if (loaded) return Promise.resolve(loaded.sdk);
    loading ??= definition.load().then(
      (module) => {
        loaded = { sdk: module };
        return module;
      },
      (error: unknown) => {
        loading = undefined;
        throw new SingletonCreationError(name, error);
      },
    );
    return loading;
  };
  // Created only by `get()`, after the module has loaded.
  const client = defineClient({
    name,
    ...(definition.defaults && { defaults: definition.defaults }),
    create: (config) => definition.create((loaded as { sdk: TSdk }).sdk, config),
  });

  return {
    name,
    async get() {
      if (!client.isCreated()) await sdk();
      return client.get();
    },
    sdk,
    isLoaded: () => loaded !== undefined,
    configure: (options) => client.configure(options),
    inject: client.inject,
    reset: client.reset,
    isCreated: client.isCreated,
    peek: client.peek,
    onCreate: (hook) => client.onCreate(hook),
  };
}
