// Text → PDF glyph codes, once per word and process: the part of drawing text that does not depend on the document.
//
// A TrueType face is embedded with its glyph ids kept (see trueTypeSubset.ts), so a word's codes are its glyph ids
// and its TJ string (codes with kerning adjustments) is the same in every document: it is computed once and reused.
import { BoundedCache } from '../cache/boundedCache.js';
import type * as fontkit from 'fontkit';
import { pdfNumber } from './pdfNumber.js';
import { trueTypeTables, type TrueTypeTables } from './trueTypeSubset.js';

/** A glyph's position in thousandths of the font size (PDF text space units), as TJ and Tm need them. */
export interface Placement {
  /** Advance to the next glyph, kerning included. */
  xAdvance: number;
  /** The glyph's own advance (its width in the font's W array). */
  width: number;
  xOffset: number;
  yOffset: number;
}

/** A run of glyphs encoded for a content stream. */
export interface EncodedRun {
  /** TJ array elements (hex codes, kerning adjustments between), or null when a glyph sits off its advance (a mark). */
  tj: string | null;
  /** Hex code per glyph and its placement, for drawing glyph by glyph: only kept when `tj` is null. */
  codes?: readonly string[];
  placements?: readonly Placement[];
  /** Advance of the whole run in thousandths of the font size. */
  advance: number;
  /** The glyphs and the characters each stands for (the ToUnicode map); empty when pdfkit embeds the font. */
  glyphs: readonly EncodedGlyph[];
  /**
   * The glyphs' ids, in one array of small integers: a document's glyph bookkeeping reads every drawn glyph's id, and
   * an array read costs less than following each glyph object (scattered over the heap) to its id.
   */
  ids: readonly number[];
}

/** A glyph id and the characters it shows (several for a ligature). */
export interface EncodedGlyph {
  id: number;
  codePoints: readonly number[];
}

/**
 * A drawn text (a line, or the part of one in one style) encoded: its runs. Their TJ elements are written one after
 * the other, not joined: a joined copy per line would be made for every new line and kept by the cache.
 */
export interface EncodedLine {
  runs: readonly EncodedRun[];
}

/** Words kept per face and cache generation (~150 bytes each): a batch's common words (see MAX_CACHED_WIDTHS in fontkitMetrics.ts). */
const MAX_CACHED_WORDS = 4_096;
/**
 * Lines kept per face and cache generation: a layout's boilerplate (sidebar, letterhead, footer, running heads) is
 * drawn in every document of a batch, and a line met again is not split into words again. A few
 * hundred lines a layout: body lines, met once, pass through, and the boilerplate is found again in every document
 * and so stays (4,096 per generation held ~2.5 MB of body lines in a worker's live heap).
 */
const MAX_CACHED_LINES = 512;

/** What a TrueType face's words are encoded with: its tables (advances), and its lines and words, each encoded once. */
interface FaceEncoder {
  tables: TrueTypeTables;
  line: (text: string) => EncodedLine;
  word: (text: string) => EncodedRun;
}

const encoders = new WeakMap<fontkit.Font, FaceEncoder | null>();

/** The tables of a face embedded with its own glyph ids, or undefined for a face pdfkit must embed (CFF outlines). */
export function ownTables(font: fontkit.Font): TrueTypeTables | undefined {
  return encoderOf(font)?.tables;
}

function encoderOf(font: fontkit.Font): FaceEncoder | null {
  let encoder = encoders.get(font);
  if (encoder === undefined) {
    const tables = trueTypeTables(font);
    encoder = tables ? faceEncoder(font, tables) : null;
    encoders.set(font, encoder);
  }
  return encoder;
}

/**
 * The runs of `text` in a TrueType face, remembered per text (see MAX_CACHED_LINES): its words and its spaces, each
 * shaped on its own as layout measured them (so a word's glyphs land where layout put it, and a word layout measured
 * is shaped once). Each word is encoded once per process. A text of one word (and the space after it) is looked up
 * among the words only: justified lines are drawn word by word, and such words, met once in a body, passed through
 * the remembered lines, where each cost two lookups that failed and an entry that pushed a recurring line out.
 */
export function encodeLine(font: fontkit.Font, text: string): EncodedLine {
  const encoder = encoderOf(font);
  if (!encoder) throw new Error(`encodeLine: ${font.postscriptName} has no TrueType outlines`);
  return isOneWord(text) ? { runs: encodeWords(encoder, text) } : encoder.line(text);
}

/** The encoder of a face: its lines and words, each remembered per process and generation (bounded). */
function faceEncoder(font: fontkit.Font, tables: TrueTypeTables): FaceEncoder {
  const lines = new BoundedCache<string, EncodedLine>(MAX_CACHED_LINES);
  const words = new BoundedCache<string, EncodedRun>(MAX_CACHED_WORDS);
  const encoder: FaceEncoder = {
    tables,
    line: (text) => lines.get(text, encodeText),
    word: (text) => words.get(text, encodeWordText),
  };
  const encodeText = (text: string): EncodedLine => ({ runs: encodeWords(encoder, text) });
  const encodeWordText = (word: string) => encodeWord(font, tables, word);
  return encoder;
}

/** The runs of `text`: its words and spaces, each encoded once per process. */
function encodeWords(encoder: FaceEncoder, text: string): EncodedRun[] {
  const out: EncodedRun[] = [];
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const space = isSpace(text.charCodeAt(i));
    if (space || i === text.length - 1 || isSpace(text.charCodeAt(i + 1))) {
      out.push(encoder.word(text.slice(start, i + 1)));
      start = i + 1;
    }
  }
  return out;
}

/** Whether `text` is one word, perhaps with a separator after it: none of its characters but the last separates. */
function isOneWord(text: string): boolean {
  for (let i = 0; i < text.length - 1; i++) if (isSpace(text.charCodeAt(i))) return false;
  return true;
}

/** The separators layout puts between words (space, tab). */
function isSpace(c: number): boolean {
  return c === 32 || c === 9;
}

/** A word (with the space after it, if any) shaped and encoded: its TJ elements, advance and glyphs. */
function encodeWord(font: fontkit.Font, tables: TrueTypeTables, word: string): EncodedRun {
  const shaped = font.layout(word);
  const scale = 1000 / font.unitsPerEm;
  const codes: string[] = [];
  const placements: Placement[] = [];
  shaped.glyphs.forEach((glyph, i) => {
    const p = shaped.positions[i]!;
    codes.push(hex4(glyph.id));
    placements.push({ xAdvance: p.xAdvance * scale, width: tables.advance(glyph.id) * scale, xOffset: p.xOffset * scale, yOffset: p.yOffset * scale });
  });
  const { tj, advance } = encodePlacements(codes, placements);
  // fontkit's glyph objects (id, codePoints) are kept as they are: one per glyph and font, shared by all words.
  const glyphs = shaped.glyphs;
  return encodedRun(tj, advance, glyphs, glyphs.map((g) => g.id), tj === null ? codes : undefined, tj === null ? placements : undefined);
}

/** An encoded run, always made here, so that every run has the same shape (one hidden class for V8 to expect). */
export function encodedRun(tj: string | null, advance: number, glyphs: readonly EncodedGlyph[], ids: readonly number[], codes?: readonly string[], placements?: readonly Placement[]): EncodedRun {
  return { tj, codes, placements, advance, glyphs, ids };
}

/** The TJ elements and advance of placed glyph codes; `tj` is null when a glyph is placed off its advance. */
export function encodePlacements(codes: readonly string[], placements: readonly Placement[]): { tj: string | null; advance: number } {
  // Parts joined once: a string grown with += is a tree of pieces, and cached words would keep every piece alive.
  const parts: string[] = [];
  let from = 0;
  let advance = 0;
  let offset = false;
  placements.forEach((p, i) => {
    if (p.xOffset || p.yOffset) offset = true;
    const kern = p.xAdvance - p.width;
    if (kern !== 0) {
      parts.push(`<${codes.slice(from, i + 1).join('')}>${pdfNumber(-kern)}`);
      from = i + 1;
    }
    advance += p.xAdvance;
  });
  if (from < codes.length) parts.push(`<${codes.slice(from).join('')}>`);
  return { tj: offset ? null : parts.join(''), advance };
}

/** A glyph id or CID as four hex digits (Identity-H codes). */
export function hex4(n: number): string {
  return n.toString(16).padStart(4, '0');
}
