// Draws what a column received: box backgrounds and borders, lines with what stands beside them, footnotes.
import type { FlowItem } from '../flow/items.js';
import type { PageItem } from '../types.js';
import { decorate } from './decorate.js';
import { fillColumn, type ColumnFill } from './fillColumn.js';
import { placeLine, type PlacedNumber } from './placeLine.js';

/** Appends the page items of a filled column whose top-left is (left, top). */
export function placeFill(fill: Pick<ColumnFill, 'boxes' | 'lines' | 'footnotes'>, left: number, top: number, out: PageItem[], numberAt: PlacedNumber): void {
  for (const box of fill.boxes) decorate(box.item.props, left + box.item.x, top + box.top, box.item.width, box.bottom - box.top, out);
  for (const { item, top: y } of [...fill.lines, ...fill.footnotes]) {
    placeLine(item, left, top + y, out, numberAt);
    if (item.beside.length) placeItems(item.beside, left, top + y, out, numberAt);
  }
}

/** Places unpaginated items (static content, list labels) from (left, top); returns the height used. */
export function placeItems(items: FlowItem[], left: number, top: number, out: PageItem[], numberAt: PlacedNumber): number {
  const fill = fillColumn(items, 0, Number.POSITIVE_INFINITY, []);
  placeFill(fill, left, top, out, numberAt);
  return heightOfFill(fill);
}

/** The height a fill's lines and boxes reach. */
export function heightOfFill(fill: Pick<ColumnFill, 'boxes' | 'lines'>): number {
  const lines = fill.lines.reduce((h, l) => Math.max(h, l.top + l.item.line.height), 0);
  return fill.boxes.reduce((h, b) => Math.max(h, b.bottom), lines);
}
