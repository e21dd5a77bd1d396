import { describe, expect, it } from 'vitest';
import { deflateSync, inflateSync } from 'node:zlib';
import { deflateToKeep } from '../../src/draw/deflateToKeep.js';

describe('deflateToKeep', () => {
  const cmapText = Buffer.from('/CIDInit /ProcSet findresource begin\n'.repeat(40), 'latin1');

  it('keeps no more memory than the compressed bytes take', () => {
    // zlib's own output of a small input is a view into a 16 kB chunk: that is what a cache would otherwise keep.
    expect(deflateSync(cmapText).buffer.byteLength).toBeGreaterThan(deflateSync(cmapText).byteLength);
    const kept = deflateToKeep(cmapText);
    expect(kept.buffer.byteLength).toBe(kept.byteLength);
    expect(kept.byteOffset).toBe(0);
  });

  it('gives the same bytes as zlib, which inflate back to the input', () => {
    const kept = deflateToKeep(cmapText);
    expect(Buffer.compare(kept, deflateSync(cmapText))).toBe(0);
    expect(Buffer.compare(inflateSync(kept), cmapText)).toBe(0);
  });

  it('keeps a large output as zlib made it (already a buffer of its own)', () => {
    const noise = Buffer.from(Array.from({ length: 60_000 }, (_, i) => (i * 7919) % 251));
    const kept = deflateToKeep(noise);
    expect(kept.buffer.byteLength).toBe(kept.byteLength);
    expect(Buffer.compare(inflateSync(kept), noise)).toBe(0);
  });
});
