// Converts the CommonMark body (an mdast tree) into our own Block/Inline types, checking links.
import { fromMarkdown } from 'mdast-util-from-markdown';
import type { Nodes, Parents, PhrasingContent, RootContent, Definition } from 'mdast';
import { PressroomError, errorAt, fail } from '../diagnostics/PressroomError.js';
import type { Diagnostic } from '../diagnostics/types.js';
import type { Block, Inline, ListItem, Position } from './types.js';
import { checkLinkUrl } from './checkLinkUrl.js';
import { escapeLinkUrl } from './escapeLinkUrl.js';

/** Parses CommonMark; a body so deeply nested that the parser itself runs out of stack is an error, not a crash. */
function parseMarkdown(text: string, origin: BodyOrigin): ReturnType<typeof fromMarkdown> {
  try {
    return fromMarkdown(text);
  } catch (err) {
    if (!(err instanceof RangeError)) throw err;
    const place = origin.fixed ?? { line: origin.line, column: 1 + (origin.indent ?? 0) };
    return fail({ file: origin.file, ...place }, `the body nests quotes, lists or emphasis more than ${MAX_BODY_DEPTH} levels deep`, 'flatten the structure', 'body');
  }
}

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
  const tree = parseMarkdown(text, origin);
  const definitions = new Map<string, Definition>();
  for (const node of tree.children) if (node.type === 'definition') definitions.set(node.identifier, node);
  const diagnostics: Diagnostic[] = [];
  const at = (node: Nodes): Position =>
    origin.fixed ?? { line: (node.position?.start.line ?? 1) + origin.line - 1, column: (node.position?.start.column ?? 1) + (origin.indent ?? 0) };
  const report = (node: Nodes, message: string, hint: string) => diagnostics.push(errorAt({ file: origin.file, ...at(node) }, message, hint, 'body'));

  // Nesting depth of the walk: past MAX_BODY_DEPTH the node is reported once and its content dropped.
  let depth = 0;
  const nested = <T>(node: Nodes, walk: () => T[]): T[] => {
    if (depth >= MAX_BODY_DEPTH) {
      if (!diagnostics.some((d) => d.message.startsWith('the body nests'))) report(node, `the body nests quotes, lists or emphasis more than ${MAX_BODY_DEPTH} levels deep`, 'flatten the structure');
      return [];
    }
    depth++;
    try {
      return walk();
    } finally {
      depth--;
    }
  };
  const inlines = (parent: Parents): Inline[] => nested(parent, () => (parent.children as PhrasingContent[]).flatMap(inline));
  const inline = (node: PhrasingContent): Inline[] => {
    switch (node.type) {
      case 'text': return [{ kind: 'text', value: node.value }];
      case 'strong': return [{ kind: 'strong', children: inlines(node) }];
      case 'emphasis': return [{ kind: 'emphasis', children: inlines(node) }];
      case 'inlineCode': return [{ kind: 'code', value: node.value }];
      case 'break': return [{ kind: 'break' }];
      // Raw HTML is data too: it is shown as the characters the author typed, never interpreted.
      case 'html': return [{ kind: 'text', value: node.value }];
      case 'link': return linkOf(node, node.url, inlines(node));
      case 'linkReference': {
        const def = definitions.get(node.identifier);
        return def ? linkOf(node, def.url, inlines(node)) : [{ kind: 'text', value: `[${node.label ?? node.identifier}]` }, ...inlines(node)];
      }
      case 'image':
      case 'imageReference':
        report(node, 'images are not supported in the release body', 'remove the image; a layout may place images of its own');
        return [];
      default:
        return [];
    }
  };
  const linkOf = (node: Nodes, url: string, children: Inline[]): Inline[] => {
    const problem = checkLinkUrl(url);
    if (problem) {
      report(node, problem, 'use an http, https or mailto link');
      return children;
    }
    // The annotation holds the URI escaped to ASCII: spaces, quotes and non-ASCII as %XX, an IDN host in punycode.
    return [{ kind: 'link', url: escapeLinkUrl(url), children, position: at(node) }];
  };
  const blocks = (nodes: RootContent[], parent: Nodes): Block[] => nested(parent, () => nodes.flatMap((node, i) => block(node, nodes[i + 1])));
  const block = (node: RootContent, next?: RootContent): Block[] => {
    switch (node.type) {
      case 'paragraph': {
        const children = inlines(node);
        return [{ kind: 'paragraph', children, introducesList: next?.type === 'list' && /:\s*$/.test(plainText(children)), position: at(node) }];
      }
      case 'heading': return [{ kind: 'heading', level: node.depth, children: inlines(node), position: at(node) }];
      case 'thematicBreak': return [{ kind: 'rule', position: at(node) }];
      case 'blockquote': return [{ kind: 'quote', children: blocks(node.children, node), position: at(node) }];
      case 'list': {
        const start = node.start ?? 1;
        const items: ListItem[] = node.children.map((item, i) => ({ number: start + i, children: blocks(item.children, item) }));
        return [{ kind: 'list', ordered: node.ordered === true, start, items, position: at(node) }];
      }
      // Code blocks and raw HTML blocks are shown as their literal text.
      case 'code':
      case 'html': return [{ kind: 'paragraph', children: [{ kind: 'text', value: node.value }], introducesList: false, position: at(node) }];
      case 'definition': return [];
      default: return [];
    }
  };
  const result = blocks(tree.children, tree);
  if (diagnostics.length > 0) throw new PressroomError(diagnostics);
  return result;
}
