// Static content parsed before: a layout's sidebar, footer and running heads are the same FO text in every document of
// a batch, about half of a one-page release's FO. Text seen before is not parsed again: parseFo hands the parser the
// text with that content blanked out (its line breaks kept, and the spaces of its last line, so every later line and
// column is unchanged; indexes are mapped back) and puts the elements parsed the first time in its place.
import { BoundedCache } from '../cache/boundedCache.js';
import { SeenKeys } from '../cache/seenKeys.js';
import type { FoElement } from './types.js';

/** A static content as first parsed: its element, and where its content lies within its text (`element.source`). */
interface KnownStatic {
  element: FoElement;
  contentStart: number;
  contentEnd: number;
  /** The content as the parser is given it instead: its line breaks, then as many spaces as its last line has characters. */
  blank: string;
}

/**
 * Static contents remembered per cache generation: a batch has a handful that recur, which the two generations keep
 * (see MAX_REMEMBERED in typeset/pages/staticContent.ts for why the bound is small).
 */
const MAX_KNOWN = 16;
const known = new BoundedCache<string, KnownStatic>(MAX_KNOWN);
/** Static contents met once, by hash: one is remembered when met again (a letterhead naming each release's reference never is). */
const MAX_SEEN = 4096;
const seen = new SeenKeys(MAX_SEEN);
/** Whether any static content was remembered: until then there is nothing to look for. */
let anyKnown = false;

const START_TAG = '<fo:static-content';
const END_TAG = '</fo:static-content';

/** FO text with known static contents blanked, and the known elements by the index where each starts. */
export interface BlankedText {
  text: string;
  known: Map<number, FoElement>;
  /** The index in the original text of an index in the blanked one. */
  originalIndex(index: number): number;
}

/**
 * `text` with the content of each static content met before blanked, or null when there is none (or when the text
 * might hide a tag where a plain search would find one: comments, CDATA sections, processing instructions, DOCTYPE;
 * without those, every "<" of well-formed XML starts a tag, since attribute values cannot hold one).
 */
export function blankKnownStatics(text: string): BlankedText | null {
  if (!anyKnown || text.includes('<!') || text.indexOf('<?', 1) >= 0) return null;
  const pieces: string[] = [];
  const found = new Map<number, FoElement>();
  // Per blanked content: where it ends in the blanked text, and how much shorter the text is from there on.
  const shifts: { from: number; by: number }[] = [];
  let copied = 0;
  let length = 0;
  let shortened = 0;
  const lineOf = lineCounter(text);
  for (let start = text.indexOf(START_TAG); start >= 0; start = text.indexOf(START_TAG, start + 1)) {
    const endTag = text.indexOf(END_TAG, start);
    const end = endTag < 0 ? -1 : text.indexOf('>', endTag) + 1;
    if (end <= 0) break;
    const next = text.indexOf(START_TAG, start + 1);
    if (next >= 0 && next < endTag) continue;
    const hit = known.peek(text.slice(start, end));
    // Known text on another line than before (text above it changed its line count) would only be parsed again.
    if (!hit || !startsAt(text, start, lineOf(start), hit.element.position)) continue;
    pieces.push(text.slice(copied, start + hit.contentStart), hit.blank);
    length += start + hit.contentStart - copied + hit.blank.length;
    shortened += hit.contentEnd - hit.contentStart - hit.blank.length;
    shifts.push({ from: length, by: shortened });
    copied = start + hit.contentEnd;
    found.set(start, hit.element);
  }
  if (found.size === 0) return null;
  pieces.push(text.slice(copied));
  const originalIndex = (index: number) => {
    let by = 0;
    for (const shift of shifts) if (index >= shift.from) by = shift.by;
    return index + by;
  };
  return { text: pieces.join(''), known: found, originalIndex };
}

/**
 * Remembers a static content the parser has just read in full, its content between the two indexes of `source`. Text
 * with surrogate pairs or carriage returns is not remembered: blanked, they would count as other columns or lines.
 */
export function rememberStatic(element: FoElement, contentStart: number, contentEnd: number): void {
  const source = element.source;
  if (source === undefined || contentEnd <= contentStart || /[\uD800-\uDFFF\r]/.test(source) || !seen.metBefore(source)) return;
  anyKnown = true;
  const content = source.slice(contentStart, contentEnd);
  const lastLine = content.length - content.lastIndexOf('\n') - 1;
  known.set(source, { element, contentStart, contentEnd, blank: '\n'.repeat(content.split('\n').length - 1) + ' '.repeat(lastLine) });
}

/** Whether `element`, parsed from blanked text, stands where and as `first` did: then it takes `first`'s content. */
export function takesKnownContent(element: FoElement, first: FoElement): boolean {
  return element.props === first.props && element.position.line === first.position.line && element.position.column === first.position.column;
}

/** Whether `index` of `text`, on line `line`, is at `position` (1-based; a line's astral characters are told apart later). */
function startsAt(text: string, index: number, line: number, position: { line: number; column: number }): boolean {
  return line === position.line && index - (text.lastIndexOf('\n', index - 1) + 1) + 1 === position.column;
}

/** The 1-based line of an index of `text`, for indexes asked in increasing order: each line break is counted once. */
function lineCounter(text: string): (index: number) => number {
  let line = 1;
  let next = text.indexOf('\n');
  return (index) => {
    for (; next >= 0 && next < index; next = text.indexOf('\n', next + 1)) line++;
    return line;
  };
}
