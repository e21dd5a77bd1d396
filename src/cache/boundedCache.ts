// A process-wide memo of pure sub-work (a word's width or hyphenation, a paragraph's lines) that cannot grow without bound.

/**
 * A map of two generations, each holding entries that weigh up to `max` in all (each weighs 1 unless `weigh` says
 * otherwise). When the current generation is full it becomes the old one and the oldest is dropped; an entry found
 * in the old generation is copied into the current one. Recurring keys (a batch's common words, a layout's boilerplate)
 * so survive the turn of a generation, where a map cleared when full lost them all at once and computed them again;
 * endless input still costs bounded memory (at most twice `max`).
 *
 * Lookups are most of a cache's cost (a word's string is hashed, then found in a map of thousands): an insert after a
 * miss does not look the key up again, and when every entry weighs 1 the generation's weight is its map's size.
 */
export class BoundedCache<K, V> {
  private current = new Map<K, V>();
  private old = new Map<K, V>();
  /** Weight of the current generation, when entries have weights of their own. */
  private weight = 0;

  constructor(
    private readonly max: number,
    private readonly weigh?: (value: V, key: K) => number,
  ) {}

  /** The value remembered for `key`, if any. */
  peek(key: K): V | undefined {
    const value = this.current.get(key);
    if (value !== undefined || this.old.size === 0) return value;
    return this.revive(key);
  }

  /** Remembers `value` for `key`, in place of any value it had. */
  set(key: K, value: V): void {
    if (this.weigh) {
      const previous = this.current.get(key);
      if (previous !== undefined) this.weight -= this.weigh(previous, key);
    } else if (this.current.has(key)) {
      // Replaced in place: the generation weighs as much as before.
      this.current.set(key, value);
      return;
    }
    this.add(key, value);
  }

  /** The value for `key`, computed by `compute` (which must depend on the key alone) when not known. */
  get(key: K, compute: (key: K) => V): V {
    let value = this.peek(key);
    if (value === undefined) {
      value = compute(key);
      // Not looked up again: should `compute` have remembered this very key, the entry is replaced and only its
      // weight counted twice, which turns the generation a little sooner.
      this.add(key, value);
    }
    return value;
  }

  /**
   * Copies `key`'s entry from the old generation into the current one, if the old one has it. It is not deleted
   * there: the old generation is dropped whole at the next turn, and a delete cost as much as the lookup.
   */
  private revive(key: K): V | undefined {
    const value = this.old.get(key);
    if (value !== undefined) this.add(key, value);
    return value;
  }

  /** Adds an entry whose key the current generation does not hold, turning the generation first when it is full. */
  private add(key: K, value: V): void {
    const weight = this.weigh ? this.weigh(value, key) : 1;
    const used = this.weigh ? this.weight : this.current.size;
    if (used + weight > this.max && this.current.size > 0) {
      this.old = this.current;
      this.current = new Map();
      this.weight = 0;
    }
    this.current.set(key, value);
    if (this.weigh) this.weight += weight;
  }
}
