// Inline pieces: the flat content of one paragraph (text runs, page numbers, leaders, graphics, footnotes) with resolved styles.
import type { FoElement, Length } from '../../fo/types.js';
import type { FontFace } from '../fonts.js';

/** How a run of text looks. */
export interface TextStyle {
  face: FontFace;
  size: number;
  color: string;
  lineHeight: number;
  /** URL of the enclosing link, if any. */
  link: string | null;
  underline: boolean;
  /** Baseline shift upwards in points. */
  shift: number;
  /** The FO elements the text is in, outermost first (flow or static-content … block … inline): for tagging. */
  path: readonly FoElement[];
  /** How words of this text may be hyphenated, or null when they may not (hyphenate="false" or no language). */
  hyphenation: { language: string; remain: number; push: number; character: string } | null;
}

/** A footnote body referred to from the text, with the elements around its fo:footnote. */
export interface FootnoteRef {
  body: FoElement;
  path: readonly FoElement[];
}

/** One piece of a paragraph's inline content. */
export type InlinePiece =
  | { kind: 'text'; text: string; style: TextStyle }
  /** A page number known only after pagination: `page` is the current page, `citation` a cited element's page. */
  | { kind: 'number'; source: 'page' | 'citation' | 'citation-last'; refId: string | null; style: TextStyle }
  | { kind: 'leader'; pattern: 'space' | 'rule'; length: Length | null; thickness: number; style: TextStyle }
  | { kind: 'graphic'; src: string; width: number; height: number; style: TextStyle }
  /** A footnote body to place at the foot of the page where this point of the text lands. */
  | { kind: 'footnote'; body: FoElement; path: readonly FoElement[] }
  /** A forced line break (an empty fo:block inside a paragraph). */
  | { kind: 'break' };
