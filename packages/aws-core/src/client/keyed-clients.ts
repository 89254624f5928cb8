/** What the cache needs of a keyed client. */
interface KeyedClient {
  reset(): void;
}

/** Keyed clients kept when neither the client nor the shared defaults say how many. */
export const DEFAULT_MAX_KEYED_CLIENTS = 10;

/**
 * The clients one client made with `for(key)`, by region and key name: a bounded cache that
 * drops the least recently asked for. Two map levels on the key's own strings, whose hashes
 * V8 keeps, rather than one map on a joined string that would be built and hashed on every
 * lookup. A lookup stamps its entry with a counter rather than reordering the maps; the scan
 * for the oldest runs only when a new key overflows the bound, and the bound is small.
 */
export class KeyedClients<T extends KeyedClient> {
  readonly #byRegion = new Map<string, Map<string, Entry<T>>>();
  #size = 0;
  #clock = 0;

  /** @param release - forgets a dropped client and closes its connections. */
  constructor(private readonly release: (client: T) => void) {}

  get(region: string | undefined, name: string | undefined): T | undefined {
    const entry = this.#byRegion.get(region ?? "")?.get(name ?? "");
    if (entry === undefined) return undefined;
    entry.used = ++this.#clock;
    return entry.client;
  }

  /** Adds a client, dropping (and releasing) the least recently used beyond `limit`. */
  add(region: string | undefined, name: string | undefined, client: T, limit: number): void {
    const byName = this.#byRegion.get(region ?? "") ?? new Map<string, Entry<T>>();
    this.#byRegion.set(region ?? "", byName);
    byName.set(name ?? "", { client, used: ++this.#clock });
    this.#size += 1;
    while (this.#size > limit) this.#dropOldest();
  }

  /** Releases the client of a region and name, if it is here. */
  drop(region: string | undefined, name: string | undefined): void {
    const byName = this.#byRegion.get(region ?? "");
    const entry = byName?.get(name ?? "");
    if (byName === undefined || entry === undefined) return;
    byName.delete(name ?? "");
    if (byName.size === 0) this.#byRegion.delete(region ?? "");
    this.#size -= 1;
    this.release(entry.client);
  }

  /** Forgets every client (`reset()`, `resetAll()`): those handed out keep working. */
  clear(): void {
    for (const byName of this.#byRegion.values())
      for (const { client } of byName.values()) client.reset();
    this.#byRegion.clear();
    this.#size = 0;
  }

  #dropOldest(): void {
    let oldest: [string, string, number] | undefined;
    for (const [region, byName] of this.#byRegion)
      for (const [name, { used }] of byName)
        if (!oldest || used < oldest[2]) oldest = [region, name, used];
    if (oldest) this.drop(oldest[0] || undefined, oldest[1] || undefined);
  }
}

interface Entry<T> {
  readonly client: T;
  used: number;
}
