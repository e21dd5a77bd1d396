// CommonMark parsing by markdown-it, with the place of every block and link in the body text.
//
// Why markdown-it (not micromark, which gives every node a position): it parses about twenty times faster (a 15 kB
// body: 0.3 ms against 6 ms), which was a quarter of rendering a long release. Its tokens carry only line ranges, so
// the rules that open blocks, links and images are wrapped here to note where they start, through its own extension
// API (rulers): blocks as offsets in the body, links and images as offsets in their paragraph's inline text.
import markdownIt, { type MarkdownIt, type StateBlock, type StateInline, type Token } from 'markdown-it';

/** A place in the body text, 1-based. */
export interface BodyPlace {
  line: number;
  column: number;
}

/** The body's tokens and a way to place them. */
export interface MarkdownTokens {
  tokens: Token[];
  /** Where a block token (`meta.offset`) or a link/image token inside `inline` (`meta.inlineOffset`) starts. */
  placeOf(token: Token, inline?: Token): BodyPlace;
}

/** Nesting markdown-it builds before it stops (and drops what is deeper): well past what convertMarkdown accepts. */
const MAX_NESTING = 200;

const parser = createParser();

/** Parses the body text; block tokens have `meta.offset`; link_open, image and emphasis tokens `meta.inlineOffset`. */
export function parseMarkdown(body: string): MarkdownTokens {
  // markdown-it's own first step, done here so that offsets are offsets in this text: line ends as \n, NUL as U+FFFD.
  const text = body.replace(/\r\n?/g, '\n').replace(/\0/g, '\uFFFD');
  const tokens = parser.parse(text, {});
  const lineStarts = [0];
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) lineStarts.push(i + 1);
  const place = (offset: number): BodyPlace => {
    let lo = 0;
    let hi = lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (lineStarts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: offset - lineStarts[lo]! + 1 };
  };
  return {
    tokens,
    placeOf(token, inline) {
      if (!inline) return place((token.meta as Meta | null)?.offset ?? lineStarts[token.map?.[0] ?? 0] ?? 0);
      // A strong emphasis opens with two delimiters, and markdown-it turns the second into its token.
      const offset = ((token.meta as Meta | null)?.inlineOffset ?? 0) - (token.type === 'strong_open' ? 1 : 0);
      return place(offsetInBody(text, lineStarts, inline, Math.max(0, offset)));
    },
  };
}

/** What the wrapped rules note on tokens. */
interface Meta {
  offset?: number;
  inlineOffset?: number;
}

/**
 * The body offset of `offset` in an inline token's text. A paragraph's text is its lines, each without the container
 * indentation and markers (list, quote) its source line starts with, the first and last trimmed: each line is found at
 * the end of its source line. (A line whose tabs markdown-it expanded is not: it is placed at its block's start.)
 */
function offsetInBody(text: string, lineStarts: number[], inline: Token, offset: number): number {
  const blockStart = (inline.meta as Meta | null)?.offset ?? lineStarts[inline.map?.[0] ?? 0] ?? 0;
  const before = inline.content.slice(0, offset);
  const j = before.split('\n').length - 1;
  const lineInContent = inline.content.split('\n')[j] ?? '';
  const column = offset - (before.lastIndexOf('\n') + 1);
  if (j === 0) return blockStart + column;
  const sourceLine = (inline.map?.[0] ?? 0) + j;
  const start = lineStarts[sourceLine];
  if (start === undefined) return blockStart;
  const end = lineStarts[sourceLine + 1] !== undefined ? lineStarts[sourceLine + 1]! - 1 : text.length;
  const source = text.slice(start, end).trimEnd();
  const content = lineInContent.trimEnd();
  return source.endsWith(content) ? start + source.length - content.length + column : blockStart;
}

function createParser(): MarkdownIt {
  const md = markdownIt('commonmark', { html: true, maxNesting: MAX_NESTING });
  // Links are checked (http, https, mailto only) and escaped by us: markdown-it must neither drop nor rewrite any.
  md.validateLink = () => true;
  md.normalizeLink = (url) => url;
  md.normalizeLinkText = (url) => url;
  for (const rule of [...md.block.ruler.__rules__]) {
    const open = rule.fn as (state: StateBlock, startLine: number, endLine: number, silent: boolean) => boolean;
    md.block.ruler.at(rule.name, (state, startLine, endLine, silent) => {
      const first = state.tokens.length;
      const found = open(state, startLine, endLine, silent);
      if (found && !silent) {
        // Indented code starts where its line does (its indentation is part of it), any other block at its first character.
        const offset = state.bMarks[startLine]! + (rule.name === 'code' ? 0 : state.tShift[startLine]!);
        // The block's opening token, and the inline text of a paragraph or heading, start at the line's first character.
        for (let i = first; i < state.tokens.length && (i === first || state.tokens[i]!.type === 'inline'); i++) {
          const token = state.tokens[i]!;
          if (token.meta === null || token.meta === undefined) token.meta = { offset } satisfies Meta;
        }
      }
      return found;
    }, { alt: rule.alt });
  }
  for (const name of ['link', 'image', 'autolink', 'emphasis']) {
    const rule = md.inline.ruler.__rules__.find((r) => r.name === name)!;
    const open = rule.fn as (state: StateInline, silent: boolean) => boolean;
    md.inline.ruler.at(name, (state, silent) => {
      const start = state.pos;
      const first = state.tokens.length;
      const found = open(state, silent);
      if (!found || silent) return found;
      if (name === 'emphasis') {
        // One text token per delimiter character, the last pushed: those that pair become em/strong open and close.
        const count = state.pos - start;
        for (let k = 0; k < count; k++) state.tokens[state.tokens.length - count + k]!.meta = { inlineOffset: start + k } satisfies Meta;
      } else {
        const token = state.tokens.slice(first).find((t) => t.type === 'link_open' || t.type === 'image');
        if (token) token.meta = { inlineOffset: start } satisfies Meta;
      }
      return found;
    });
  }
  return md;
}
