// Static content (letterheads, sidebars, footers, running heads) placed in its region, and remembered: the same
// content in the same region gives the same items on every page and in every document of a batch, so it is laid out
// once per process instead of once per page. A one-page release spends about a tenth of its render on its sidebar.
import { BoundedCache } from '../../cache/boundedCache.js';
import { SeenKeys } from '../../cache/seenKeys.js';
import type { FoElement } from '../../fo/types.js';
import type { LayoutContext } from '../context.js';
import type { FontMetrics } from '../fonts.js';
import { layoutBlocks } from '../flow/layoutBlocks.js';
import type { PageItem } from '../types.js';
import { fillColumn } from './fillColumn.js';
import type { Region } from './pageMasters.js';
import { heightOfFill, placeFill } from './placeFill.js';
import type { PlacedNumber } from './placeLine.js';

/**
 * Static contents remembered per cache generation. A batch has a handful that recur (its layouts' sidebars, footers
 * and running heads, per membership date); they stay, as the two generations keep what is found again. What is
 * remembered keeps its document's FO text alive (the parser's strings are slices of it), so only content met a second
 * time is remembered: a letterhead naming each release's reference never recurs, and used to take its turn here,
 * with its document, in every document of a batch (about 5 MiB of a 2-worker batch's peak RSS).
 */
const MAX_REMEMBERED = 16;
/** Static contents met once, remembered only when met again (see SeenKeys): many documents' letterheads. */
const MAX_SEEN = 4096;

/** Per font set (items hold its faces): the items of static contents, by key (see keyOf). */
const memos = new WeakMap<FontMetrics, { items: BoundedCache<string, readonly PageItem[]>; seen: SeenKeys }>();

/**
 * Lays out static content in its region, aligned by display-align, and appends its items to `out`; overflow is a
 * warning. Content seen before in the same place is not laid out again: its remembered items are appended.
 */
export function placeStatic(content: FoElement, region: Region, ctx: LayoutContext, numberAt: PlacedNumber, out: PageItem[]): void {
  const key = keyOf(content, region, ctx);
  if (key === undefined) return layOut(content, region, ctx, numberAt, out);
  let memo = memos.get(ctx.metrics);
  if (!memo) memos.set(ctx.metrics, (memo = { items: new BoundedCache(MAX_REMEMBERED), seen: new SeenKeys(MAX_SEEN) }));
  const remembered = memo.items.peek(key);
  if (remembered) {
    for (const item of remembered) out.push(item);
    return;
  }
  // Remembered only when the items depend on the key alone: not on the page's number, and not when the content
  // warned (a warning is the document's, and each document that has it must get it).
  let numbered = false;
  const first = out.length;
  const warnings = ctx.warnings.length;
  layOut(content, region, ctx, (source, refId) => ((numbered = true), numberAt(source, refId)), out);
  // Only content met before is remembered: a letterhead naming its release's reference is never met again.
  if (!numbered && ctx.warnings.length === warnings && memo.seen.metBefore(key)) memo.items.set(key, Object.freeze(out.slice(first)));
}

/** Lays out and places static content (see placeStatic). */
function layOut(content: FoElement, region: Region, ctx: LayoutContext, numberAt: PlacedNumber, out: PageItem[]): void {
  const items = layoutBlocks(content.children, content.props, region.rect.width, ctx, numberAt, [content]);
  const fill = fillColumn(items, 0, Number.POSITIVE_INFINITY, []);
  const used = heightOfFill(fill);
  if (used > region.rect.height + 0.5) ctx.warnings.push({ severity: 'warning', file: ctx.file, message: `the content of region "${region.name}" is ${(used - region.rect.height).toFixed(1)}pt taller than the region`, hint: 'make the region larger or its content smaller' });
  const align = region.element.props.displayAlign;
  const offset = align === 'center' ? (region.rect.height - used) / 2 : align === 'after' ? region.rect.height - used : 0;
  placeFill(fill, region.rect.x, region.rect.y + offset, out, numberAt);
}

/** Ids of the property sets (shared, frozen objects: see fo/sharedProps.ts) that keys name. */
const propsIds = new WeakMap<object, number>();
let nextPropsId = 0;

/**
 * Everything the items depend on, as one string; undefined when the content cannot be remembered.
 * - The content's own FO text (what the parser kept as `source`) and where it starts: the same text at the same
 *   line:column parses to the same elements at the same places (the tagged PDF orders structure by them).
 * - Its inherited properties, as the id of their shared object (same attributes under the same parents).
 * - The region's rectangle and alignment, and how lines are broken.
 * Images are read per document, so content with one is not remembered.
 */
function keyOf(content: FoElement, region: Region, ctx: LayoutContext): string | undefined {
  const source = content.source;
  if (source === undefined || source.includes('external-graphic')) return undefined;
  let id = propsIds.get(content.props);
  if (id === undefined) propsIds.set(content.props, (id = nextPropsId++));
  const { x, y, width, height } = region.rect;
  return `${id} ${x} ${y} ${width} ${height} ${region.element.props.displayAlign} ${ctx.lineBreaking ?? ''} ${content.position.line}:${content.position.column}\u0000${source}`;
}
