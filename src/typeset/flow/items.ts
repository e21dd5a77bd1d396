// Flow items: block content flattened into a vertical sequence that pagination pours into regions.
import type { FoProps } from '../../fo/types.js';
import type { LineBox } from '../text/breakLines.js';

/** A line of text, placed at `x` from the region's start edge. */
export interface LineFlowItem {
  kind: 'line';
  line: LineBox;
  x: number;
  /** Whether a page or column break may come just before this line (widows, orphans, keeps). */
  breakBefore: boolean;
  /** Content drawn beside this line, from the same top (a list item's label). */
  beside: FlowItem[];
  /** Laid-out footnote bodies referenced on this line. */
  footnotes: FlowItem[][];
  /** Ids of elements that start on this line (page-number citations). */
  ids: string[];
  /** Ids of elements that end on this line (page-number-citation-last). */
  endIds: string[];
  /** The paragraph the line belongs to (shared by its lines) and the line's index in it. */
  paragraph: ParagraphInfo;
  index: number;
  /** The line ends a block with keep-with-next (a heading, a list introduction). */
  keepWithNext: boolean;
}

/** What pagination rules and reports need to know of a paragraph. */
export interface ParagraphInfo {
  lines: number;
  widows: number;
  orphans: number;
  justified: boolean;
}

/** Vertical space between blocks: dropped at the top of a column (XSL's conditional space). */
export interface SpaceFlowItem {
  kind: 'space';
  height: number;
  /** Padding and borders are never dropped; space-before/after are. */
  discardable: boolean;
}

/** Start or end of a block with a background or borders: pagination turns each fragment into a box. */
export interface DecoFlowItem {
  kind: 'open' | 'close';
  /** Pairs an open with its close. */
  id: number;
  /** Border-box start from the region's start edge, and width. */
  x: number;
  width: number;
  props: FoProps;
}

/** A forced break before the next item. */
export interface BreakFlowItem {
  kind: 'break';
  to: 'page' | 'column';
}

export type FlowItem = LineFlowItem | SpaceFlowItem | DecoFlowItem | BreakFlowItem;
