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
 * Most memory the remembered paragraphs of one font set may take, in bytes (as estimated by `weightOf`): some hundreds
 * of documents' worth, so a layout's boilerplate stays remembered through a batch where each document brings new text.
 */
const MAX_REMEMBERED_BYTES = 8 * 2 ** 20;
/** Estimated bytes of a remembered frag with its place on the line. */
const FRAG_BYTES = 120;
/** Paragraphs with longer keys are not remembered: long ones are body text, which seldom recurs. */
const MAX_KEY_LENGTH = 2_000;

/** A line as remembered: its frags without their styles, each with the index of the piece whose style it takes. */
interface LineTemplate extends Omit<LineBox, 'frags' | 'footnotes'> {
  frags: { piece: number; frag: Frag; x: number; spaceAfter: number }[];
}

/** What is remembered of a paragraph: seen once (body text mostly is, and is not worth a template), its lines, or null if they cannot be. */
type Remembered = typeof SEEN_ONCE | LineTemplate[] | null;
const SEEN_ONCE = 'seen once';

const memos = new WeakMap<FontMetrics, BoundedCache<string, Remembered>>();

/** The lines of a paragraph of `pieces` in `shape`: from memory when the same paragraph was broken before. */
export function paragraphLines(pieces: InlinePiece[], shape: ParagraphShape, ctx: LayoutContext, numberText: NumberText): LineBox[] {
  const compute = () => breakLines(wordsOf(pieces, shape.width, ctx, numberText), shape, ctx);
  const key = keyOf(pieces, shape, ctx, numberText);
  if (key === null) return compute();
  let memo = memos.get(ctx.metrics);
  if (!memo) memos.set(ctx.metrics, (memo = new BoundedCache(MAX_REMEMBERED_BYTES, weightOf)));
  // A paragraph's lines are remembered the second time it is met: most text is met once, and then costs only its key.
  const remembered = memo.peek(key);
  if (remembered === undefined || remembered === SEEN_ONCE) {
    const lines = compute();
    memo.set(key, remembered === undefined ? SEEN_ONCE : templateOf(lines, pieces));
    return lines;
  }
  return remembered ? linesFrom(remembered, pieces) : compute();
}

/** Estimated bytes of an entry: its key (two bytes a character) and its template's frags. */
function weightOf(remembered: Remembered, key: string): number {
  const frags = Array.isArray(remembered) ? remembered.reduce((n, line) => n + line.frags.length + 1, 0) : 0;
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
  const { props } = shape;
  let key = `${ctx.lineBreaking ?? 'total-fit'}|${shape.width},${props.textIndent},${props.textAlign},${props.textAlignLast},${props.hyphenationLadder}|${styleKey(shape.strut)}`;
  for (const piece of pieces) {
    switch (piece.kind) {
      case 'text':
        key += `|T${styleKey(piece.style)}:${quoted(piece.text)}`;
        break;
      case 'number':
        key += `|N${styleKey(piece.style)}:${piece.source},${piece.refId === null ? '-' : quoted(piece.refId)},${quoted(numberText(piece.source, piece.refId) ?? '-')}`;
        break;
      case 'leader':
        key += `|L${styleKey(piece.style)}:${piece.pattern},${piece.length === null ? '-' : 'pt' in piece.length ? `${piece.length.pt}pt` : `${piece.length.percent}%`},${piece.thickness}`;
        break;
      case 'graphic':
        key += `|G${styleKey(piece.style)}:${quoted(piece.src)},${piece.width},${piece.height}`;
        break;
      case 'break':
        key += '|B';
        break;
      case 'footnote':
        return null;
    }
    if (key.length > MAX_KEY_LENGTH) return null;
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
