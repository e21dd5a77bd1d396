// A process-wide memo of pure sub-work (a word's hyphenation, a paragraph's lines) that cannot grow without bound.

/**
 * A map that forgets everything once its entries weigh `max` in all (each weighs 1 unless `weigh` says otherwise):
 * recurring keys come back at once, endless input costs bounded memory.
 */
export class BoundedCache<K, V> {
  private readonly map = new Map<K, V>();
  private weight = 0;

  constructor(
    private readonly max: number,
    private readonly weigh: (value: V, key: K) => number = () => 1,
  ) {}

  /** The value remembered for `key`, if any. */
  peek(key: K): V | undefined {
    return this.map.get(key);
  }

  /** Remembers `value` for `key`, in place of any value it had. */
  set(key: K, value: V): void {
    if (this.map.has(key)) this.weight -= this.weigh(this.map.get(key) as V, key);
    const weight = this.weigh(value, key);
    if (this.weight + weight > this.max) {
      this.map.clear();
      this.weight = 0;
    }
    this.map.set(key, value);
    this.weight += weight;
  }

  /** The value for `key`, computed by `compute` (which must depend on the key alone) when not known. */
  get(key: K, compute: (key: K) => V): V {
    let value = this.map.get(key);
    if (value === undefined && !this.map.has(key)) {
      value = compute(key);
      this.set(key, value);
    }
    return value as V;
  }
}
