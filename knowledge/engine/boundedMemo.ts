/**
 * Remembers what a pure function of one word returned (a stem, a correction, a fuzzy match), so
 * the words visitors type again and again cost one computation. Unknown words are unbounded in
 * number, so the memo is emptied once it holds `limit` entries: a crude bound, but a stable cost
 * per word and no growth from what strangers type. `undefined` results are remembered too.
 */
export class BoundedMemo<V> {
  private readonly entries = new Map<string, { value: V }>();

  constructor(private readonly limit: number) {}

  get(key: string, compute: (key: string) => V): V {
    const known = this.entries.get(key);
    if (known) return known.value;
    const value = compute(key);
    if (this.entries.size >= this.limit) this.entries.clear();
    this.entries.set(key, { value });
    return value;
  }
}
