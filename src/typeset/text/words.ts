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
  /** Footnote bodies referenced in this word. */
  footnotes: FootnoteRef[];
}

/** Stands for a non-text piece in the text given to the line breaker (U+FFFC OBJECT REPLACEMENT CHARACTER). */
const OBJECT = '\uFFFC';
/** Leader length when the layout gives none (XSL's leader-length.optimum). */
const DEFAULT_LEADER_LENGTH = 12;
/** Placeholder for a page number whose value is not known yet: two digits cover most documents. */
const UNKNOWN_NUMBER = '00';

/** Measures the words of a paragraph; `lineWidth` resolves percentage leader lengths. */
export function wordsOf(pieces: InlinePiece[], lineWidth: number, ctx: LayoutContext, numberText: (source: string, refId: string | null) => string | undefined): Word[] {
  // 1. Collapse white space (XSL defaults: line feeds are spaces, runs of spaces are one) and build the breaker's text.
  let text = '';
  const owners: number[] = []; // piece index of each UTF-16 unit of `text`
  const footnotesAt = new Map<number, FootnoteRef[]>();
  pieces.forEach((piece, i) => {
    const add = (s: string) => {
      text += s;
      for (let k = 0; k < s.length; k++) owners.push(i);
    };
    if (piece.kind === 'text') {
      let s = piece.text.replace(/[ \t\r\n]+/g, ' ');
      if (s.startsWith(' ') && (text === '' || text.endsWith(' ') || text.endsWith('\n'))) s = s.slice(1);
      add(s);
    } else if (piece.kind === 'break') {
      if (text.endsWith(' ')) text = text.slice(0, -1), owners.pop();
      add('\n');
    } else if (piece.kind === 'footnote') {
      const list = footnotesAt.get(text.length) ?? [];
      list.push({ body: piece.body, path: piece.path });
      footnotesAt.set(text.length, list);
    } else add(OBJECT);
  });
  // 2. Cut at break opportunities; each segment is a word plus its trailing spaces.
  const words: Word[] = [];
  const addresses = addressRanges(text);
  const breaker = new LineBreaker(text);
  let start = 0;
  for (let brk = breaker.nextBreak(); brk; brk = breaker.nextBreak()) {
    const end = brk.position;
    const segment = text.slice(start, end);
    const core = segment.replace(/[ \n]+$/, '');
    const trailing = segment.slice(core.length);
    const frags = fragsOf(pieces, owners, start, start + core.length, text, lineWidth, ctx, numberText);
    const footnotes: FootnoteRef[] = [];
    for (let k = start; k <= end; k++) footnotes.push(...(footnotesAt.get(k) ?? []));
    footnotesAt.forEach((_, k) => k >= start && k <= end && footnotesAt.delete(k));
    const spaceAt = start + core.length;
    const spaceStyle = trailing.includes(' ') ? styleAt(pieces, owners[spaceAt]) : null;
    const address = addresses.find((r) => r.start < start + core.length && start < r.end);
    words.push(...splitWord({
      inAddress: address !== undefined,
      // Inside an address, the line breaker's own opportunities (after "/" or "-") are address breaks too.
      addressBreakAfter: address !== undefined && trailing === '' && end < address.end,
      frags,
      width: frags.reduce((w, f) => w + f.width, 0),
      space: spaceStyle ? { style: spaceStyle, width: ctx.metrics.widthOf(spaceStyle.face, ' ') * spaceStyle.size } : null,
      forcedBreak: brk.required && trailing.includes('\n'),
      hyphenAfter: false,
      footnotes,
    }, ctx));
    start = end;
  }
  return words.filter((w) => w.frags.length > 0 || w.forcedBreak || w.footnotes.length > 0);
}

/**
 * Where URLs and e-mail addresses are in the text (they are broken at separators only, and never hyphenated).
 * The e-mail parts are bounded (RFC 5321's 64 and 255) so the pattern stays linear on a long run without spaces.
 */
const ADDRESSES = /(?:https?:\/\/|mailto:|www\.)[^\s\uFFFC]+|[^\s\uFFFC@()<>«»"]{1,64}@[^\s\uFFFC@.]{1,63}(?:\.[^\s\uFFFC@.]{1,63}){1,8}/giu;

function addressRanges(text: string): { start: number; end: number }[] {
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

/** Splits text[a, b) into frags by owning piece, measuring each. */
function fragsOf(pieces: InlinePiece[], owners: number[], a: number, b: number, text: string, lineWidth: number, ctx: LayoutContext, numberText: (source: string, refId: string | null) => string | undefined): Frag[] {
  const frags: Frag[] = [];
  let i = a;
  while (i < b) {
    const owner = owners[i];
    let j = i + 1;
    while (j < b && owners[j] === owner) j++;
    const piece = pieces[owner];
    if (piece.kind === 'text') {
      const s = text.slice(i, j);
      frags.push(textFrag(s, piece.style, ctx));
    } else {
      for (let k = i; k < j; k++) frags.push(objectFrag(piece, lineWidth, ctx, numberText));
    }
    i = j;
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

