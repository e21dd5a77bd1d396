// Finds the places inside a word where a line may still end: soft hyphens, hyphenation patterns, and URL separators.
import type { LayoutContext } from '../context.js';
import { hyphenatorFor, type Hyphenator } from '../hyphenation.js';
import { BoundedCache } from '../../cache/boundedCache.js';
import { textFrag, type Frag, type Word } from './words.js';

const SOFT_HYPHEN = '\u00AD';
/** Words shorter than this are never hyphenated automatically (a common typographic minimum). */
const MIN_HYPHENATED_WORD = 5;
/** Longer "words" are not real words (pasted data, codes): they are cut between graphemes if they must be, never hyphenated. */
const MAX_HYPHENATED_WORD = 64;
/** URLs longer than this are cut between graphemes like any overlong word rather than at every separator. */
const MAX_ADDRESS_LENGTH = 2048;
/** Looks like an address: a URL or an e-mail address is broken at its separators, never hyphenated. */
const ADDRESS = /^[a-z][a-z0-9+.-]*:\/\/|^www\.|@|^[^\s]+\.[a-z]{2,}\/[^\s]*$/i;

/** A place to split a word, as an offset in its text, and whether a hyphen is shown there. */
interface SplitPoint {
  offset: number;
  hyphen: boolean;
}

/**
 * Splits a word at the break points its text shows: soft hyphens the author typed, and an address's separators.
 * A word that may still be hyphenated by patterns is returned whole and marked (`hyphenatable`): its pattern
 * points are looked up only when its paragraph cannot be set without hyphenation (see hyphenationPieces).
 */
export function splitWord(word: Word, ctx: LayoutContext): Word[] {
  const text = textOf(word);
  const hasSoftHyphen = text.includes(SOFT_HYPHEN);
  if (hasSoftHyphen) return cutAt(word, softHyphenPoints(text), ctx);
  if (word.inAddress === true || ADDRESS.test(text)) {
    const points = text.length <= MAX_ADDRESS_LENGTH ? addressPoints(text) : [];
    return points.length === 0 ? [word] : cutAt(word, points, ctx);
  }
  const hyphenation = word.frags[0]?.kind === 'text' ? word.frags[0].style.hyphenation : null;
  // A word with fewer characters than a hyphenated word needs letters never has its patterns looked up (most words
  // of a text are short: "the", "of", "and").
  if (hyphenation && text.length <= MAX_HYPHENATED_WORD && text.length >= fewestLetters(hyphenation)) word.hyphenatable = true;
  return [word];
}

/** The word cut at its hyphenation points (by the patterns of its language); a word without any is returned whole. */
export function hyphenationPieces(word: Word, ctx: LayoutContext): Word[] {
  if (!word.hyphenatable) return [word];
  const points = hyphenationPoints(word, textOf(word), ctx);
  return points.length === 0 ? [word] : cutAt(word, points, ctx);
}

/** The word's text, a non-text frag standing as U+FFFC. */
function textOf(word: Word): string {
  return word.frags.length === 1 && word.frags[0].kind === 'text' ? word.frags[0].text : word.frags.map((f) => (f.kind === 'text' ? f.text : '\uFFFC')).join('');
}

/** Soft hyphens the author typed: each is a hyphenation point (and is not drawn). */
function softHyphenPoints(text: string): SplitPoint[] {
  const points: SplitPoint[] = [];
  for (let i = 0; i < text.length; i++) if (text[i] === SOFT_HYPHEN) points.push({ offset: i, hyphen: true });
  return points;
}

/** URLs and e-mail addresses break after "/" and before ".", "-", "?", "&", "=", "@", "#" — with no hyphen added. */
function addressPoints(text: string): SplitPoint[] {
  const points: SplitPoint[] = [];
  const start = text.indexOf('://') >= 0 ? text.indexOf('://') + 3 : 0;
  for (let i = start + 1; i < text.length - 1; i++) {
    if (text[i - 1] === '/' && text[i] !== '/') points.push({ offset: i, hyphen: false });
    else if ('.-?&=@#_'.includes(text[i]) && text[i - 1] !== '/') points.push({ offset: i, hyphen: false });
  }
  return points;
}

/** Pattern hyphenation of the word's letters, for one-style text in a language with patterns. */
function hyphenationPoints(word: Word, text: string, ctx: LayoutContext): SplitPoint[] {
  const first = word.frags[0];
  if (!first || first.kind !== 'text' || !first.style.hyphenation) return [];
  if (word.frags.some((f) => f.kind !== 'text' || f.style.hyphenation?.language !== first.style.hyphenation?.language)) return [];
  const { language, remain, push } = first.style.hyphenation;
  const hyphenate = hyphenatorFor(ctx.hyphenators, language);
  if (!hyphenate) return [];
  const letters = lettersOf(hyphenate, text);
  if (!letters || letters.length < fewestLetters(first.style.hyphenation)) return [];
  return letters.points.filter((i) => i >= remain && letters.length - i >= push).map((i) => ({ offset: letters.index + i, hyphen: true }));
}

/** The fewest letters a word hyphenated with these settings has: the typographic minimum, and room for both sides. */
function fewestLetters(hyphenation: { remain: number; push: number }): number {
  return Math.max(MIN_HYPHENATED_WORD, hyphenation.remain + hyphenation.push);
}

/** A word's letters (where they start, how many) and the pattern's points in them; null when it is not a word to hyphenate. */
interface Letters {
  index: number;
  length: number;
  points: readonly number[];
}

/** Words remembered per hyphenator and cache generation: a large batch's vocabulary, bounded for endless input. */
const MAX_CACHED_WORDS = 10_000;
/** Pattern hyphenation is the costliest step of measuring a word and words recur, so each is hyphenated once per process. */
const lettersCache = new WeakMap<Hyphenator, BoundedCache<string, Letters | null>>();

function lettersOf(hyphenate: Hyphenator, text: string): Letters | null {
  let cache = lettersCache.get(hyphenate);
  if (!cache) lettersCache.set(hyphenate, (cache = new BoundedCache(MAX_CACHED_WORDS)));
  return cache.get(text, () => {
    // The letters of the word, without leading or trailing punctuation ("(Serbia)," → "Serbia"); never words in capitals.
    const re = ASCII.test(text) ? ASCII_PATTERNS : UNICODE_PATTERNS;
    const match = re.letters.exec(text);
    if (!match || match[0].length !== text.replace(re.edges, '').length) return null;
    const letters = match[0];
    if (letters.length < MIN_HYPHENATED_WORD || re.capitals.test(letters)) return null;
    return { index: match.index, length: letters.length, points: hyphenate(letters) };
  });
}

/** Text of ASCII characters only. */
const ASCII = /^[\0-\x7f]*$/;

/**
 * What lettersOf looks for: a run of letters (with inner apostrophes), the non-letters at the edges, all capitals.
 * For ASCII text the same patterns without Unicode properties, which give the same answers there (in ASCII a letter
 * is A–Z or a–z, and there are no marks): a property class is compiled on first use, ~18 ms of a cold render.
 */
const UNICODE_PATTERNS = { letters: /[\p{L}\p{M}]+(?:['’][\p{L}\p{M}]+)*/u, edges: /^[^\p{L}]+|[^\p{L}\p{M}]+$/gu, capitals: /^[\p{Lu}\p{M}]+$/u };
const ASCII_PATTERNS = { letters: /[A-Za-z]+(?:'[A-Za-z]+)*/, edges: /^[^A-Za-z]+|[^A-Za-z]+$/g, capitals: /^[A-Z]+$/ };

/** Cuts the word's frags at the points; the pieces but the last break with or without a hyphen. */
function cutAt(word: Word, points: SplitPoint[], ctx: LayoutContext): Word[] {
  const out: Word[] = [];
  let frags: Frag[] = [];
  let offset = 0;
  let next = 0;
  const finish = (point: SplitPoint | null) => {
    const hyphenAfter = point?.hyphen ?? false;
    const cleaned = frags.map((f) => (f.kind === 'text' && f.text.includes(SOFT_HYPHEN) ? textFrag(f.text.replaceAll(SOFT_HYPHEN, ''), f.style, ctx) : f)).filter((f) => f.kind !== 'text' || f.text !== '');
    out.push({ frags: cleaned, width: cleaned.reduce((w, f) => w + f.width, 0), space: null, forcedBreak: false, hyphenAfter, addressBreakAfter: point !== null && !point.hyphen, footnotes: out.length === 0 ? word.footnotes : [] });
    frags = [];
  };
  for (const frag of word.frags) {
    const length = frag.kind === 'text' ? frag.text.length : 1;
    let start = 0;
    while (next < points.length && points[next].offset < offset + length) {
      const cut = points[next].offset - offset;
      if (frag.kind === 'text' && cut > start) frags.push(textFrag(frag.text.slice(start, cut), frag.style, ctx));
      if (cut > 0 || frags.length) finish(points[next]);
      start = cut;
      next++;
    }
    if (frag.kind === 'text') {
      if (start < frag.text.length) frags.push(start === 0 ? frag : textFrag(frag.text.slice(start), frag.style, ctx));
    } else frags.push(frag);
    offset += length;
  }
  finish(null);
  const last = out[out.length - 1];
  Object.assign(last, { space: word.space, forcedBreak: word.forcedBreak, hyphenAfter: word.hyphenAfter, addressBreakAfter: word.addressBreakAfter, inAddress: word.inAddress });
  return out.filter((w) => w.frags.length > 0 || w === last);
}
