// Shaping by HarfBuzz: glyphs, advances and kerning as the font says, and each glyph knowing the characters it stands
// for (what a PDF's ToUnicode map, hence copy and search, is built from).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as fontkit from 'fontkit';
import { beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_FONTS_DIR } from '../../src/render.js';
import { createShaper, loadHarfBuzz, type Shaper } from '../../src/typeset/harfBuzzShaping.js';

let shape: Shaper;
let font: fontkit.Font;

beforeAll(async () => {
  const bytes = readFileSync(join(DEFAULT_FONTS_DIR, 'NotoSans-Regular.ttf'));
  font = fontkit.create(bytes) as fontkit.Font;
  const cmap = (font as unknown as { _cmapProcessor: { codePointsForGlyph(id: number): number[] } })._cmapProcessor;
  shape = createShaper(await loadHarfBuzz(), bytes, (id) => font.getGlyph(id).advanceWidth, (id) => cmap.codePointsForGlyph(id));
});

const text = (codePoints: readonly number[]) => String.fromCodePoint(...codePoints);

describe('HarfBuzz shaping', () => {
  it('should give each plain letter its own glyph, its cmap glyph, its hmtx advance and its character', () => {
    const run = shape('Strasbourg');
    expect(run.glyphs.map((g) => g.id)).toEqual([...'Strasbourg'].map((c) => font.glyphForCodePoint(c.codePointAt(0)!).id));
    expect(run.glyphs.map((g) => text(g.codePoints)).join('')).toBe('Strasbourg');
    for (const g of run.glyphs) expect(g.advanceWidth).toBe(font.getGlyph(g.id).advanceWidth);
    // Without kerning, the pen moves by each glyph's own advance.
    expect(shape('Strasbourg', { kern: false }).positions.map((p) => p.xAdvance)).toEqual(run.glyphs.map((g) => g.advanceWidth));
  });

  it('should kern a pair the font kerns', () => {
    const kerned = shape('AV').positions.reduce((w, p) => w + p.xAdvance, 0);
    const unkerned = shape('AV', { kern: false }).positions.reduce((w, p) => w + p.xAdvance, 0);
    expect(kerned).toBeLessThan(unkerned);
  });

  it('should set a ligature as one glyph standing for both letters, and not when the feature is turned off', () => {
    const run = shape('office');
    expect(run.glyphs.map((g) => text(g.codePoints))).toEqual(['o', 'ffi', 'c', 'e']);
    expect(shape('office', { liga: false }).glyphs.map((g) => text(g.codePoints))).toEqual(['o', 'f', 'f', 'i', 'c', 'e']);
  });

  it('should keep a combining mark its own character, so the base letter maps to itself alone', () => {
    const run = shape('e\u0301\u0323x');
    expect(run.glyphs.map((g) => text(g.codePoints)).join('')).toBe('e\u0301\u0323x');
    expect(text(run.glyphs[0]!.codePoints)).toBe('e');
  });

  it('should shape characters beyond the Basic Multilingual Plane as one character each', () => {
    // Mathematical bold A (U+1D400) is not in Noto Sans: HarfBuzz gives glyph 0 for it, standing for that character.
    const run = shape('a\u{1D400}b');
    expect(run.glyphs.map((g) => g.codePoints)).toEqual([[0x61], [0x1d400], [0x62]]);
    expect(run.glyphs[1]!.id).toBe(0);
  });
});
