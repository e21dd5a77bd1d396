// The fonts of one document: which faces and glyphs it uses, and their PDF objects (Type 0 fonts, CID = glyph id).
import { createHash } from 'node:crypto';
import { BoundedCache } from '../cache/boundedCache.js';
import { deflateToKeep } from './deflateToKeep.js';
import type * as fontkit from 'fontkit';
import type { FontFace } from '../typeset/fonts.js';
import { hex4, ownTables, type EncodedLine } from './glyphEncoding.js';
import type { PdfkitInternals, PdfRef } from './pdfkitInternals.js';
import { dictionaryText, endWithText, numberArrayText, refText, stringText } from './pdfObjectText.js';
import { pdfNumber } from './pdfNumber.js';
import { glyphClosure, writeTrueTypeSubset, type TrueTypeTables } from './trueTypeSubset.js';

/**
 * Bytes of compressed font programs (and, apart, of ToUnicode maps) kept per face and cache generation. Documents of a
 * batch mostly use the same glyphs, but a face set in varied text (a bold title) makes a long tail of glyph sets:
 * over 3,000 corpus documents the bold face drew 413 different sets, the regular one 108. A map of 64 programs
 * cleared when full found 32 % of the bold sets and 84 % of the regular ones; two generations of 1 MB (~140 bold
 * programs each) find ~70 % and ~96 %, and a bold miss costs ~0.5 ms (its subset, then deflate at level 6).
 */
const MAX_CACHED_PROGRAM_BYTES = 1 << 20;
/** ToUnicode entries per bfchar block (the CMap format allows at most 100). */
const BFCHAR_BLOCK = 100;

/** A subset font program, compressed, and the tag naming it. */
interface FontProgram {
  tag: string;
  compressed: Uint8Array;
  length: number;
}

const programs = new WeakMap<fontkit.Font, BoundedCache<string, FontProgram>>();
/** Compressed ToUnicode maps by their text: a batch's documents mostly map the same glyphs to the same characters. */
const cmaps = new WeakMap<fontkit.Font, BoundedCache<string, Uint8Array>>();

/** A face as this document uses it. */
interface UsedFace {
  /** Resource name on the pages (T1, T2…: pdfkit's own fonts are F1…). */
  name: string;
  font: fontkit.Font;
  tables: TrueTypeTables;
  /** The Type 0 font dictionary pages refer to; written at the end, when all glyphs are known. */
  ref: PdfRef;
  /** Each glyph used, with the characters first seen for it (ToUnicode). */
  glyphs: Map<number, readonly number[]>;
  /**
   * Which glyph ids are in `glyphs`, one byte per glyph of the face: looking at every glyph drawn costs less than
   * remembering which lines and words were recorded (a set of them grew to ~35 kB a page).
   */
  recorded: Uint8Array;
}

/** Records the faces and glyphs a document draws and writes their font objects at the end. */
export class DocumentFonts {
  readonly #doc: PdfkitInternals;
  readonly #faces = new Map<FontFace, UsedFace>();

  constructor(doc: PdfkitInternals) {
    this.#doc = doc;
  }

  /** Whether the face is embedded by us (TrueType outlines) rather than by pdfkit. */
  static ownsFace(face: FontFace): boolean {
    return ownTables(face.handle as fontkit.Font) !== undefined;
  }

  /** The face's resource name on the current page; registers the face with the document on first use. */
  use(face: FontFace): string {
    let used = this.#faces.get(face);
    if (!used) {
      const font = face.handle as fontkit.Font;
      const tables = ownTables(font)!;
      used = { name: `T${this.#faces.size + 1}`, font, tables, ref: this.#doc.ref(), glyphs: new Map(), recorded: new Uint8Array(tables.numGlyphs) };
      this.#faces.set(face, used);
    }
    this.#doc.page.fonts[used.name] ??= used.ref;
    return used.name;
  }

  /** Records the glyphs of a line drawn in `face`. */
  record(face: FontFace, line: EncodedLine): void {
    const { glyphs, recorded } = this.#faces.get(face)!;
    for (const run of line.runs) {
      const ids = run.ids;
      for (let i = 0; i < ids.length; i++) {
        const id = ids[i];
        if (recorded[id]) continue;
        recorded[id] = 1;
        glyphs.set(id, run.glyphs[i].codePoints);
      }
    }
  }

  /** Writes every used face: font program, descriptor, CID font with widths, Type 0 font with its ToUnicode map. */
  finish(): void {
    for (const used of this.#faces.values()) this.#writeFace(used);
  }

  #writeFace(used: UsedFace): void {
    const doc = this.#doc;
    const { font, tables } = used;
    const ids = [...used.glyphs.keys()].sort((a, b) => a - b);
    const program = programOf(font, tables, ids);
    const scale = 1000 / font.unitsPerEm;
    const name = `${program.tag}+${(font.postscriptName ?? 'Font').replaceAll(' ', '_')}`;
    const file = doc.ref({ Length1: program.length, Filter: 'FlateDecode' });
    file.end(program.compressed);
    const bbox = font.bbox;
    // The three dictionaries are written as text (see pdfObjectText.ts), exactly as pdfkit would write them.
    const descriptor = doc.ref();
    endWithText(doc, descriptor, dictionaryText([
      ['Type', '/FontDescriptor'],
      ['FontName', `/${name}`],
      ['Flags', pdfNumber(fontFlags(font, tables))],
      ['FontBBox', numberArrayText([bbox.minX * scale, bbox.minY * scale, bbox.maxX * scale, bbox.maxY * scale])],
      ['ItalicAngle', pdfNumber(italicAngle(tables))],
      ['Ascent', pdfNumber(font.ascent * scale)],
      ['Descent', pdfNumber(font.descent * scale)],
      ['CapHeight', pdfNumber((font.capHeight || font.ascent) * scale)],
      ['XHeight', pdfNumber((font.xHeight || 0) * scale)],
      ['StemV', '0'],
      ['FontFile2', refText(file)],
    ]));
    const cidFont = doc.ref();
    endWithText(doc, cidFont, dictionaryText([
      ['Type', '/Font'],
      ['Subtype', '/CIDFontType2'],
      ['BaseFont', `/${name}`],
      ['CIDSystemInfo', dictionaryText([['Registry', stringText('Adobe')], ['Ordering', stringText('Identity')], ['Supplement', '0']])],
      ['FontDescriptor', refText(descriptor)],
      ['W', widthArrayText(ids, (id) => tables.advance(id) * scale)],
      ['CIDToGIDMap', '/Identity'],
    ]));
    const toUnicode = doc.ref({ Filter: 'FlateDecode' });
    toUnicode.end(compressedCmap(font, toUnicodeCmap(used.glyphs, ids)));
    endWithText(doc, used.ref, dictionaryText([
      ['Type', '/Font'],
      ['Subtype', '/Type0'],
      ['BaseFont', `/${name}`],
      ['Encoding', '/Identity-H'],
      ['DescendantFonts', `[${refText(cidFont)}]`],
      ['ToUnicode', refText(toUnicode)],
    ]));
  }
}

/** The compressed subset program for exactly these glyphs, made once per face and glyph set. */
function programOf(font: fontkit.Font, tables: TrueTypeTables, ids: readonly number[]): FontProgram {
  const glyphs = glyphClosure(tables, ids);
  const key = glyphs.join(',');
  return cacheOf(programs, font, programBytes).get(key, () => {
    const bytes = writeTrueTypeSubset(tables, glyphs);
    return { tag: subsetTag(font, key), compressed: deflateToKeep(bytes), length: bytes.length };
  });
}

/** A ToUnicode map deflated, once per face and map text. */
function compressedCmap(font: fontkit.Font, text: string): Uint8Array {
  return cacheOf(cmaps, font, byteLength).get(text, () => deflateToKeep(Buffer.from(text, 'latin1')));
}

/** What an entry of those caches weighs, beside its key. */
const programBytes = (program: FontProgram) => program.compressed.byteLength;
const byteLength = (bytes: Uint8Array) => bytes.byteLength;

/** The face's cache in `store`, made on first use: bounded by the bytes its values and keys weigh (MAX_CACHED_PROGRAM_BYTES). */
function cacheOf<T>(store: WeakMap<fontkit.Font, BoundedCache<string, T>>, font: fontkit.Font, bytesOf: (value: T) => number): BoundedCache<string, T> {
  let cache = store.get(font);
  if (!cache) store.set(font, (cache = new BoundedCache<string, T>(MAX_CACHED_PROGRAM_BYTES, (value, key) => bytesOf(value) + key.length)));
  return cache;
}

/** Six capital letters naming a subset (ISO 32000-1, 9.6.4), from the face and its glyphs: the same subset, the same tag. */
function subsetTag(font: fontkit.Font, glyphs: string): string {
  const digest = createHash('sha256').update(`${font.postscriptName}\u0000${glyphs}`).digest();
  return Array.from(digest.subarray(0, 6), (b) => String.fromCharCode(65 + (b % 26))).join('');
}

/** The descriptor's flags (ISO 32000-1, 9.8.2): fixed pitch, serif, symbolic (always: CID fonts), italic. */
function fontFlags(font: fontkit.Font, tables: TrueTypeTables): number {
  const f = font as unknown as { 'OS/2'?: { sFamilyClass?: number }; head: { macStyle: { italic?: boolean } } };
  const familyClass = (f['OS/2']?.sFamilyClass ?? 0) >> 8;
  let flags = 1 << 2;
  if (isFixedPitch(tables)) flags |= 1 << 0;
  if (familyClass >= 1 && familyClass <= 7) flags |= 1 << 1;
  if (familyClass === 10) flags |= 1 << 3;
  if (f.head.macStyle.italic) flags |= 1 << 6;
  return flags;
}

/**
 * The `post` table's header, read from the table itself: fontkit's `post` decodes every glyph name too (~9 ms a face
 * in a fresh process, and thousands of strings kept), for the two numbers a font descriptor needs.
 */
function postHeader(tables: TrueTypeTables): DataView | undefined {
  const post = tables.table('post');
  return post !== undefined && post.length >= 16 ? new DataView(post.buffer, post.byteOffset, post.byteLength) : undefined;
}

/** isFixedPitch: a uint32 at byte 12. */
function isFixedPitch(tables: TrueTypeTables): boolean {
  const post = postHeader(tables);
  return post !== undefined && post.getUint32(12) !== 0;
}

/** italicAngle, in degrees: a 16.16 fixed-point number at byte 4 (the value fontkit's `italicAngle` gives). */
function italicAngle(tables: TrueTypeTables): number {
  return (postHeader(tables)?.getInt32(4) ?? 0) / 65536;
}

/** The W array: runs of consecutive CIDs with their widths, `[c [w1 w2 …] c' […] …]`. */
function widthArrayText(ids: readonly number[], width: (id: number) => number): string {
  const out: string[] = [];
  let run: number[] = [];
  ids.forEach((id, i) => {
    if (i === 0 || id !== ids[i - 1]! + 1) {
      if (run.length) out.push(numberArrayText(run));
      run = [];
      out.push(String(id));
    }
    run.push(width(id));
  });
  if (run.length) out.push(numberArrayText(run));
  return `[${out.join(' ')}]`;
}

/** The ToUnicode CMap: each glyph to the characters it was first drawn for (UTF-16BE, surrogate pairs as needed). */
function toUnicodeCmap(glyphs: ReadonlyMap<number, readonly number[]>, ids: readonly number[]): string {
  const entries = ids.filter((id) => glyphs.get(id)!.length > 0).map((id) => `<${hex4(id)}> <${utf16Hex(glyphs.get(id)!)}>`);
  const blocks: string[] = [];
  for (let i = 0; i < entries.length; i += BFCHAR_BLOCK) {
    const block = entries.slice(i, i + BFCHAR_BLOCK);
    blocks.push(`${block.length} beginbfchar\n${block.join('\n')}\nendbfchar`);
  }
  return [
    '/CIDInit /ProcSet findresource begin',
    '12 dict begin',
    'begincmap',
    '/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def',
    '/CMapName /Adobe-Identity-UCS def',
    '/CMapType 2 def',
    '1 begincodespacerange',
    '<0000> <ffff>',
    'endcodespacerange',
    ...blocks,
    'endcmap',
    'CMapName currentdict /CMap defineresource pop',
    'end',
    'end',
  ].join('\n');
}

function utf16Hex(codePoints: readonly number[]): string {
  let out = '';
  for (const cp of codePoints) {
    if (cp > 0xffff) {
      const v = cp - 0x10000;
      out += hex4(0xd800 | (v >>> 10)) + hex4(0xdc00 | (v & 0x3ff));
    } else out += hex4(cp);
  }
  return out;
}

