// The byte buffer page content and files are written into (src/draw/byteWriter.ts): text as latin1, growth, reuse.
import { describe, expect, it } from 'vitest';
import { ByteWriter } from '../../src/draw/byteWriter.js';
import { pdfNumber } from '../../src/draw/pdfNumber.js';

describe('ByteWriter', () => {
  it('writes text one byte per character, as Buffer does in latin1', () => {
    const w = ByteWriter.take();
    const text = 'BT /T1 9 Tf \xfe\xff (\u0142)';
    // Long text is copied by native code, short text by a loop: both the same way.
    const long = `[<00410042>-12<0043> (\u0142\u20ac\xe9)] TJ ${'<0044>'.repeat(40)}`;
    w.text(text).space().number(0.1234567).newline().text(long);
    expect(Buffer.from(w.copy())).toEqual(Buffer.from(`${text} 0.123457\n${long}`, 'latin1'));
    w.release();
  });

  it('keeps what was written when it grows, whatever wrote last', () => {
    const w = ByteWriter.take();
    const chunk = new Uint8Array(50_000).fill(7);
    const expected: number[] = [];
    for (let i = 0; i < 5; i++) {
      w.bytes(chunk).newline().text('ab').space().text('c'.repeat(30));
      expected.push(...chunk, 0x0a, 0x61, 0x62, 0x20, ...Array(30).fill(0x63));
    }
    expect(w.length).toBe(expected.length);
    expect(Array.from(w.view())).toEqual(expected);
    w.release();
  });

  it('starts empty on a reused buffer', () => {
    const a = ByteWriter.take();
    a.text('left over');
    a.release();
    const b = ByteWriter.take();
    expect(b.length).toBe(0);
    expect(b.copy()).toEqual(new Uint8Array(0));
    b.release();
  });

  it('writes every number with the very characters of pdfNumber, digit by digit', () => {
    // A deterministic spread: coordinates, sizes, tiny and huge values, negatives, halves at the sixth decimal.
    let seed = 7;
    const random = () => (seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0) / 2 ** 32;
    const values = [0, -0, 1, -1, 0.5, 1e-7, -1e-7, 4e-7, 5e-7, -5e-7, 0.000001, 39.685039, 313.984803, 7.5, 1e6, 999999.9999995, 123456789.123456, 999999999.999999, 1e9, 2 ** 40 + 0.25, 1e15, -1e20, 1e21, Number.MAX_SAFE_INTEGER];
    for (let i = 0; i < 20_000; i++) {
      const scale = 10 ** Math.floor(random() * 12 - 4);
      values.push((random() - 0.5) * scale, Math.round(random() * 1e7) / 1e6 + 5e-7);
    }
    const w = ByteWriter.take();
    for (const v of values) w.number(v).space();
    expect(Buffer.from(w.copy()).toString('latin1')).toBe(values.map((v) => `${pdfNumber(v)} `).join(''));
    w.release();
    expect(() => ByteWriter.take().number(Number.NaN)).toThrow(/cannot write NaN/);
  });
});
