// FontMetrics backed by fontkit (the font's tables) and HarfBuzz (shaping): faces from the font files given, each
// parsed once per process.
import * as fontkit from 'fontkit';
import { BoundedCache } from '../cache/boundedCache.js';
import { fail } from '../diagnostics/PressroomError.js';
import type { FontFace, FontMetrics } from './fonts.js';
import { createShaper, loadHarfBuzz, type ShapedRun, type Shaper } from './harfBuzzShaping.js';

/** A font file's bytes and name, as the load stage read them. */
export interface FontFile {
  path: string;
  bytes: Uint8Array;
}

/**
 * Texts whose width is kept per face and cache generation (~70 bytes each): a batch's common words. HarfBuzz shapes
 * a word in a few µs, so a larger cache bought little: 50,000 per face cost a worker ~50 MB of RSS for ~2 % of time
 * on 2,000 varied documents (`node --expose-gc` over the bench corpus).
 */
const MAX_CACHED_WIDTHS = 4_096;
/** Strings longer than this are not shaped whole: they are summed from cached per-character advances (no kerning),
 *  so a pathological 1 MB "word" costs linear time and no cache memory. Real words are far shorter. */
const MAX_SHAPED_LENGTH = 128;

/** Builds metrics over the given font files; every face is parsed once and its word widths cached. */
export async function createFontkitMetrics(files: FontFile[]): Promise<FontMetrics> {
  const hb = await loadHarfBuzz();
  const faces: FontFace[] = files.map((file) => readFace(file, hb));
  // By face object: a lookup by identity, where the face's key string had to be compared.
  const widthsOf = new Map<FontFace, (text: string) => number>();
  const resolved = new Map<string, FontFace | undefined>();
  // The same questions by the family list's identity: layout asks with the (shared, never changed) lists of its
  // properties, so most questions are answered without building their key.
  const byList = new WeakMap<readonly string[], Map<number, FontFace | undefined>>();
  const metrics: FontMetrics = {
    resolve(families, weight, italic) {
      const slot = italic ? -1 - weight : weight;
      let known = byList.get(families);
      if (known?.has(slot)) return known.get(slot);
      // Every run of text asks, with a handful of distinct questions: each is answered once (the faces never change).
      const key = `${weight},${italic},${families.join('\u0000')}`;
      let face: FontFace | undefined;
      if (resolved.has(key)) face = resolved.get(key);
      else {
        face = closestFace(faces, families, weight, italic);
        if (resolved.size >= MAX_CACHED_RESOLUTIONS) resolved.clear();
        resolved.set(key, face);
      }
      if (!known) byList.set(families, (known = new Map()));
      known.set(slot, face);
      return face;
    },
    widthOf(face, text) {
      if (text.length > MAX_SHAPED_LENGTH) {
        let sum = 0;
        for (const ch of text) sum += this.widthOf(face, ch);
        return sum;
      }
      let widthOf = widthsOf.get(face);
      if (!widthOf) widthsOf.set(face, (widthOf = cachedWidths(face)));
      return widthOf(text);
    },
    hasGlyph(face, codePoint) {
      return (face.handle as fontkit.Font).hasGlyphForCodePoint(codePoint);
    },
  };
  return metrics;
}

/** A face's text widths in ems, remembered per text (see MAX_CACHED_WIDTHS). */
function cachedWidths(face: FontFace): (text: string) => number {
  const cache = new BoundedCache<string, number>(MAX_CACHED_WIDTHS);
  const { shaped, unitsPerEm } = shapers.get(face.handle as fontkit.Font)!;
  const measure = (text: string) => {
    // The shared run, not a copy: only its advances are read.
    let width = 0;
    for (const p of shaped(text).positions) width += p.xAdvance;
    return width / unitsPerEm;
  };
  return (text) => cache.get(text, measure);
}

/** Most face resolutions remembered: layouts use a few family lists; bounded for endless input. */
const MAX_CACHED_RESOLUTIONS = 1_000;

/** The face of the first family that exists, closest in weight and then in style. */
function closestFace(faces: FontFace[], families: string[], weight: number, italic: boolean): FontFace | undefined {
  for (const family of families) {
    const candidates = faces.filter((f) => f.family.toLowerCase() === family.toLowerCase());
    if (candidates.length === 0) continue;
    const score = (f: FontFace) => Math.abs(f.weight - weight) + (f.italic === italic ? 0 : 1000);
    return candidates.reduce((best, f) => (score(f) < score(best) ? f : best));
  }
  return undefined;
}

/**
 * Texts shaped lately, per face: a document's new words are shaped when layout measures them and again when the
 * draw stage encodes them; this keeps the second from shaping again. Small, since it only has to span one document
 * (a varied one-page release has some tens of new words): 2,048 runs per generation held ~5 MB for a hit rate of 40 %.
 */
const RECENT_RUNS = 256;

/**
 * Puts HarfBuzz in place of the font's own `layout` (see harfBuzzShaping.ts), so that layout, our draw stage and
 * pdfkit (which embeds CFF faces itself) all shape alike; a text shaped lately is not shaped again (see RECENT_RUNS).
 * Callers get their own position objects, since pdfkit scales the positions it is given in place.
 */
function shapeWith(font: fontkit.Font, shape: Shaper): void {
  const recent = new BoundedCache<string, ShapedRun>(RECENT_RUNS);
  const shaped = (text: string): ShapedRun => recent.get(text, shape);
  (font as unknown as { layout: unknown }).layout = (text: string, features?: Parameters<Shaper>[1]) => {
    const shareable = features === undefined || (Array.isArray(features) && features.length === 0);
    return copyRun(shareable ? shaped(text) : shape(text, features));
  };
  shapers.set(font, { shaped, unitsPerEm: font.unitsPerEm });
}

/** Per face: its lately shaped runs, shared (never to be changed by their users), and its units per em. */
const shapers = new WeakMap<fontkit.Font, { shaped: (text: string) => ShapedRun; unitsPerEm: number }>();

/** A run its user may change: new position objects, and the advance width computed from them (as fontkit's GlyphRun does). */
function copyRun(run: ShapedRun): CopiedRun {
  return new CopiedRun(run.glyphs, run.positions.map((p) => ({ ...p })));
}

/**
 * A shaped run as fontkit's `layout` gives it. A class, not an object literal with a getter: each such literal's
 * getter is a closure of its own, which V8 kept reachable for minor GCs (see LaidOutPages in layoutDocument.ts), and
 * with it the positions of every word drawn.
 */
class CopiedRun {
  constructor(
    readonly glyphs: ShapedRun['glyphs'],
    readonly positions: ShapedRun['positions'],
  ) {}

  get advanceWidth(): number {
    let width = 0;
    for (const p of this.positions) width += p.xAdvance;
    return width;
  }
}

/** Reads a face; a file fontkit cannot read is an error naming it. */
function readFace(file: FontFile, hb: Awaited<ReturnType<typeof loadHarfBuzz>>): FontFace {
  try {
    return faceOf(file, hb);
  } catch (err) {
    return fail({ file: file.path }, `the font file cannot be read: ${String((err as Error).message).toLowerCase()}`, 'replace it with a valid TrueType or OpenType font, or remove it from the fonts folder');
  }
}

/** Reads a face's family, weight, style and vertical metrics. */
function faceOf(file: FontFile, hb: Awaited<ReturnType<typeof loadHarfBuzz>>): FontFace {
  const font = fontkit.create(Buffer.from(file.bytes.buffer, file.bytes.byteOffset, file.bytes.byteLength)) as fontkit.Font;
  // Read now: a damaged file fails here, as an error naming it (see readFace), not at its first word.
  const cmap = (font as unknown as { _cmapProcessor: { codePointsForGlyph(id: number): number[] } })._cmapProcessor;
  // HarfBuzz's copy of the face (~2 ms and the file's size in its memory for a Latin face) is made when the face first
  // shapes a text: a fonts folder holds faces for scripts most releases never use.
  let shaper: Shaper | undefined;
  const makeShaper = () => createShaper(hb, file.bytes, (id) => font.getGlyph(id).advanceWidth, (id) => cmap.codePointsForGlyph(id));
  shapeWith(font, (text, features) => (shaper ??= makeShaper())(text, features));
  const os2 = (font as unknown as { 'OS/2'?: { usWeightClass?: number; fsSelection?: { italic?: boolean } } })['OS/2'];
  const weight = os2?.usWeightClass ?? (/bold/i.test(font.subfamilyName) ? 700 : 400);
  const italic = os2?.fsSelection?.italic ?? (font.italicAngle !== 0 || /italic|oblique/i.test(font.subfamilyName));
  // Typographic family (name ID 16) groups Bold/Italic faces under one family; fall back to the legacy family name.
  const names = (font as unknown as { name?: { records?: { preferredFamily?: Record<string, string> } } }).name?.records;
  const family = names?.preferredFamily?.en ?? font.familyName;
  return {
    key: font.postscriptName ?? `${family}-${weight}-${italic ? 'i' : 'n'}`,
    family,
    weight,
    italic,
    ascent: font.ascent / font.unitsPerEm,
    descent: Math.abs(font.descent) / font.unitsPerEm,
    handle: font,
  };
}
