// A TrueType font program holding only the glyphs a document uses, with every glyph keeping its id.
//
// Why not fontkit's subsetter: it renumbers glyphs in the order they are first used, so the bytes of every text run
// depend on the whole document and must be encoded again per document. Keeping glyph ids (CID = GID, CIDToGIDMap
// Identity) lets a word's encoding be computed once per process and the subset be cached per glyph set. Unused glyphs
// become empty (zero-length in `loca`), which PDF and every TrueType rasteriser accept.
import type * as fontkit from 'fontkit';

/** Tables a PDF TrueType font program needs (ISO 32000-1, 9.9): outlines, metrics and hinting; no cmap or names. */
const COPIED_TABLES = ['cvt ', 'fpgm', 'prep'] as const;

/** Composite glyph flags (OpenType glyf table). */
const ARG_1_AND_2_ARE_WORDS = 0x0001;
const WE_HAVE_A_SCALE = 0x0008;
const MORE_COMPONENTS = 0x0020;
const WE_HAVE_AN_X_AND_Y_SCALE = 0x0040;
const WE_HAVE_A_TWO_BY_TWO = 0x0080;

/** The raw tables of a TrueType face: what the subsetter reads, found once per face. */
export interface TrueTypeTables {
  bytes: Uint8Array;
  table(tag: string): Uint8Array | undefined;
  /** Start and end of each glyph in `glyf` (numGlyphs + 1 offsets). */
  loca: Uint32Array;
  glyf: Uint8Array;
  numGlyphs: number;
  /** Horizontal metrics per glyph: advance and left side bearing, in font units. */
  advance(gid: number): number;
  lsb(gid: number): number;
}

/** Reads a face's tables, or undefined when its outlines are not TrueType (CFF-flavoured OpenType). */
export function trueTypeTables(font: fontkit.Font): TrueTypeTables | undefined {
  const f = font as unknown as { stream: { buffer: Uint8Array }; directory: { tables: Record<string, { offset: number; length: number }> } };
  const bytes = f.stream.buffer;
  const dir = f.directory.tables;
  const table = (tag: string) => (dir[tag] ? bytes.subarray(dir[tag].offset, dir[tag].offset + dir[tag].length) : undefined);
  const [head, maxp, hhea, hmtx, locaRaw, glyf] = ['head', 'maxp', 'hhea', 'hmtx', 'loca', 'glyf'].map(table);
  if (!head || !maxp || !hhea || !hmtx || !locaRaw || !glyf) return undefined;
  const view = (b: Uint8Array) => new DataView(b.buffer, b.byteOffset, b.byteLength);
  const numGlyphs = view(maxp).getUint16(4);
  const longLoca = view(head).getInt16(50) === 1;
  const loca = new Uint32Array(numGlyphs + 1);
  const lv = view(locaRaw);
  for (let i = 0; i <= numGlyphs; i++) loca[i] = longLoca ? lv.getUint32(i * 4) : lv.getUint16(i * 2) * 2;
  const metrics = view(hmtx);
  const longMetrics = view(hhea).getUint16(34);
  return {
    bytes,
    table,
    loca,
    glyf,
    numGlyphs,
    advance: (gid) => metrics.getUint16(Math.min(gid, longMetrics - 1) * 4),
    lsb: (gid) => (gid < longMetrics ? metrics.getInt16(gid * 4 + 2) : metrics.getInt16(longMetrics * 4 + (gid - longMetrics) * 2)),
  };
}

/** The glyphs `gids` need: themselves, .notdef, and the components of composite glyphs, recursively. */
export function glyphClosure(tables: TrueTypeTables, gids: Iterable<number>): number[] {
  const seen = new Set<number>([0]);
  const todo = [...gids];
  while (todo.length > 0) {
    const gid = todo.pop()!;
    if (seen.has(gid) || gid >= tables.numGlyphs) continue;
    seen.add(gid);
    for (const component of componentsOf(tables, gid)) todo.push(component);
  }
  return [...seen].sort((a, b) => a - b);
}

/** The glyph ids a composite glyph is built from (none for a simple glyph). */
function componentsOf(tables: TrueTypeTables, gid: number): number[] {
  const start = tables.loca[gid]!;
  const end = tables.loca[gid + 1]!;
  if (end - start < 10) return [];
  const view = new DataView(tables.glyf.buffer, tables.glyf.byteOffset + start, end - start);
  if (view.getInt16(0) >= 0) return [];
  const out: number[] = [];
  let at = 10;
  for (;;) {
    const flags = view.getUint16(at);
    out.push(view.getUint16(at + 2));
    at += 4 + (flags & ARG_1_AND_2_ARE_WORDS ? 4 : 2);
    if (flags & WE_HAVE_A_SCALE) at += 2;
    else if (flags & WE_HAVE_AN_X_AND_Y_SCALE) at += 4;
    else if (flags & WE_HAVE_A_TWO_BY_TWO) at += 8;
    if (!(flags & MORE_COMPONENTS)) return out;
  }
}

/**
 * Writes a TrueType font with the outlines of `glyphs` (a closure from glyphClosure, sorted) at their own ids; the
 * font has ids up to the largest one, the others empty. Checksums and the head's adjustment are computed as the
 * OpenType specification says, so strict readers accept it.
 */
export function writeTrueTypeSubset(tables: TrueTypeTables, glyphs: readonly number[]): Uint8Array {
  const count = glyphs[glyphs.length - 1]! + 1;
  // glyf and loca: used glyphs copied verbatim (composites keep their component ids), each 4-byte aligned.
  let glyfLength = 0;
  for (const g of glyphs) glyfLength += align4(tables.loca[g + 1]! - tables.loca[g]!);
  const glyf = new Uint8Array(glyfLength);
  const loca = new Uint8Array((count + 1) * 4);
  const locaView = new DataView(loca.buffer);
  let next = 0;
  let offset = 0;
  for (let gid = 0; gid < count; gid++) {
    locaView.setUint32(gid * 4, offset);
    if (glyphs[next] !== gid) continue;
    next += 1;
    const start = tables.loca[gid]!;
    const end = tables.loca[gid + 1]!;
    glyf.set(tables.glyf.subarray(start, end), offset);
    offset += align4(end - start);
  }
  locaView.setUint32(count * 4, offset);
  // hmtx: one full metric per glyph, so numberOfHMetrics = numGlyphs.
  const hmtx = new Uint8Array(count * 4);
  const hmtxView = new DataView(hmtx.buffer);
  // Glyphs left out keep zero metrics (the PDF's W array gives widths; zeros compress to almost nothing).
  for (const gid of glyphs) {
    hmtxView.setUint16(gid * 4, tables.advance(gid));
    hmtxView.setInt16(gid * 4 + 2, tables.lsb(gid));
  }
  // Copies (the font's own bytes are shared by every document), with the fields that change.
  const head = new Uint8Array(tables.table('head')!);
  new DataView(head.buffer).setUint32(8, 0); // checkSumAdjustment, computed below
  new DataView(head.buffer).setInt16(50, 1); // indexToLocFormat: long offsets
  const hhea = new Uint8Array(tables.table('hhea')!);
  new DataView(hhea.buffer).setUint16(34, count);
  const maxp = new Uint8Array(tables.table('maxp')!);
  new DataView(maxp.buffer).setUint16(4, count);
  const out: Array<[string, Uint8Array]> = [['glyf', glyf], ['head', head], ['hhea', hhea], ['hmtx', hmtx], ['loca', loca], ['maxp', maxp]];
  for (const tag of COPIED_TABLES) {
    const t = tables.table(tag);
    if (t) out.push([tag, t]);
  }
  return writeSfnt(out);
}

/** Assembles tables into an sfnt file: directory sorted by tag, each table 4-byte aligned, checksums filled in. */
function writeSfnt(tables: Array<[string, Uint8Array]>): Uint8Array {
  tables.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const headerLength = 12 + tables.length * 16;
  let length = headerLength;
  for (const [, t] of tables) length += align4(t.length);
  const file = new Uint8Array(length);
  const view = new DataView(file.buffer);
  const entrySelector = Math.floor(Math.log2(tables.length));
  const searchRange = 2 ** entrySelector * 16;
  view.setUint32(0, 0x00010000);
  view.setUint16(4, tables.length);
  view.setUint16(6, searchRange);
  view.setUint16(8, entrySelector);
  view.setUint16(10, tables.length * 16 - searchRange);
  let offset = headerLength;
  let headOffset = 0;
  // The file's checksum is the sum of its directory's words and of every (zero-padded) table's checksum: the tables
  // are summed once, not twice.
  let tablesSum = 0;
  tables.forEach(([tag, t], i) => {
    const entry = 12 + i * 16;
    for (let c = 0; c < 4; c++) file[entry + c] = tag.charCodeAt(c);
    file.set(t, offset);
    const sum = checksum(file, offset, align4(t.length));
    tablesSum = (tablesSum + sum) >>> 0;
    view.setUint32(entry + 4, sum);
    view.setUint32(entry + 8, offset);
    view.setUint32(entry + 12, t.length);
    if (tag === 'head') headOffset = offset;
    offset += align4(t.length);
  });
  const fileSum = (checksum(file, 0, headerLength) + tablesSum) >>> 0;
  view.setUint32(headOffset + 8, (0xb1b0afba - fileSum) >>> 0);
  return file;
}

/** The OpenType checksum: the sum of big-endian 32-bit words, modulo 2^32. */
function checksum(bytes: Uint8Array, start: number, length: number): number {
  // Bytes, not a DataView: a fresh process runs this before the JIT has optimised it, and getUint32 calls cost there.
  let sum = 0;
  const end = start + length;
  for (let i = start; i < end; i += 4) sum = (sum + ((bytes[i]! << 24) | (bytes[i + 1]! << 16) | (bytes[i + 2]! << 8) | bytes[i + 3]!)) >>> 0;
  return sum;
}

function align4(n: number): number {
  return (n + 3) & ~3;
}
