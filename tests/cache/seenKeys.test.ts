// Keys met once, by hash: what lets memos remember only what recurs.
import { describe, expect, it } from 'vitest';
import { SeenKeys, fnv1a } from '../../src/cache/seenKeys.js';

describe('SeenKeys', () => {
  it('should tell a key met before from a new one', () => {
    const seen = new SeenKeys(10);
    expect(seen.metBefore('letterhead 161a07')).toBe(false);
    expect(seen.metBefore('letterhead 161a08')).toBe(false);
    expect(seen.metBefore('letterhead 161a07')).toBe(true);
  });

  it('should start over past its bound, forgetting what it had met', () => {
    const seen = new SeenKeys(3);
    for (const k of ['a', 'b', 'c']) seen.metBefore(k);
    expect(seen.metBefore('d')).toBe(false);
    expect(seen.metBefore('a')).toBe(false);
  });
});

describe('fnv1a', () => {
  it('should give FNV-1a 32 of the UTF-16 units, and continue a hash', () => {
    // Published FNV-1a 32-bit values for one-byte texts.
    expect(fnv1a('')).toBe(0x811c9dc5);
    expect(fnv1a('a')).toBe(0xe40c292c);
    expect(fnv1a('foobar')).toBe(0xbf9cf968);
    expect(fnv1a('bar', fnv1a('foo'))).toBe(fnv1a('foobar'));
  });
});
