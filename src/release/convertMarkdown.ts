// Converts the CommonMark body (markdown-it's tokens) into our own Block/Inline types, checking links.
import type { Token } from 'markdown-it';
import { PressroomError, errorAt } from '../diagnostics/PressroomError.js';
import type { Diagnostic } from '../diagnostics/types.js';
import type { Block, Inline, ListItem, Position } from './types.js';
import { checkLinkUrl } from './checkLinkUrl.js';
import { escapeLinkUrl } from './escapeLinkUrl.js';
import { parseMarkdown } from './parseMarkdown.js';

/** The text of inline content, without marks. */
function plainText(inlines: Inline[]): string {
  return inlines.map((i) => ('value' in i ? i.value : 'children' in i ? plainText(i.children) : ' ')).join('');
}

/**
 * Deepest nesting of quotes, lists and marks the body may have: real releases need three or four levels; a deeper
 * tree would overflow the stack of the layout's recursive partials (or of this walk) instead of failing clearly.
 */
export const MAX_BODY_DEPTH = 32;

/** Where the body starts in its file, so positions in messages are file positions. */
export interface BodyOrigin {
  file: string;
  /** 1-based file line of the body's first line. */
  line: number;
  /** Columns every body line is indented by in the file (a YAML block scalar); 0 for Markdown files. */
  indent?: number;
  /** The body is a quoted string whose lines are not the file's: every position is the field's own. */
  fixed?: Position;
}

/** Parses Markdown body text into blocks; unsupported constructs and bad links are errors with line:column. */
export function convertMarkdown(text: string, origin: BodyOrigin): Block[] {
  const { tokens, placeOf } = parseMarkdown(text);
  const diagnostics: Diagnostic[] = [];
  const at = (token: Token, inline?: Token): Position => {
    if (origin.fixed) return origin.fixed;
    const { line, column } = placeOf(token, inline);
    return { line: line + origin.line - 1, column: column + (origin.indent ?? 0) };
  };
  const report = (place: Position, message: string, hint: string) => diagnostics.push(errorAt({ file: origin.file, ...place }, message, hint, 'body'));

  // Nesting depth of the walk: past MAX_BODY_DEPTH the construct is reported once and its content dropped.
  let depth = 0;
  const nested = <T>(place: () => Position, walk: () => T[]): T[] => {
    if (depth >= MAX_BODY_DEPTH) {
      if (!diagnostics.some((d) => d.message.startsWith('the body nests'))) report(place(), `the body nests quotes, lists or emphasis more than ${MAX_BODY_DEPTH} levels deep`, 'flatten the structure');
      return [];
    }
    depth++;
    try {
      return walk();
    } finally {
      depth--;
    }
  };

  // Inline content: the children of one inline token, walked with a cursor (markdown-it's inline tokens are flat,
  // an open and a close token around what they hold).
  const inlinesOf = (owner: Token): Inline[] => {
    const children = owner.children ?? [];
    let i = 0;
    const until = (close: string | null): Inline[] => {
      const out: Inline[] = [];
      // Text runs on across soft breaks, entities and escapes; raw HTML is a text node of its own.
      let open: { kind: 'text'; value: string } | null = null;
      const text = (value: string) => {
        // Delimiters that became emphasis are left behind as empty text tokens.
        if (value === '') return;
        if (open && out[out.length - 1] === open) open.value += value;
        else out.push((open = { kind: 'text', value }));
      };
      while (i < children.length) {
        const token = children[i++]!;
        if (token.type === close) return out;
        switch (token.type) {
          case 'text':
          case 'text_special':
            text(token.content);
            break;
          case 'softbreak':
            // The white space a line ends with is not text (markdown-it leaves tabs there).
            const last = out[out.length - 1];
            if (last?.kind === 'text' && last === (open as unknown)) last.value = last.value.replace(/[ \t]+$/, '');
            text('\n');
            break;
          case 'hardbreak':
            out.push({ kind: 'break' });
            break;
          case 'code_inline':
            out.push({ kind: 'code', value: token.content });
            break;
          // Raw HTML is data too: it is shown as the characters the author typed, never interpreted.
          case 'html_inline':
            out.push({ kind: 'text', value: token.content });
            break;
          case 'strong_open':
            out.push({ kind: 'strong', children: nested(() => at(token, owner), () => until('strong_close')) });
            break;
          case 'em_open':
            out.push({ kind: 'emphasis', children: nested(() => at(token, owner), () => until('em_close')) });
            break;
          case 'link_open': {
            const children = nested(() => at(token, owner), () => until('link_close'));
            out.push(...linkOf(at(token, owner), String(token.attrGet('href') ?? ''), children));
            break;
          }
          case 'image':
            report(at(token, owner), 'images are not supported in the release body', 'remove the image; a layout may place images of its own');
            break;
          default:
            break;
        }
      }
      return out;
    };
    return until(null);
  };
  const linkOf = (place: Position, url: string, children: Inline[]): Inline[] => {
    const problem = checkLinkUrl(url);
    if (problem) {
      report(place, problem, 'use an http, https or mailto link');
      return children;
    }
    // The annotation holds the URI escaped to ASCII: spaces, quotes and non-ASCII as %XX, an IDN host in punycode.
    return [{ kind: 'link', url: escapeLinkUrl(url), children, position: place }];
  };

  // Blocks, walked with a cursor over the flat block tokens in the same way.
  let i = 0;
  const isList = (token: Token | undefined) => token?.type === 'bullet_list_open' || token?.type === 'ordered_list_open';
  const blocksUntil = (close: string | null): Block[] => {
    const out: Block[] = [];
    while (i < tokens.length) {
      const token = tokens[i++]!;
      if (token.type === close) return out;
      const block = blockAt(token);
      if (block) out.push(block);
    }
    return out;
  };
  /** Skips the tokens up to and including the close token of the one just read (its content is not wanted). */
  const skip = () => {
    for (let level = 1; i < tokens.length && level > 0; i++) level += tokens[i]!.nesting;
  };
  const blockAt = (token: Token): Block | null => {
    switch (token.type) {
      case 'paragraph_open': {
        const inline = tokens[i]!;
        const children = nested(() => at(token), () => inlinesOf(inline));
        i += 2;
        return { kind: 'paragraph', children, introducesList: isList(tokens[i]) && /:\s*$/.test(plainText(children)), position: at(token) };
      }
      case 'heading_open': {
        const inline = tokens[i]!;
        const children = nested(() => at(token), () => inlinesOf(inline));
        i += 2;
        return { kind: 'heading', level: Number(token.tag.slice(1)), children, position: at(token) };
      }
      case 'hr':
        return { kind: 'rule', position: at(token) };
      case 'blockquote_open': {
        const children = nested(() => at(token), () => blocksUntil('blockquote_close'));
        if (depth >= MAX_BODY_DEPTH) skip();
        return { kind: 'quote', children, position: at(token) };
      }
      case 'bullet_list_open':
      case 'ordered_list_open': {
        const ordered = token.type === 'ordered_list_open';
        const start = ordered ? Number(token.attrGet('start') ?? 1) : 1;
        const close = ordered ? 'ordered_list_close' : 'bullet_list_close';
        const items: ListItem[] = [];
        nested(() => at(token), () => {
          while (i < tokens.length) {
            const item = tokens[i++]!;
            if (item.type === close) break;
            if (item.type === 'list_item_open') items.push({ number: start + items.length, children: blocksUntil('list_item_close') });
          }
          return [];
        });
        // Past the deepest nesting the walk did not go in: what it holds is passed over (and reported).
        if (depth >= MAX_BODY_DEPTH) skip();
        return { kind: 'list', ordered, start, items, position: at(token) };
      }
      // Code blocks and raw HTML blocks are shown as their literal text.
      case 'fence':
      case 'code_block':
      case 'html_block':
        return { kind: 'paragraph', children: [{ kind: 'text', value: token.content.replace(/\n$/, '') }], introducesList: false, position: at(token) };
      default:
        // Anything else that opens is walked past whole (markdown-it's commonmark preset has nothing else).
        if (token.nesting === 1) skip();
        return null;
    }
  };
  const result = nested(() => ({ line: origin.line, column: 1 }), () => blocksUntil(null));
  if (diagnostics.length > 0) throw new PressroomError(diagnostics);
  return result;
}
