// A paragraph's lines: its words measured and broken into lines, remembered per process for paragraphs that recur.
// A layout's boilerplate (sidebar, letterhead, footer, running heads) is the same in every document and on every page;
// breaking it again each time is most of a one-page layout. The key holds everything the lines depend on, so a
// remembered paragraph gives exactly the lines a fresh computation would.
import type { LayoutContext } from '../context.js';
import type { FontFace, FontMetrics } from '../fonts.js';
import { hyphenatorFor } from '../hyphenation.js';
import { BoundedCache } from './boundedCache.js';
import { breakLines, type LineBox, type ParagraphShape } from './breakLines.js';
import type { InlinePiece, TextStyle } from './pieces.js';
import { wordsOf, type Frag } from './words.js';

/** Gives the text of a page number once it is known (undefined before pagination). */
type NumberText = (source: string, refId: string | null) => string | undefined;

/**
 * Most memory the remembered paragraphs of one font set may take, in bytes (as estimated by `weightOf`): a layout's
 * boilerplate takes some tens of kilobytes, so this holds the recurring paragraphs of many layouts.
 */
const MAX_REMEMBERED_BYTES = 4 * 2 ** 20;
/** Estimated bytes of a remembered frag with its place on the line. */
const FRAG_BYTES = 120;
/** Paragraphs with longer keys are not remembered: long ones are body text, which seldom recurs. */
const MAX_KEY_LENGTH = 2_000;
/** Most paragraphs known to have been seen once (a number each): many documents' worth of body text. */
const MAX_SEEN = 50_000;

/** A line as remembered: its frags without their styles, each with the index of the piece whose style it takes. */
interface LineTemplate extends Omit<LineBox, 'frags' | 'footnotes'> {
  frags: { piece: number; frag: Frag; x: number; spaceAfter: number }[];
}

/** The paragraphs of one font set: hashes of those seen once, and the lines of those seen again (null: not rememberable). */
interface Memo {
  seen: Set<number>;
  lines: BoundedCache<string, LineTemplate[] | null>;
}

const memos = new WeakMap<FontMetrics, Memo>();

/** The lines of a paragraph of `pieces` in `shape`: from memory when the same paragraph was broken before. */
export function paragraphLines(pieces: InlinePiece[], shape: ParagraphShape, ctx: LayoutContext, numberText: NumberText): LineBox[] {
  const compute = () => breakLines(wordsOf(pieces, shape.width, ctx, numberText), shape, ctx);
  const key = keyOf(pieces, shape, ctx, numberText);
  if (key === null) return compute();
  let memo = memos.get(ctx.metrics);
  if (!memo) memos.set(ctx.metrics, (memo = { seen: new Set(), lines: new BoundedCache(MAX_REMEMBERED_BYTES, weightOf) }));
  const remembered = memo.lines.peek(key);
  if (remembered !== undefined) return remembered ? linesFrom(remembered, pieces) : compute();
  // Lines are remembered the second time a paragraph is met: body text is mostly met once, and then leaves only a
  // number behind (two paragraphs with one hash only make the second remembered early; the key decides a match).
  const lines = compute();
  const hash = hashOf(key);
  if (memo.seen.has(hash)) memo.lines.set(key, templateOf(lines, pieces));
  else {
    if (memo.seen.size >= MAX_SEEN) memo.seen.clear();
    memo.seen.add(hash);
  }
  return lines;
}

/** 32-bit FNV-1a of the key's UTF-16 units. */
function hashOf(key: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) h = Math.imul(h ^ key.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

/** Estimated bytes of an entry: its key (two bytes a character) and its template's frags. */
function weightOf(template: LineTemplate[] | null, key: string): number {
  const frags = template ? template.reduce((n, line) => n + line.frags.length + 1, 0) : 0;
  return 2 * key.length + FRAG_BYTES * frags;
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

/** Text in a key, prefixed by its length so no text can be mistaken for a separator. */
function quoted(text: string): string {
  return `${text.length}:${text}`;
}

/**
 * Everything the lines depend on: each piece with what of its style measures and breaks text (face, size, line
 * height, shift, hyphenation and the patterns it uses), the shape, and the breaking mode. Colour, link, underline and
 * the FO path only ride along, and are taken from the pieces themselves. Null: not remembered (footnotes, long text).
 */
function keyOf(pieces: InlinePiece[], shape: ParagraphShape, ctx: LayoutContext, numberText: NumberText): string | null {
  const styleKey = (s: TextStyle) => {
    const h = s.hyphenation;
    const hyphenation = h ? `${idOf(hyphenatorFor(ctx.hyphenators, h.language))},${quoted(h.language)},${h.remain},${h.push},${quoted(h.character)}` : '-';
    return `${idOf(s.face as FontFace)},${s.size},${s.lineHeight},${s.shift},${hyphenation}`;
  };
  // Long paragraphs are turned away before their key is built.
  let length = 0;
  for (const piece of pieces) if (piece.kind === 'text' && (length += piece.text.length) > MAX_KEY_LENGTH) return null;
  const { props } = shape;
  const parts = [`${ctx.lineBreaking ?? 'total-fit'}|${shape.width},${props.textIndent},${props.textAlign},${props.textAlignLast},${props.hyphenationLadder}|${styleKey(shape.strut)}`];
  for (const piece of pieces) {
    switch (piece.kind) {
      case 'text':
        parts.push(`|T${styleKey(piece.style)}:`, quoted(piece.text));
        break;
      case 'number':
        parts.push(`|N${styleKey(piece.style)}:${piece.source},${piece.refId === null ? '-' : quoted(piece.refId)},${quoted(numberText(piece.source, piece.refId) ?? '-')}`);
        break;
      case 'leader':
        parts.push(`|L${styleKey(piece.style)}:${piece.pattern},${piece.length === null ? '-' : 'pt' in piece.length ? `${piece.length.pt}pt` : `${piece.length.percent}%`},${piece.thickness}`);
        break;
      case 'graphic':
        parts.push(`|G${styleKey(piece.style)}:${quoted(piece.src)},${piece.width},${piece.height}`);
        break;
      case 'break':
        parts.push('|B');
        break;
      case 'footnote':
        return null;
    }
  }
  // Joined, the key is one flat string of its own: concatenated, it would be a rope holding on to the texts it was
  // made of, slices of the whole filled FO, and a remembered key would keep each document's FO alive.
  const key = parts.join('');
  return key.length > MAX_KEY_LENGTH ? null : key;
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
