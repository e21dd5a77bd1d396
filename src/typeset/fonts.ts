// Font metrics as layout sees them: an interface (fontkit behind it here, a fixed-width fake in unit tests).

/** One font face: a family in one weight and style. */
export interface FontFace {
  /** A unique, stable key (used in caches and in drawing). */
  key: string;
  family: string;
  /** 400 regular, 700 bold. */
  weight: number;
  italic: boolean;
  /** Ascent above the baseline, as a fraction of the font size. */
  ascent: number;
  /** Descent below the baseline, as a positive fraction of the font size. */
  descent: number;
  /** The engine's font object, for drawing (opaque to layout). */
  handle: unknown;
}

/** What layout needs to know about fonts. */
export interface FontMetrics {
  /** The face of the first family in `families` that exists, closest in weight and style; undefined if none. */
  resolve(families: string[], weight: number, italic: boolean): FontFace | undefined;
  /** Advance width of `text` set in `face` at 1 pt (kerning and ligatures applied). */
  widthOf(face: FontFace, text: string): number;
  /** True when the face has a glyph for the code point. */
  hasGlyph(face: FontFace, codePoint: number): boolean;
}
