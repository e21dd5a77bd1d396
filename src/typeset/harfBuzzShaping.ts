// Text shaping by HarfBuzz (harfbuzzjs: HarfBuzz compiled to WebAssembly), for the faces fontkit has read.
//
// Why not fontkit's own `layout`: it decodes a face's GSUB/GPOS tables into JavaScript objects on first use (about
// 100 ms per face in a fresh process, and tens of MB per worker) and then walks them for every new word (~50 µs a
// word). HarfBuzz reads the tables in place and shapes a word in a few µs; it is also the reference OpenType shaper.
// fontkit still reads everything else (names, metrics, cmap, the tables embedding copies).
import { createRequire } from 'node:module';

/** The part of harfbuzzjs used here (its module is ESM with a top-level await, so it is imported, never required). */
type HarfBuzz = typeof import('harfbuzzjs');

/** A shaped glyph as the draw stage and pdfkit use it: its id, the characters it stands for, its advance (font units). */
export interface ShapedGlyph {
  readonly id: number;
  readonly codePoints: readonly number[];
  readonly advanceWidth: number;
}

/** Where a glyph goes, in font units, relative to the pen. */
export interface GlyphPosition {
  xAdvance: number;
  yAdvance: number;
  xOffset: number;
  yOffset: number;
}

/** A shaped text: glyphs in visual order, and their positions. */
export interface ShapedRun {
  glyphs: ShapedGlyph[];
  positions: GlyphPosition[];
}

/** Shapes a text; `features` as fontkit takes them: tags to turn on, or tag → on/off. */
export type Shaper = (text: string, features?: readonly string[] | Record<string, boolean>) => ShapedRun;

let loading: Promise<HarfBuzz> | undefined;

/** Loads HarfBuzz once per process (thread): compiling its WebAssembly takes some tens of ms. */
export function loadHarfBuzz(): Promise<HarfBuzz> {
  // From the TypeScript sources (tests) there is no compiled importHarfBuzz.cjs, and no bundle to work around.
  loading ??= import.meta.url.endsWith('.ts') ? import('harfbuzzjs') : (createRequire(import.meta.url)('./importHarfBuzz.cjs') as () => Promise<HarfBuzz>)();
  return loading;
}

/**
 * A shaper for the face in `bytes`.
 * - Clusters are kept per character (not per grapheme), so a mark keeps its own characters and only a ligature
 *   stands for several: that is what a PDF's ToUnicode map needs.
 * - A glyph with no characters of its own (the second glyph of a one-to-many substitution) gets the character the
 *   cmap maps to it, through `charactersOf`, so text extraction finds it.
 */
export function createShaper(hb: HarfBuzz, bytes: Uint8Array, advanceOf: (id: number) => number, charactersOf: (id: number) => number[]): Shaper {
  const data = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
  const font = new hb.Font(new hb.Face(new hb.Blob(data)));
  const buffer = new hb.Buffer();
  buffer.setClusterLevel(hb.ClusterLevel.CHARACTERS);
  // One glyph object per glyph id and characters, shared by every run: the caches of shaped words and encoded runs
  // hold tens of thousands of runs, which would otherwise each hold glyph objects of their own.
  const shared = new Map<number, ShapedGlyph>();
  // The glyph of `id` standing for text[start, end) (or, when end = start, for the character the cmap maps to it).
  const glyphOf = (id: number, text: string, start: number, end: number): ShapedGlyph => {
    const known = shared.get(id);
    // Compared in place: the characters become an array only for a glyph not seen with them before.
    if (known && (end > start ? standsFor(known.codePoints, text, start, end) : sameFirst(known.codePoints, charactersOf(id)))) return known;
    const codePoints = end > start ? codePointsOf(text, start, end) : charactersOf(id).slice(0, 1);
    const glyph = new Glyph(id, codePoints, advanceOf);
    if (!known) shared.set(id, glyph);
    return glyph;
  };
  return (text, features) => {
    buffer.clearContents();
    buffer.addText(text);
    buffer.guessSegmentProperties();
    hb.shape(font, buffer, featureList(hb, features));
    const infos = buffer.getGlyphInfos();
    const glyphs = infos.map((info, i): ShapedGlyph => glyphOf(info.codepoint, text, info.cluster, clusterEnd(infos, i, text.length)));
    // harfbuzzjs makes new objects with just these four numbers: they are ours to keep.
    return { glyphs, positions: buffer.getGlyphPositions() };
  };
}

/**
 * A shaped glyph whose advance is read from the font when first asked: only pdfkit asks, for the faces it embeds
 * itself (CFF outlines); fontkit's glyph metrics cost ~19 ms on their first use in a fresh process.
 */
class Glyph implements ShapedGlyph {
  #advance: number | undefined;

  constructor(
    readonly id: number,
    readonly codePoints: readonly number[],
    private readonly advanceOf: (id: number) => number,
  ) {}

  get advanceWidth(): number {
    return (this.#advance ??= this.advanceOf(this.id));
  }
}

/** Where the characters of glyph `i` end: at the next greater cluster; 0 length for a glyph sharing the previous one's. */
function clusterEnd(infos: readonly { cluster: number }[], i: number, length: number): number {
  const start = infos[i]!.cluster;
  if (i > 0 && infos[i - 1]!.cluster === start) return start;
  let end = length;
  for (const info of infos) if (info.cluster > start && info.cluster < end) end = info.cluster;
  return end;
}

function codePointsOf(text: string, start: number, end: number): number[] {
  const out: number[] = [];
  for (let i = start; i < end; i++) {
    const cp = text.codePointAt(i)!;
    out.push(cp);
    if (cp > 0xffff) i++;
  }
  return out;
}

/** Whether `codePoints` is the first of `characters` (or, like it, empty). */
function sameFirst(codePoints: readonly number[], characters: readonly number[]): boolean {
  return codePoints.length === Math.min(1, characters.length) && codePoints[0] === characters[0];
}

/** Whether `codePoints` are the code points of text[start, end). */
function standsFor(codePoints: readonly number[], text: string, start: number, end: number): boolean {
  let k = 0;
  for (let i = start; i < end; i++, k++) {
    const cp = text.codePointAt(i)!;
    if (k >= codePoints.length || codePoints[k] !== cp) return false;
    if (cp > 0xffff) i++;
  }
  return k === codePoints.length;
}

function featureList(hb: HarfBuzz, features: Parameters<Shaper>[1]) {
  if (!features) return undefined;
  const specs = Array.isArray(features) ? features : Object.entries(features).map(([tag, on]) => `${on ? '+' : '-'}${tag}`);
  return specs.map((spec) => hb.Feature.fromString(spec)).filter((f) => f !== undefined);
}
