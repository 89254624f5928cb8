import {
  AwsCoreError,
  type ClientCreateHook,
  type ClientKey,
  type ClientOptions,
  type LazyClient,
} from "@org/aws-core";
import {
  InvalidConfigError,
  isSdkClient,
  SingletonCreationError,
  trackConfigured,
} from "@org/aws-core/internal";

/** What a view loads on first use: the package's client, and the SDK module it gives out. */
export interface LoadedTarget<TClient, TSdk> {
  readonly target: LazyClient<TClient, unknown>;
  readonly sdk: TSdk;
}

// A configure() or inject() made before the load, applied in order once loaded.
type PendingCall<TClient> = { readonly configure: ClientOptions } | { readonly inject: TClient };

interface PendingHook<TClient> {
  readonly hook: ClientCreateHook<TClient>;
  // Set once applied: the target's own remover.
  remove?: () => void;
}

/**
 * @internal A `LazyClient` that is a view onto another package's `LazyClient`, that package
 * imported on first use (`get()`, `sdk()`, `prime()`): the client is that package's
 * singleton, not a second one. Before the load, `configure()`, `inject()` and `onCreate()`
 * are kept and applied to it in order when it loads (before its client is created);
 * `client` throws, `peek()` is `undefined`, `reset()` forgets a pending `inject()`, and
 * `resetAll()` forgets the pending `configure()` and `inject()` calls (hooks stay, as
 * everywhere). After the load, every member is the target's.
 *
 * @example
 * ```ts
 * const documentClient = lazyClientView("dynamodb-document", async () => {
 *   const { documentClient, documentCommands } = await import("./dynamo-clients");
 *   return { target: documentClient, sdk: documentCommands };
 * });
 * ```
 */
export function lazyClientView<TClient, TSdk>(
  name: string,
  load: () => Promise<LoadedTarget<TClient, TSdk>>,
): LazyClient<TClient, TSdk> {
  return new LazyClientView(name, load);
}

// A class, as core's clients are, so that `client` is a prototype getter V8 inlines.
class LazyClientView<TClient, TSdk> implements LazyClient<TClient, TSdk> {
  readonly name: string;
  readonly #load: () => Promise<LoadedTarget<TClient, TSdk>>;
  #loaded: LoadedTarget<TClient, TSdk> | undefined;
  #loading: Promise<LoadedTarget<TClient, TSdk>> | undefined;
  // Calls before the load are options, as a client's: resetAll() forgets them.
  #pending: PendingCall<TClient>[] = [];
  readonly #hooks: PendingHook<TClient>[] = [];
  readonly #forgetPending = (): void => {
    this.#pending = [];
  };

  constructor(
    name: string,
    load: () => Promise<LoadedTarget<TClient, TSdk>>,
    loaded?: LoadedTarget<TClient, TSdk>,
  ) {
    this.name = name;
    this.#load = load;
    this.#loaded = loaded;
  }

  get client(): TClient {
    if (!this.#loaded) {
      throw new AwsCoreError(
        `The ${this.name} client of @org/aws loads its package on first use: await its get() (or prime() it at init) before reading .client`,
      );
    }
    return this.#loaded.target.client;
  }

  async get(): Promise<TClient> {
    return (await this.#ensureLoaded()).target.get();
  }

  async sdk(): Promise<TSdk> {
    return (await this.#ensureLoaded()).sdk;
  }

  configure(options: ClientOptions): void {
    if (this.#loaded) this.#loaded.target.configure(options);
    else this.#queue({ configure: { ...options } });
  }

  inject(client: TClient): void {
    if (this.#loaded) {
      this.#loaded.target.inject(client);
      return;
    }
    // The target checks it too; checking now reports the mistake where it was made.
    if (!isSdkClient(client)) {
      throw new InvalidConfigError(
        `Not an AWS SDK v3 client (no send() or middlewareStack): cannot inject "${this.name}"`,
      );
    }
    this.#queue({ inject: client });
  }

  reset(): void {
    if (this.#loaded) this.#loaded.target.reset();
    else this.#pending = this.#pending.filter((call) => !("inject" in call));
  }

  peek(): TClient | undefined {
    return this.#loaded?.target.peek();
  }

  onCreate(hook: ClientCreateHook<TClient>): () => void {
    if (this.#loaded) return this.#loaded.target.onCreate(hook);
    const pending: PendingHook<TClient> = { hook };
    this.#hooks.push(pending);
    return () => {
      if (pending.remove) return pending.remove();
      const index = this.#hooks.indexOf(pending);
      if (index >= 0) this.#hooks.splice(index, 1);
    };
  }

  // A view onto the target's keyed client: loaded with this view, so it works the same way
  // (`client` once the package is loaded, `get()` before).
  for(key: ClientKey): LazyClient<TClient, TSdk> {
    const loaded = this.#loaded;
    return new LazyClientView(
      this.name,
      async () => {
        const { target, sdk } = await this.#ensureLoaded();
        return { target: target.for(key), sdk };
      },
      loaded && { target: loaded.target.for(key), sdk: loaded.sdk },
    );
  }

  #ensureLoaded(): Promise<LoadedTarget<TClient, TSdk>> {
    if (this.#loaded) return Promise.resolve(this.#loaded);
    // Nothing is kept of a failed import (a missing chunk, say): the next use tries again.
    this.#loading ??= this.#load().then(
      (loaded) => {
        this.#loaded = loaded;
        this.#applyPending(loaded.target);
        return loaded;
      },
      (error: unknown) => {
        this.#loading = undefined;
        throw SingletonCreationError.of(this.name, error);
      },
    );
    return this.#loading;
  }

  // Applies what was called before the load, in order; every call is applied once, and the
  // first that the target refuses (an option it rejects, a configure() after its client was
  // created elsewhere) is thrown to the uses waiting for the load.
  #applyPending(target: LazyClient<TClient, unknown>): void {
    const calls = this.#pending;
    this.#pending = [];
    const hooks = this.#hooks.splice(0);
    let refused: unknown;
    const attempt = (apply: () => void) => {
      try {
        apply();
      } catch (error) {
        refused ??= error;
      }
    };
    for (const pending of hooks) {
      attempt(() => {
        pending.remove = target.onCreate(pending.hook);
      });
    }
    for (const call of calls) {
      attempt(() => {
        if ("configure" in call) target.configure(call.configure);
        else target.inject(call.inject);
      });
    }
    if (refused !== undefined) throw refused;
  }

  #queue(call: PendingCall<TClient>): void {
    this.#pending.push(call);
    // resetAll() clears what it was told after calling it: tell it again with every call.
    trackConfigured(this.#forgetPending);
  }
}
