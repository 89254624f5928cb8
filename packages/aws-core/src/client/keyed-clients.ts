/** What the cache needs of a keyed client. */
interface KeyedClient {
  reset(): void;
  peek(): unknown;
}

/** Keyed clients kept when neither the client nor the shared defaults say how many. */
export const DEFAULT_MAX_KEYED_CLIENTS = 10;

/**
 * The clients one client made with `for(key)`, by key id: a bounded cache that drops the
 * least recently asked for. A lookup stamps its entry with a counter rather than reordering
 * the map, so a hit costs a map read and a write; the scan for the oldest runs only when a
 * new key overflows the bound, and the bound is small.
 */
export class KeyedClients<T extends KeyedClient> {
  readonly #entries = new Map<string, { readonly client: T; used: number }>();
  #clock = 0;

  /** @param release - forgets a dropped client and closes its connections. */
  constructor(private readonly release: (client: T) => void) {}

  get(id: string): T | undefined {
    const entry = this.#entries.get(id);
    if (entry === undefined) return undefined;
    entry.used = ++this.#clock;
    return entry.client;
  }

  /** Adds a client, dropping (and releasing) the least recently used beyond `limit`. */
  add(id: string, client: T, limit: number): void {
    this.#entries.set(id, { client, used: ++this.#clock });
    while (this.#entries.size > limit) this.#dropOldest();
  }

  /** Releases the client of `id`, if it is here. */
  drop(id: string): void {
    const entry = this.#entries.get(id);
    if (entry === undefined) return;
    this.#entries.delete(id);
    this.release(entry.client);
  }

  /** Whether one of the clients has created its SDK client. */
  isInUse(): boolean {
    for (const { client } of this.#entries.values()) if (client.peek() !== undefined) return true;
    return false;
  }

  /** Forgets every client (`reset()`, `resetAll()`): those handed out keep working. */
  clear(): void {
    for (const { client } of this.#entries.values()) client.reset();
    this.#entries.clear();
  }

  #dropOldest(): void {
    let oldest: string | undefined;
    let oldestUse = Number.POSITIVE_INFINITY;
    for (const [id, { used }] of this.#entries) {
      if (used < oldestUse) [oldest, oldestUse] = [id, used];
    }
    if (oldest !== undefined) this.drop(oldest);
  }
}
