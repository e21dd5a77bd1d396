// A paragraph's lines: its words measured and broken into lines, remembered per process for paragraphs that recur.
// A layout's boilerplate (sidebar, letterhead, footer, running heads) is the same in every document and on every page;
// breaking it again each time is most of a one-page layout. The key holds everything the lines depend on, so a
// remembered paragraph gives exactly the lines a fresh computation would.
import type { LayoutContext } from '../context.js';
import type { FontFace, FontMetrics } from '../fonts.js';
import { hyphenatorFor } from '../hyphenation.js';
import { BoundedCache } from '../../cache/boundedCache.js';
import { fnv1a } from '../../cache/seenKeys.js';
import { breakLines, type LineBox, type ParagraphShape } from './breakLines.js';
import type { InlinePiece, TextStyle } from './pieces.js';
import { wordsOf, type Frag } from './words.js';

/** Gives the text of a page number once it is known (undefined before pagination). */
type NumberText = (source: string, refId: string | null) => string | undefined;

/**
 * Memory the remembered paragraphs of one font set may take per cache generation, in bytes (as estimated by
 * `weightOf`): a layout's boilerplate takes some tens of kilobytes, so this holds the recurring paragraphs of many
 * layouts.
 */
const MAX_REMEMBERED_BYTES = 2 * 2 ** 20;
/** Estimated bytes of a remembered frag with its place on the line. */
const FRAG_BYTES = 120;
/** Paragraphs with more text than this (UTF-16 units) are not remembered: long ones are body text, which seldom recurs. */
const MAX_KEY_LENGTH = 2_000;
/** Most paragraphs known to have been seen once (a number each): many documents' worth of body text. */
const MAX_SEEN = 50_000;

/** A line as remembered: its frags without their styles, each with the index of the piece whose style it takes. */
interface LineTemplate extends Omit<LineBox, 'frags' | 'footnotes'> {
  frags: { piece: number; frag: Frag; x: number; spaceAfter: number }[];
}

/** A key: everything a paragraph's lines depend on, as a flat list of numbers and texts (see keyOf). */
type Key = (string | number)[];

/** A remembered paragraph: its key (to tell it from another with the same hash) and its lines (null: not rememberable). */
interface Remembered {
  key: Key;
  lines: LineTemplate[] | null;
}

/** The paragraphs of one font set: hashes of those seen once, and those seen again by hash. */
interface Memo {
  seen: Set<number>;
  remembered: BoundedCache<number, Remembered>;
}

const memos = new WeakMap<FontMetrics, Memo>();

/** The lines of a paragraph of `pieces` in `shape`: from memory when the same paragraph was broken before. */
export function paragraphLines(pieces: InlinePiece[], shape: ParagraphShape, ctx: LayoutContext, numberText: NumberText): LineBox[] {
  const compute = () => breakLines(wordsOf(pieces, shape.width, ctx, numberText), shape, ctx);
  const key = keyOf(pieces, shape, ctx, numberText);
  if (key === null) return compute();
  let memo = memos.get(ctx.metrics);
  if (!memo) memos.set(ctx.metrics, (memo = { seen: new Set(), remembered: new BoundedCache(MAX_REMEMBERED_BYTES, weightOf) }));
  const hash = hashOf(key);
  const remembered = memo.remembered.peek(hash);
  if (remembered !== undefined) return remembered.lines && sameKey(remembered.key, key) ? linesFrom(remembered.lines, pieces) : compute();
  // Lines are remembered the second time a paragraph is met: body text is mostly met once, and then leaves only a
  // number behind (two paragraphs with one hash only make the second remembered early; the key decides a match).
  const lines = compute();
  if (memo.seen.has(hash)) memo.remembered.set(hash, { key: key.map(ownCopy), lines: templateOf(lines, pieces) });
  else {
    if (memo.seen.size >= MAX_SEEN) memo.seen.clear();
    memo.seen.add(hash);
  }
  return lines;
}

/** 32-bit FNV-1a of the key: texts by UTF-16 unit, numbers by their integer and 1/65536 parts. */
function hashOf(key: Key): number {
  let h = 0x811c9dc5;
  for (const part of key) {
    if (typeof part === 'number') {
      h = Math.imul(h ^ (part | 0), 0x01000193);
      h = Math.imul(h ^ ((part * 65536) | 0), 0x01000193);
    } else {
      h = fnv1a(part, Math.imul(h ^ part.length, 0x01000193));
    }
  }
  return h >>> 0;
}

function sameKey(a: Key, b: Key): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/**
 * A text of the key as a string of its own: a key's texts are slices of the whole filled FO, and a remembered key
 * holding on to them would keep each document's FO alive.
 */
function ownCopy(part: string | number): string | number {
  return typeof part === 'number' || part.length === 0 ? part : Buffer.from(part, 'utf16le').toString('utf16le');
}

/** Estimated bytes of an entry: its key (two bytes a character, eight a number) and its template's frags. */
function weightOf({ key, lines }: Remembered): number {
  let bytes = 0;
  for (const part of key) bytes += typeof part === 'number' ? 8 : 8 + 2 * part.length;
  const frags = lines ? lines.reduce((n, line) => n + line.frags.length + 1, 0) : 0;
  return bytes + FRAG_BYTES * frags;
}

/** Identities of objects the key must tell apart (faces, hyphenators), as small numbers. */
const ids = new WeakMap<object, number>();
let nextId = 1;

function idOf(o: object | undefined): number {
  if (!o) return 0;
  let id = ids.get(o);
  if (id === undefined) ids.set(o, (id = nextId++));
  return id;
}

/** Kinds of piece, as they start their part of a key. */
const enum PieceCode {
  Text = -1,
  Number = -2,
  Leader = -3,
  Graphic = -4,
  Break = -5,
}

/**
 * Everything the lines depend on: each piece with what of its style measures and breaks text (face, size, line
 * height, shift, hyphenation and the patterns it uses), the shape, and the breaking mode. Colour, link, underline and
 * the FO path only ride along, and are taken from the pieces themselves. Null: not remembered (footnotes, long text).
 * Every variable-length part is preceded by a count or a kind code, so two different paragraphs never give one key.
 */
function keyOf(pieces: InlinePiece[], shape: ParagraphShape, ctx: LayoutContext, numberText: NumberText): Key | null {
  // Long paragraphs are turned away before their key is built.
  let length = 0;
  for (const piece of pieces) if (piece.kind === 'text' && (length += piece.text.length) > MAX_KEY_LENGTH) return null;
  const { props } = shape;
  const key: Key = [ctx.lineBreaking ?? 'total-fit', shape.width, props.textIndent, props.textAlign, props.textAlignLast, props.hyphenationLadder];
  const style = (s: TextStyle) => {
    key.push(idOf(s.face as FontFace), s.size, s.lineHeight, s.shift);
    const h = s.hyphenation;
    if (h) key.push(idOf(hyphenatorFor(ctx.hyphenators, h.language)), h.language, h.remain, h.push, h.character);
    else key.push(0);
  };
  style(shape.strut);
  for (const piece of pieces) {
    switch (piece.kind) {
      case 'text':
        key.push(PieceCode.Text);
        style(piece.style);
        key.push(piece.text);
        break;
      case 'number':
        key.push(PieceCode.Number);
        style(piece.style);
        key.push(piece.source, piece.refId === null ? 0 : 1, piece.refId ?? '', numberText(piece.source, piece.refId) === undefined ? 0 : 1, numberText(piece.source, piece.refId) ?? '');
        break;
      case 'leader':
        key.push(PieceCode.Leader);
        style(piece.style);
        key.push(piece.pattern, piece.length === null ? 0 : 'pt' in piece.length ? 1 : 2, piece.length === null ? 0 : 'pt' in piece.length ? piece.length.pt : piece.length.percent, piece.thickness);
        break;
      case 'graphic':
        key.push(PieceCode.Graphic);
        style(piece.style);
        key.push(piece.src, piece.width, piece.height);
        break;
      case 'break':
        key.push(PieceCode.Break);
        break;
      case 'footnote':
        return null;
    }
  }
  return key;
}

/** The lines as remembered; null when a frag's style is not one piece's own (then its piece cannot be told). */
function templateOf(lines: LineBox[], pieces: InlinePiece[]): LineTemplate[] | null {
  const pieceOf = new Map<TextStyle, number>();
  for (let i = 0; i < pieces.length; i++) {
    const piece = pieces[i];
    if (!('style' in piece)) continue;
    if (pieceOf.has(piece.style)) return null;
    pieceOf.set(piece.style, i);
  }
  const template: LineTemplate[] = [];
  for (const { frags, footnotes, ...line } of lines) {
    if (footnotes.length) return null;
    const remembered: LineTemplate['frags'] = [];
    for (const { frag, x, spaceAfter } of frags) {
      const piece = pieceOf.get(frag.style);
      if (piece === undefined) return null;
      // Without its style: a remembered paragraph must not keep a document (its FO elements) alive.
      remembered.push({ piece, frag: { ...frag, style: null as unknown as TextStyle }, x, spaceAfter });
    }
    template.push({ ...line, frags: remembered });
  }
  return template;
}

/** Fresh lines from a template, each frag in the style of its piece of this paragraph. */
function linesFrom(template: LineTemplate[], pieces: InlinePiece[]): LineBox[] {
  return template.map((line) => ({
    height: line.height,
    baseline: line.baseline,
    frags: line.frags.map(({ piece, frag: remembered, x, spaceAfter }) => {
      // A clone, then its style set: the fast way to copy (a spread with an override is much slower).
      const frag = { ...remembered };
      frag.style = (pieces[piece] as { style: TextStyle }).style;
      return { frag, x, spaceAfter };
    }),
    footnotes: [],
    overfull: line.overfull,
    ratio: line.ratio,
    hyphenated: line.hyphenated,
    spaces: line.spaces,
  }));
}
