// Pours flow items into one column: finds where the column must end (keeps, widows, orphans, footnotes) and places what fits.
import type { DecoFlowItem, FlowItem, LineFlowItem } from '../flow/items.js';

/** The start of a box (a block with background or borders). */
export type OpenItem = DecoFlowItem & { kind: 'open' };

/** A line placed in a column, top from the column's top. */
export interface PlacedLine {
  item: LineFlowItem;
  top: number;
}

/** A box (background/borders) fragment in a column. */
export interface PlacedBox {
  item: FlowItem & { kind: 'open' };
  top: number;
  bottom: number;
}

/** What went into a column. */
export interface ColumnFill {
  /** Index of the first item not placed. */
  end: number;
  lines: PlacedLine[];
  boxes: PlacedBox[];
  /** Footnote lines, top from the column top. */
  footnotes: PlacedLine[];
  /** A forced break ends this column; `page` ends the page too. */
  forced: 'page' | 'column' | null;
  /** Something had to be placed although it does not fit. */
  overflow: boolean;
}

/** Height of a laid-out footnote body. */
function heightOf(items: FlowItem[]): number {
  return items.reduce((h, i) => h + (i.kind === 'line' ? i.line.height : i.kind === 'space' ? i.height : 0), 0);
}

/** Fills a column of `height` from `items[start]`, carrying boxes still open from the previous column. */
export function fillColumn(items: FlowItem[], start: number, height: number, carried: OpenItem[]): ColumnFill {
  // 1. Scan forward, remembering the last place a break is allowed, until something does not fit.
  let y = 0;
  let footnoteHeight = 0;
  let lines = 0;
  let lastBreak: { index: number; y: number; footnotes: number; lines: number } | null = null;
  let end = items.length;
  let forced: ColumnFill['forced'] = null;
  let overflow = false;
  let i = start;
  for (; i < items.length; i++) {
    const item = items[i];
    if (item.kind === 'break') {
      if (lines > 0) {
        end = i + 1;
        forced = item.to;
        break;
      }
      continue;
    }
    if (item.kind === 'space') {
      if (lines > 0 || !item.discardable) y += item.height;
      continue;
    }
    if (item.kind !== 'line') continue;
    if (lines > 0 && item.breakBefore) lastBreak = { index: breakIndexBefore(items, i, start), y, footnotes: footnoteHeight, lines };
    const notes = item.footnotes.reduce((h, f) => h + heightOf(f), 0);
    if (lines > 0 && y + item.line.height + footnoteHeight + notes > height + 1e-6) {
      end = lastBreak ? lastBreak.index : i;
      break;
    }
    if (lines === 0 && y + item.line.height + notes > height + 1e-6) overflow = true;
    y += item.line.height;
    footnoteHeight += notes;
    lines++;
  }
  if (i >= items.length) end = items.length;
  // 2. Place the items before `end`: lines, boxes, and the footnotes of placed lines at the column foot.
  return { ...placeItems(items, start, end, height, carried), end, forced, overflow };
}

/** A break before line `i` goes before the box starts and spaces that lead to it, so a block moves whole with its top border. */
function breakIndexBefore(items: FlowItem[], i: number, start: number): number {
  let k = i;
  while (k - 1 > start && (items[k - 1].kind === 'open' || items[k - 1].kind === 'space')) k--;
  return k;
}

/** Positions items[start, end) in the column. */
function placeItems(items: FlowItem[], start: number, end: number, height: number, carried: OpenItem[]): Omit<ColumnFill, 'end' | 'forced' | 'overflow'> {
  const lines: PlacedLine[] = [];
  const boxes: PlacedBox[] = [];
  const open = new Map<number, { item: FlowItem & { kind: 'open' }; top: number }>(carried.map((c) => [c.id, { item: c, top: 0 }]));
  const notes: FlowItem[][] = [];
  let y = 0;
  for (let i = start; i < end; i++) {
    const item = items[i];
    if (item.kind === 'space') {
      if (lines.length > 0 || !item.discardable) y += item.height;
    } else if (item.kind === 'line') {
      lines.push({ item, top: y });
      y += item.line.height;
      notes.push(...item.footnotes);
    } else if (item.kind === 'open') open.set(item.id, { item: item as OpenItem, top: y });
    else if (item.kind === 'close') {
      const o = open.get(item.id);
      if (o) boxes.push({ item: o.item, top: o.top, bottom: y });
      open.delete(item.id);
    }
  }
  // Boxes still open continue in the next column: this fragment ends at the last content.
  for (const o of open.values()) boxes.push({ item: o.item, top: o.top, bottom: y });
  const footnotes: PlacedLine[] = [];
  let fy = height - notes.reduce((h, n) => h + heightOf(n), 0);
  for (const note of notes) {
    for (const n of note) {
      if (n.kind === 'line') {
        footnotes.push({ item: n, top: fy });
        fy += n.line.height;
      } else if (n.kind === 'space') fy += n.height;
    }
  }
  return { lines, boxes, footnotes };
}

/** Boxes opened before `end` and not closed: they continue in the next column. */
export function openBoxesAt(items: FlowItem[], start: number, end: number, carried: OpenItem[]): OpenItem[] {
  const open = new Map(carried.map((c) => [c.id, c]));
  for (let i = start; i < end; i++) {
    const item = items[i];
    if (item.kind === 'open') open.set(item.id, item as OpenItem);
    else if (item.kind === 'close') open.delete(item.id);
  }
  return [...open.values()];
}
