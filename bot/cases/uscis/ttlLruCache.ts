/**
 * A small cache whose entries expire after `ttlMs` and which forgets the least recently used entry
 * beyond `maxEntries` (a Map keeps insertion order; re-inserting on read makes it an LRU list).
 */
export interface TtlLruCacheOptions {
  ttlMs: number;
  maxEntries: number;
  now: () => number;
}

export class TtlLruCache<V> {
  readonly #entries = new Map<string, { value: V; expiresAt: number }>();

  constructor(private readonly options: TtlLruCacheOptions) {}

  get size(): number {
    return this.#entries.size;
  }

  get(key: string): V | undefined {
    const entry = this.#entries.get(key);
    if (!entry) return undefined;
    this.#entries.delete(key);
    if (entry.expiresAt <= this.options.now()) return undefined;
    this.#entries.set(key, entry);
    return entry.value;
  }

  set(key: string, value: V): void {
    if (this.options.ttlMs <= 0) return;
    this.#entries.delete(key);
    this.#entries.set(key, { value, expiresAt: this.options.now() + this.options.ttlMs });
    while (this.#entries.size > this.options.maxEntries) {
      const oldest = this.#entries.keys().next();
      if (oldest.done) break;
      this.#entries.delete(oldest.value);
    }
  }
}
