// Converts the CommonMark body (an mdast tree) into our own Block/Inline types, checking links.
import { fromMarkdown } from 'mdast-util-from-markdown';
import type { Nodes, Parents, PhrasingContent, RootContent, Definition } from 'mdast';
import { PressroomError, errorAt } from '../diagnostics/PressroomError.js';
import type { Diagnostic } from '../diagnostics/types.js';
import type { Block, Inline, ListItem, Position } from './types.js';
import { checkLinkUrl } from './checkLinkUrl.js';

/** Where the body starts in its file, so positions in messages are file positions. */
export interface BodyOrigin {
  file: string;
  /** 1-based file line of the body's first line. */
  line: number;
}

/** Parses Markdown body text into blocks; unsupported constructs and bad links are errors with line:column. */
export function convertMarkdown(text: string, origin: BodyOrigin): Block[] {
  const tree = fromMarkdown(text);
  const definitions = new Map<string, Definition>();
  for (const node of tree.children) if (node.type === 'definition') definitions.set(node.identifier, node);
  const diagnostics: Diagnostic[] = [];
  const at = (node: Nodes): Position => ({ line: (node.position?.start.line ?? 1) + origin.line - 1, column: node.position?.start.column ?? 1 });
  const report = (node: Nodes, message: string, hint: string) => diagnostics.push(errorAt({ file: origin.file, ...at(node) }, message, hint, 'body'));

  const inlines = (parent: Parents): Inline[] => (parent.children as PhrasingContent[]).flatMap(inline);
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
    return [{ kind: 'link', url, children, position: at(node) }];
  };
  const blocks = (nodes: RootContent[]): Block[] => nodes.flatMap(block);
  const block = (node: RootContent): Block[] => {
    switch (node.type) {
      case 'paragraph': return [{ kind: 'paragraph', children: inlines(node), position: at(node) }];
      case 'heading': return [{ kind: 'heading', level: node.depth, children: inlines(node), position: at(node) }];
      case 'thematicBreak': return [{ kind: 'rule', position: at(node) }];
      case 'blockquote': return [{ kind: 'quote', children: blocks(node.children), position: at(node) }];
      case 'list': {
        const start = node.start ?? 1;
        const items: ListItem[] = node.children.map((item, i) => ({ number: start + i, children: blocks(item.children) }));
        return [{ kind: 'list', ordered: node.ordered === true, start, items, position: at(node) }];
      }
      // Code blocks and raw HTML blocks are shown as their literal text.
      case 'code':
      case 'html': return [{ kind: 'paragraph', children: [{ kind: 'text', value: node.value }], position: at(node) }];
      case 'definition': return [];
      default: return [];
    }
  };
  const result = blocks(tree.children);
  if (diagnostics.length > 0) throw new PressroomError(diagnostics);
  return result;
}
