// A fixed-width fake FontMetrics for unit tests: every code point is 0.5 em wide, so line breaks and pages are exact numbers.
import type { FontFace, FontMetrics } from '../../src/typeset/fonts.js';

/** Advance of every character, as a fraction of the font size. */
export const FAKE_ADVANCE = 0.5;
/** Ascent above the baseline, as a fraction of the font size. */
export const FAKE_ASCENT = 0.8;
/** Descent below the baseline, as a fraction of the font size. */
export const FAKE_DESCENT = 0.2;

/** Options of the fake metrics. */
export interface FakeMetricsOptions {
  /** Code points the faces have no glyph for (every other one is present). */
  missingGlyphs?: Iterable<number>;
  /** Families that do not exist (resolve skips them); every other family name exists. */
  missingFamilies?: Iterable<string>;
}

/** Builds fake metrics: one face per family, weight (400 or 700) and style, created once and reused. */
export function createFakeMetrics(options: FakeMetricsOptions = {}): FontMetrics {
  const missing = new Set(options.missingGlyphs ?? []);
  const absent = new Set([...(options.missingFamilies ?? [])].map((f) => f.toLowerCase()));
  const faces = new Map<string, FontFace>();
  return {
    resolve(families, weight, italic) {
      const family = families.find((f) => !absent.has(f.toLowerCase()));
      if (family === undefined) return undefined;
      const bold = weight >= 600 ? 700 : 400;
      const key = `${family}-${bold}-${italic ? 'italic' : 'normal'}`;
      let face = faces.get(key);
      if (!face) faces.set(key, (face = { key, family, weight: bold, italic, ascent: FAKE_ASCENT, descent: FAKE_DESCENT, handle: null }));
      return face;
    },
    widthOf(_face, text) {
      return [...text].length * FAKE_ADVANCE;
    },
    hasGlyph(_face, codePoint) {
      return !missing.has(codePoint);
    },
  };
}
