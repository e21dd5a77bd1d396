// The two-generation bounded cache behind every per-process memo (widths, hyphenation, encoded words and lines, paragraphs).
import { describe, expect, it } from 'vitest';
import { BoundedCache } from '../../src/cache/boundedCache.js';

/** A cache of `max` entries per generation that counts how often each key is computed. */
function counting(max: number, weigh?: (value: string, key: string) => number) {
  const computed = new Map<string, number>();
  const cache = new BoundedCache<string, string>(max, weigh);
  const get = (key: string) =>
    cache.get(key, (k) => {
      computed.set(k, (computed.get(k) ?? 0) + 1);
      return k.toUpperCase();
    });
  return { cache, get, computed };
}

describe('BoundedCache', () => {
  it('should compute a key once while it is remembered', () => {
    const { get, computed } = counting(10);
    expect(get('a')).toBe('A');
    expect(get('a')).toBe('A');
    expect(computed.get('a')).toBe(1);
  });

  it('should keep a key met in every generation across the turns that drop the others', () => {
    const { get, computed, cache } = counting(4);
    // "the" recurs among a stream of words met once: each turn of a generation would drop it from a cleared map.
    for (let i = 0; i < 100; i++) {
      get('the');
      get(`word${i}`);
    }
    expect(computed.get('the')).toBe(1);
    // Words met once are forgotten after two turns.
    expect(cache.peek('word0')).toBeUndefined();
    expect(cache.peek('word99')).toBe('WORD99');
  });

  it('should hold at most two generations of entries, by weight', () => {
    const { get, cache } = counting(10, (value) => value.length);
    for (let i = 0; i < 1000; i++) get(`k${i}`);
    let remembered = 0;
    for (let i = 0; i < 1000; i++) if (cache.peek(`k${i}`) !== undefined) remembered++;
    // Values of 4 characters weigh 4: 2 fit in a generation of weight 10, so at most 4 are remembered in both
    // (a peek that copies an old entry into the current generation keeps to the same bound).
    expect(remembered).toBeLessThanOrEqual(4);
    expect(remembered).toBeGreaterThan(0);
  });

  it('should keep an entry heavier than a whole generation, alone', () => {
    const cache = new BoundedCache<string, string>(3, (v) => v.length);
    cache.set('big', 'too heavy');
    expect(cache.peek('big')).toBe('too heavy');
    cache.set('next', 'x');
    expect(cache.peek('next')).toBe('x');
  });

  it('should count an unweighted generation by its entries: a replaced key takes no more room', () => {
    const cache = new BoundedCache<string, number>(3);
    cache.set('a', 1);
    // Replacing "a" many times must not fill the generation (the weight once grew with every set).
    for (let i = 0; i < 10; i++) cache.set('a', i);
    cache.set('b', 1);
    cache.set('c', 1);
    // Three distinct keys fit: nothing has turned, so a fourth turns the generation and all three are still found.
    expect([cache.peek('a'), cache.peek('b'), cache.peek('c')]).toEqual([9, 1, 1]);
    cache.set('d', 1);
    cache.set('e', 1);
    cache.set('f', 1);
    cache.set('g', 1);
    // Two turns later, a key not met since is gone; the bound is two generations of three.
    expect(cache.peek('a')).toBeUndefined();
    let remembered = 0;
    for (const k of 'abcdefg') if (cache.peek(k) !== undefined) remembered++;
    expect(remembered).toBeLessThanOrEqual(6);
  });
});
