// What a release should print, taken from parseRelease's result: its text segments in reading order and its link targets.
import type { Block, Inline, Release } from '../../src/release/types.js';

/** One run of release text that a layout prints without interruption (a title, a paragraph, a contact field…). */
export interface ReleaseSegment {
  /** Where it comes from, for failure messages (e.g. `body[3] paragraph`). */
  label: string;
  text: string;
}

/** The plain text of inline content: marks flattened, hard breaks as spaces. */
export function inlineText(inlines: readonly Inline[]): string {
  return inlines.map((i) => {
    switch (i.kind) {
      case 'text':
      case 'code':
        return i.value;
      case 'break':
        return ' ';
      default:
        return inlineText(i.children);
    }
  }).join('');
}

/** The body's printable runs in order: paragraphs, headings, list items' blocks, quotes' blocks. */
function blockSegments(blocks: readonly Block[], label: string): ReleaseSegment[] {
  return blocks.flatMap((block, n): ReleaseSegment[] => {
    const at = `${label}[${n}]`;
    switch (block.kind) {
      case 'paragraph':
      case 'heading':
        return [{ label: `${at} ${block.kind}`, text: inlineText(block.children) }];
      case 'list':
        return block.items.flatMap((item, i) => blockSegments(item.children, `${at}.item[${i}]`));
      case 'quote':
        return blockSegments(block.children, `${at}.quote`);
      case 'rule':
        return [];
    }
  });
}

/** Every word of the release as the layouts order it: title, subtitle, body, contacts, footnotes. */
export function releaseSegments(release: Release): ReleaseSegment[] {
  const segments: ReleaseSegment[] = [{ label: 'title', text: release.title }];
  if (release.subtitle) segments.push({ label: 'subtitle', text: release.subtitle });
  segments.push(...blockSegments(release.body, 'body'));
  release.contacts.forEach((c, n) => {
    const fields = [c.name, c.role, c.tel, c.mobile, ...c.emails].filter((f): f is string => f !== null);
    segments.push(...fields.map((text) => ({ label: `contacts[${n}]`, text })));
  });
  release.footnotes.forEach((f, n) => segments.push({ label: `footnotes[${n}] mark`, text: f.mark }, { label: `footnotes[${n}] text`, text: f.text }));
  return segments.filter((s) => s.text.trim() !== '');
}

/** The URLs of the body's links, in order. */
function inlineLinks(inlines: readonly Inline[]): string[] {
  return inlines.flatMap((i) => (i.kind === 'link' ? [i.url, ...inlineLinks(i.children)] : 'children' in i ? inlineLinks(i.children) : []));
}

function blockLinks(blocks: readonly Block[]): string[] {
  return blocks.flatMap((b) => {
    switch (b.kind) {
      case 'paragraph':
      case 'heading':
        return inlineLinks(b.children);
      case 'list':
        return b.items.flatMap((item) => blockLinks(item.children));
      case 'quote':
        return blockLinks(b.children);
      case 'rule':
        return [];
    }
  });
}

/** Every link target the release itself asks for: body links and `mailto:` for each contact e-mail. */
export function releaseLinks(release: Release): string[] {
  return [...blockLinks(release.body), ...release.contacts.flatMap((c) => c.emails.map((e) => `mailto:${e}`))];
}

/** Splits text into words (whitespace-separated). */
export function words(text: string): string[] {
  return text.split(/\s+/).filter((w) => w !== '');
}

/** Marks, inside a word read back from a PDF, a line break after a hyphen: the text's own hyphen, or one inserted by hyphenation. */
export const HYPHEN_BREAK = '\u00AD';

/**
 * The words of text read back from a PDF, lines joined. A line that ends in a hyphen after a letter was broken there:
 * after a hyphen of the text (UAX #14) or by hyphenation. The two halves become one word with HYPHEN_BREAK between them,
 * which matches the release word with or without a hyphen (see sameWord).
 */
export function pdfWords(text: string): string[] {
  return words(text.replace(/(\p{L})-\n/gu, `$1${HYPHEN_BREAK}`).replace(URL_BREAK, (_, after: string | undefined, before: string | undefined) => after ?? before ?? ''));
}

/**
 * A line break inside an e-mail address or URL: after a slash, or before a dot, @ or slash. A line of running text
 * neither ends in "/" nor starts with ".", "@" or "/", so these halves are one word, joined without a space.
 */
const URL_BREAK = /(\S\/)\n(?=\S)|(\S)\n(?=[.@/]\S)/gu;

/** The spellings a read-back word may stand for: a hyphen break read as the text's own hyphen, or as an inserted one. */
function spellings(pdfWord: string): string[] {
  return pdfWord.includes(HYPHEN_BREAK) ? [pdfWord.replaceAll(HYPHEN_BREAK, '-'), pdfWord.replaceAll(HYPHEN_BREAK, '')] : [pdfWord];
}

/** A read-back word as one reads it on paper: a hyphen break shown as a hyphen. */
export function readableWord(pdfWord: string): string {
  return pdfWord.replaceAll(HYPHEN_BREAK, '-');
}

/** A key under which two renderings of a word compare equal, however either broke it at a hyphen. */
export function wordKey(pdfWord: string): string {
  return pdfWord.replace(/[\u00AD-]/g, '');
}

/**
 * Checks that each segment's words occur contiguously in `haystack`, each segment after the previous one.
 * Returns one message per segment that is missing, broken up, or out of order (empty when all is well).
 */
export function findSegmentsInOrder(haystack: readonly string[], segments: readonly ReleaseSegment[]): string[] {
  const problems: string[] = [];
  let cursor = 0;
  for (const segment of segments) {
    const needle = words(segment.text);
    const at = indexOfRun(haystack, needle, cursor);
    if (at >= 0) {
      cursor = at + needle.length;
      continue;
    }
    const anywhere = indexOfRun(haystack, needle, 0);
    const reason = anywhere >= 0 ? `found only before the previous segment (at word ${anywhere}, expected after ${cursor})` : `not found as one run of words after word ${cursor}; around there the PDF reads: ${JSON.stringify(haystack.slice(cursor, cursor + 25).map(readableWord).join(' '))}`;
    problems.push(`${segment.label} ${JSON.stringify(segment.text.slice(0, 80))}: ${reason}`);
  }
  return problems;
}

/** True when `text`'s words occur as one run in `haystack` (words read back with pdfWords). */
export function containsWords(haystack: readonly string[], text: string): boolean {
  return indexOfRun(haystack, words(text), 0) >= 0;
}

/**
 * Index of the first occurrence of `needle` as a contiguous run in `haystack` at or after `from`, or -1.
 * Inner words must match exactly; the first may carry a prefix and the last a suffix that the layout adds around
 * the field (the comma after a contact's name, « » around a quotation).
 */
function indexOfRun(haystack: readonly string[], needle: readonly string[], from: number): number {
  const last = needle.length - 1;
  const matches = (word: string, j: number) => spellings(word).some((w) => {
    if (j === 0 && j === last) return w.includes(needle[j]);
    if (j === 0) return w.endsWith(needle[j]);
    if (j === last) return w.startsWith(needle[j]);
    return w === needle[j];
  });
  outer: for (let i = from; i + needle.length <= haystack.length; i++) {
    for (let j = 0; j <= last; j++) if (!matches(haystack[i + j], j)) continue outer;
    return i;
  }
  return -1;
}
