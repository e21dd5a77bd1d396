// Which PDF structure type each FO element of an item's path stands for: the FO → tagged-PDF mapping in one table.
import type { FoElement } from '../fo/types.js';

/** What an FO element becomes in the structure tree. */
export type StructureRole =
  /** A structure element of this standard type (P, H1, L, LI, Link, Aside…). */
  | { kind: 'element'; type: string; lang?: string }
  /** No element of its own: its content belongs to the nearest ancestor that has one. */
  | { kind: 'transparent' }
  /** Not content: letterheads, running heads, footers, rules. */
  | { kind: 'artifact'; type: 'Pagination' | 'Layout' };

const TRANSPARENT: StructureRole = { kind: 'transparent' };

/** Structure types by FO element name, for elements that always make one. */
const ELEMENT_TYPES: Record<string, string> = {
  'list-block': 'L',
  'list-item': 'LI',
  'list-item-label': 'Lbl',
  'list-item-body': 'LBody',
  'basic-link': 'Link',
  'footnote-body': 'Note',
};

/** FO elements that hold blocks: a block containing one of them is a grouping (Div), not a paragraph. */
const BLOCK_LEVEL = new Set(['block', 'block-container', 'list-block']);

/**
 * The role of `el`, the element at `depth` of an item's path. A `role` attribute wins (H1…H6, P, Aside, Note,
 * Artifact…); static content without one is a pagination artifact; blocks are paragraphs unless they hold blocks.
 */
export function structureRoleOf(path: readonly FoElement[], depth: number): StructureRole {
  const el = path[depth]!;
  const lang = el.attrs['xml:lang'] ?? el.attrs.language;
  const role = el.attrs.role;
  if (role === 'Artifact') return { kind: 'artifact', type: el.name === 'static-content' ? 'Pagination' : 'Layout' };
  if (role) return withLang({ kind: 'element', type: role }, lang);
  switch (el.name) {
    case 'flow':
      return TRANSPARENT;
    case 'static-content':
      return { kind: 'artifact', type: 'Pagination' };
    case 'block':
      // A label's block is the label itself ("•", "1."): its text belongs to the Lbl.
      if (path[depth - 1]?.name === 'list-item-label') return TRANSPARENT;
      return withLang({ kind: 'element', type: holdsBlocks(el) ? 'Div' : 'P' }, lang);
    case 'inline':
      return lang ? { kind: 'element', type: 'Span', lang } : TRANSPARENT;
    default: {
      const type = ELEMENT_TYPES[el.name];
      return type ? withLang({ kind: 'element', type }, lang) : TRANSPARENT;
    }
  }
}

function withLang(role: { kind: 'element'; type: string }, lang: string | undefined): StructureRole {
  return lang ? { ...role, lang } : role;
}

function holdsBlocks(el: FoElement): boolean {
  return el.children.some((c) => c.kind === 'element' && BLOCK_LEVEL.has(c.name));
}

/** The text an element holds, whitespace collapsed (for bookmarks and a link's alternate text). */
export function textOf(el: FoElement): string {
  const parts: string[] = [];
  const walk = (e: FoElement) => {
    for (const c of e.children) {
      if (c.kind === 'text') parts.push(c.text);
      else walk(c);
    }
  };
  walk(el);
  return parts.join('').replace(/\s+/g, ' ').trim();
}
