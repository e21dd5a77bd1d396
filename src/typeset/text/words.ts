// Splits a paragraph's pieces into words at UAX #14 break opportunities, measured, with the space after each.
import LineBreaker from 'linebreak';
import type { LayoutContext } from '../context.js';
import type { FootnoteRef, InlinePiece, TextStyle } from './pieces.js';
import { splitWord } from './splitWord.js';

/** A measured part of a word. */
export type Frag =
  | { kind: 'text'; text: string; style: TextStyle; width: number }
  | { kind: 'number'; source: 'page' | 'citation' | 'citation-last'; refId: string | null; text: string; style: TextStyle; width: number }
  | { kind: 'leader'; pattern: 'space' | 'rule'; thickness: number; style: TextStyle; width: number; /** No leader-length: it grows to fill a justified line. */ elastic: boolean }
  | { kind: 'graphic'; src: string; height: number; style: TextStyle; width: number };

/** An unbreakable run of frags, then an optional space and whether the line must end after it. */
export interface Word {
  frags: Frag[];
  width: number;
  /** The space after the word (its style gives its width), or null. */
  space: { style: TextStyle; width: number } | null;
  /** A forced line break follows. */
  forcedBreak: boolean;
  /** No space follows, but a line may end here with a hyphen added (a hyphenation point or a soft hyphen). */
  hyphenAfter: boolean;
  /** No space follows, but a URL or e-mail address may be broken here when nothing better is possible. */
  addressBreakAfter?: boolean;
  /** The word is (part of) a URL or e-mail address: broken only at its separators, never hyphenated. */
  inAddress?: boolean;
  /** The word is whole and its language has patterns: it may be cut at hyphenation points (hyphenationPieces). */
  hyphenatable?: boolean;
  /** Footnote bodies referenced in this word. */
  footnotes: FootnoteRef[];
}

/** Stands for a non-text piece in the text given to the line breaker (U+FFFC OBJECT REPLACEMENT CHARACTER). */
const OBJECT = '\uFFFC';
/** Leader length when the layout gives none (XSL's leader-length.optimum). */
const DEFAULT_LEADER_LENGTH = 12;
/** Placeholder for a page number whose value is not known yet: two digits cover most documents. */
const UNKNOWN_NUMBER = '00';

/** Where a piece's text lies in the paragraph's text: [start, end) in UTF-16 units. */
interface Span {
  piece: number;
  start: number;
  end: number;
}

/** The paragraph as the line breaker sees it: collapsed text, the piece of each part, and the footnotes' positions. */
interface ParagraphText {
  text: string;
  /** In text order, without gaps but where collapsed white space left none. */
  spans: Span[];
  /** Footnotes by the text position they follow, in order. */
  footnotes: { at: number; ref: FootnoteRef }[];
}

/** Collapses white space (XSL defaults: line feeds are spaces, runs of spaces are one) and builds the breaker's text. */
function paragraphText(pieces: InlinePiece[]): ParagraphText {
  let text = '';
  const spans: Span[] = [];
  const footnotes: ParagraphText['footnotes'] = [];
  const add = (piece: number, s: string) => {
    if (s === '') return;
    spans.push({ piece, start: text.length, end: text.length + s.length });
    text += s;
  };
  pieces.forEach((piece, i) => {
    if (piece.kind === 'text') {
      let s = piece.text.replace(/[ \t\r\n]+/g, ' ');
      if (s.startsWith(' ') && (text === '' || text.endsWith(' ') || text.endsWith('\n'))) s = s.slice(1);
      add(i, s);
    } else if (piece.kind === 'break') {
      if (text.endsWith(' ')) {
        text = text.slice(0, -1);
        const last = spans[spans.length - 1];
        if (--last.end === last.start) spans.pop();
      }
      add(i, '\n');
    } else if (piece.kind === 'footnote') footnotes.push({ at: text.length, ref: { body: piece.body, path: piece.path } });
    else add(i, OBJECT);
  });
  return { text, spans, footnotes };
}

/** Measures the words of a paragraph; `lineWidth` resolves percentage leader lengths. */
export function wordsOf(pieces: InlinePiece[], lineWidth: number, ctx: LayoutContext, numberText: (source: string, refId: string | null) => string | undefined): Word[] {
  // 1. The text, its pieces and footnotes.
  const { text, spans, footnotes } = paragraphText(pieces);
  // 2. Cut at break opportunities; each segment is a word plus its trailing spaces (spans and footnotes are met in order).
  const words: Word[] = [];
  const addresses = addressRanges(text);
  const breaker = new LineBreaker(text);
  let span = 0;
  let note = 0;
  let start = 0;
  // The space after the last word that had one: the next word's, when it has the same style (nearly always).
  let spaceOf: Word['space'] = null;
  for (let brk = breaker.nextBreak(); brk; brk = breaker.nextBreak()) {
    const end = brk.position;
    let coreEnd = end;
    while (coreEnd > start && (text[coreEnd - 1] === ' ' || text[coreEnd - 1] === '\n')) coreEnd--;
    const trailing = text.slice(coreEnd, end);
    while (spans[span].end <= start) span++;
    const frags = fragsOf(pieces, spans, span, start, coreEnd, text, lineWidth, ctx, numberText);
    const wordNotes: FootnoteRef[] = [];
    while (note < footnotes.length && footnotes[note].at <= end) wordNotes.push(footnotes[note++].ref);
    let spaceStyle: TextStyle | null = null;
    if (trailing.includes(' ')) {
      let k = span;
      while (spans[k].end <= coreEnd) k++;
      spaceStyle = styleAt(pieces, spans[k].piece);
    }
    const address = addresses.length ? addresses.find((r) => r.start < coreEnd && start < r.end) : undefined;
    const word: Word = {
      inAddress: address !== undefined,
      // Inside an address, the line breaker's own opportunities (after "/" or "-") are address breaks too.
      addressBreakAfter: address !== undefined && trailing === '' && end < address.end,
      frags,
      width: widthOfFrags(frags),
      space: spaceStyle ? (spaceOf = spaceIn(spaceStyle, spaceOf, ctx)) : null,
      forcedBreak: brk.required && trailing.includes('\n'),
      hyphenAfter: false,
      hyphenatable: false,
      footnotes: wordNotes,
    };
    for (const w of splitWord(word, ctx)) if (w.frags.length > 0 || w.forcedBreak || w.footnotes.length > 0) words.push(w);
    start = end;
  }
  return words;
}

/** A space in `style`: `previous` when it has that style (spaces are never changed once made), else a new one. */
function spaceIn(style: TextStyle, previous: Word['space'], ctx: LayoutContext): NonNullable<Word['space']> {
  return previous?.style === style ? previous : { style, width: ctx.metrics.widthOf(style.face, ' ') * style.size };
}

/** The summed width of frags. */
export function widthOfFrags(frags: readonly Frag[]): number {
  let width = 0;
  for (const f of frags) width += f.width;
  return width;
}

/**
 * Where URLs and e-mail addresses are in the text (they are broken at separators only, and never hyphenated).
 * The e-mail parts are bounded (RFC 5321's 64 and 255) so the pattern stays linear on a long run without spaces.
 */
const ADDRESSES = /(?:https?:\/\/|mailto:|www\.)[^\s\uFFFC]+|[^\s\uFFFC@()<>«»"]{1,64}@[^\s\uFFFC@.]{1,63}(?:\.[^\s\uFFFC@.]{1,63}){1,8}/giu;

/** Every address has an "@" or one of these: text with neither (most paragraphs) needs no search. */
const ADDRESS_HINT = /https?:\/\/|mailto:|www\./i;

function addressRanges(text: string): { start: number; end: number }[] {
  if (!text.includes('@') && !ADDRESS_HINT.test(text)) return [];
  return [...text.matchAll(ADDRESSES)].map((m) => ({ start: m.index, end: m.index + m[0].replace(/[.,;:!?)»"]+$/, '').length }));
}

/** A text frag measured in its style: the one place text width is computed. */
export function textFrag(text: string, style: TextStyle, ctx: LayoutContext): Frag {
  return { kind: 'text', text, style, width: ctx.metrics.widthOf(style.face, text) * style.size };
}

function styleAt(pieces: InlinePiece[], index: number): TextStyle | null {
  const p = pieces[index];
  return p && 'style' in p ? p.style : null;
}

/** Splits text[a, b) into frags by owning piece (spans from `first` on), measuring each. */
function fragsOf(pieces: InlinePiece[], spans: Span[], first: number, a: number, b: number, text: string, lineWidth: number, ctx: LayoutContext, numberText: (source: string, refId: string | null) => string | undefined): Frag[] {
  const frags: Frag[] = [];
  for (let k = first; k < spans.length && spans[k].start < b; k++) {
    const { piece: owner, start, end } = spans[k];
    const piece = pieces[owner];
    const i = Math.max(a, start);
    const j = Math.min(b, end);
    if (piece.kind === 'text') frags.push(textFrag(text.slice(i, j), piece.style, ctx));
    else for (let c = i; c < j; c++) frags.push(objectFrag(piece, lineWidth, ctx, numberText));
  }
  return frags;
}

/** The frag of a non-text piece. */
function objectFrag(piece: InlinePiece, lineWidth: number, ctx: LayoutContext, numberText: (source: string, refId: string | null) => string | undefined): Frag {
  switch (piece.kind) {
    case 'number': {
      const text = numberText(piece.source, piece.refId) ?? UNKNOWN_NUMBER;
      return { kind: 'number', source: piece.source, refId: piece.refId, text, style: piece.style, width: ctx.metrics.widthOf(piece.style.face, text) * piece.style.size };
    }
    case 'leader': {
      const width = piece.length === null ? DEFAULT_LEADER_LENGTH : 'pt' in piece.length ? piece.length.pt : (lineWidth * piece.length.percent) / 100;
      return { kind: 'leader', pattern: piece.pattern, thickness: piece.thickness, style: piece.style, width: Math.max(0, Math.min(width, lineWidth)), elastic: piece.length === null };
    }
    case 'graphic':
      return { kind: 'graphic', src: piece.src, height: piece.height, style: piece.style, width: piece.width };
    default:
      throw new Error(`unexpected piece ${piece.kind}`);
  }
}

