// Lays out block-level FO content (blocks, lists, containers) for a region width into flow items.
import type { FoElement, FoNode, FoProps } from '../../fo/types.js';
import { fail } from '../../diagnostics/PressroomError.js';
import type { LayoutContext } from '../context.js';
import type { LineBox } from '../text/breakLines.js';
import { collectInlines, styleOf } from '../text/collectInlines.js';
import type { InlinePiece } from '../text/pieces.js';
import { paragraphLines } from '../text/paragraphLines.js';
import type { FlowItem, LineFlowItem, ParagraphInfo } from './items.js';

/** Gives the text of a page number once it is known (undefined before pagination). */
export type NumberText = (source: string, refId: string | null) => string | undefined;

/** State shared while one flow is laid out. */
interface FlowState {
  ctx: LayoutContext;
  regionWidth: number;
  numberText: NumberText;
  items: FlowItem[];
  /** Index in `items` where the outermost keep-together block began (-1: before these items), or null. */
  keepStart: number | null;
  /** The previous block said keep-with-next: no break before the next line. */
  keepPending: boolean;
  /** Ids of blocks opened since the last line: they start on the next line. */
  pendingIds: string[];
  nextDecoId: number;
}

/** Lays out the block-level children of a flow, static content or footnote body. */
export function layoutBlocks(nodes: FoNode[], parent: FoProps, regionWidth: number, ctx: LayoutContext, numberText: NumberText, path: readonly FoElement[] = []): FlowItem[] {
  const state: FlowState = { ctx, regionWidth, numberText, items: [], keepStart: null, keepPending: false, pendingIds: [], nextDecoId: 0 };
  layoutChildren(nodes, parent, state, path);
  return mergeSpaces(state.items);
}

/** Lays out mixed content: runs of inline content become paragraphs, block children recurse. */
function layoutChildren(nodes: FoNode[], props: FoProps, state: FlowState, path: readonly FoElement[]): void {
  let run: FoNode[] = [];
  const flush = () => {
    if (hasInlineContent(run)) layoutParagraph(collectInlines(run, props, state.ctx, path), props, state, path);
    run = [];
  };
  for (const node of nodes) {
    if (node.kind === 'element' && isBlockLevel(node) && !(run.length && isEmptyBlock(node) && hasInlineContent(run))) {
      flush();
      layoutBlock(node, state, [...path, node]);
    } else run.push(node);
  }
  flush();
}

function isBlockLevel(node: FoElement): boolean {
  return ['block', 'block-container', 'list-block', 'list-item'].includes(node.name);
}

/** A character `trim` would keep: tested in place, where trimming made a string of every text node. */
const NOT_SPACE = /\S/;

/** An empty fo:block between inline content is a line break, handled by the paragraph. */
function isEmptyBlock(node: FoElement): boolean {
  return node.name === 'block' && node.children.every((c) => c.kind === 'text' && !NOT_SPACE.test(c.text));
}

function hasInlineContent(run: FoNode[]): boolean {
  return run.some((n) => n.kind === 'element' || NOT_SPACE.test(n.text));
}

/** A block, block-container or list: spaces, decorations, keeps and breaks around its content. */
function layoutBlock(node: FoElement, state: FlowState, path: readonly FoElement[]): void {
  const p = node.props;
  if (p.breakBefore !== 'auto') state.items.push({ kind: 'break', to: p.breakBefore });
  if (p.keepWithPrevious) state.keepPending = true;
  state.items.push({ kind: 'space', height: p.spaceBefore, discardable: true });
  const decorated = p.backgroundColor !== null || p.border.some((b) => b.width > 0);
  const decoId = state.nextDecoId++;
  const contentStart = p.startIndent;
  const contentEnd = node.name === 'block-container' && p.width ? contentStart + lengthOf(p.width, state.regionWidth) : contentEndOf(p, state.regionWidth);
  if (decorated) {
    const x = contentStart - p.padding[3] - p.border[3].width;
    state.items.push({ kind: 'open', id: decoId, x, width: contentEnd + p.padding[1] + p.border[1].width - x, props: p });
  }
  const top = p.padding[0] + p.border[0].width;
  if (top > 0) state.items.push({ kind: 'space', height: top, discardable: false });
  if (p.id) state.pendingIds.push(p.id);
  const opensKeep = p.keepTogether && state.keepStart === null;
  if (opensKeep) state.keepStart = state.items.length;
  const before = state.items.length;
  if (node.name === 'list-block') layoutList(node, state, path);
  else if (node.name === 'block-container') layoutContainer(node, state, path, contentStart, contentEnd);
  else layoutChildren(node.children, p, state, path);
  if (node.name === 'block-container' && p.height) padToHeight(state.items, before, lengthOf(p.height, state.regionWidth));
  if (opensKeep) state.keepStart = null;
  markLastLineEnds(state.items, before, p.id);
  if (p.keepWithNext) markKeepWithNext(state.items, before);
  const bottom = p.padding[2] + p.border[2].width;
  if (bottom > 0) state.items.push({ kind: 'space', height: bottom, discardable: false });
  if (decorated) state.items.push({ kind: 'close', id: decoId, x: 0, width: 0, props: p });
  state.items.push({ kind: 'space', height: p.spaceAfter, discardable: true });
  if (p.keepWithNext) state.keepPending = true;
  if (p.breakAfter !== 'auto') state.items.push({ kind: 'break', to: p.breakAfter });
}

/** Resolves a length that may be a percentage of `base`. */
function lengthOf(l: { pt: number } | { percent: number }, base: number): number {
  return 'pt' in l ? l.pt : (base * l.percent) / 100;
}

/**
 * A block-container is a reference area: its content is laid out in the container's own width (indents of the blocks
 * inside count from its edges, as in FOP), then moved to where the container starts.
 */
function layoutContainer(node: FoElement, state: FlowState, path: readonly FoElement[], start: number, end: number): void {
  const width = end - start;
  if (!(width > 0)) fail({ file: state.ctx.file }, `fo:block-container is ${Number.isFinite(width) ? `${width.toFixed(1)}pt` : String(width)} wide (filled FO line ${node.position.line})`, 'give it a positive width, or none to take the column\'s');
  const inner: FlowState = { ...state, regionWidth: width, items: [], keepStart: state.keepStart !== null ? -1 : null };
  layoutChildren(node.children, { ...node.props, startIndent: 0, endIndent: 0, labelEndAt: null }, inner, path);
  for (const item of inner.items) state.items.push(shifted(item, start));
  state.keepPending = inner.keepPending;
  state.pendingIds = inner.pendingIds;
  state.nextDecoId = inner.nextDecoId;
}

/** An item moved right by `dx` (with what stands beside it). */
function shifted(item: FlowItem, dx: number): FlowItem {
  if (item.kind === 'line') return { ...item, x: item.x + dx, beside: item.beside.map((b) => shifted(b, dx)) };
  if (item.kind === 'open') return { ...item, x: item.x + dx };
  return item;
}

/** A block-container with a height: space after its content makes up the difference. */
function padToHeight(items: FlowItem[], from: number, height: number): void {
  const used = items.slice(from).reduce((h, i) => h + (i.kind === 'line' ? i.line.height : i.kind === 'space' ? i.height : 0), 0);
  if (height > used) items.push({ kind: 'space', height: height - used, discardable: false });
}

/** The content end edge from the region's start: end-indent, or label-end() for list labels. */
function contentEndOf(p: FoProps, regionWidth: number): number {
  return p.labelEndAt !== null ? p.labelEndAt : regionWidth - p.endIndent;
}

/** Records that the element `id` ends on the last line laid out since `from`. */
function markLastLineEnds(items: FlowItem[], from: number, id: string | null): void {
  if (!id) return;
  for (let i = items.length - 1; i >= from; i--) {
    const item = items[i];
    if (item.kind === 'line') return void item.endIds.push(id);
  }
}

/** Marks the last line laid out since `from` as keeping with what follows. */
function markKeepWithNext(items: FlowItem[], from: number): void {
  for (let i = items.length - 1; i >= from; i--) {
    const item = items[i];
    if (item.kind === 'line') return void (item.keepWithNext = true);
  }
}

/** A list: each item's label lines ride beside the first line of its body. */
function layoutList(list: FoElement, state: FlowState, path: readonly FoElement[]): void {
  for (const item of list.children) {
    if (item.kind !== 'element' || item.name !== 'list-item') continue;
    const label = item.children.find((c): c is FoElement => c.kind === 'element' && c.name === 'list-item-label');
    const body = item.children.find((c): c is FoElement => c.kind === 'element' && c.name === 'list-item-body');
    const p = item.props;
    // Inside an enclosing keep, every break in this item is forbidden (-1: the keep began before these items).
    const itemState: FlowState = { ...state, items: [], keepStart: state.keepStart !== null ? -1 : p.keepTogether ? 0 : null };
    itemState.items.push({ kind: 'space', height: p.spaceBefore, discardable: true });
    if (body) layoutChildren(body.children, body.props, itemState, [...path, item, body]);
    itemState.items.push({ kind: 'space', height: p.spaceAfter, discardable: true });
    const labelItems = label ? layoutBlocks(label.children, label.props, state.regionWidth, state.ctx, state.numberText, [...path, item, label]) : [];
    const firstLine = itemState.items.find((i): i is LineFlowItem => i.kind === 'line');
    if (firstLine) firstLine.beside.push(...labelItems);
    state.items.push(...itemState.items);
    state.keepPending = itemState.keepPending;
    state.pendingIds = itemState.pendingIds;
  }
}

/** A paragraph: pieces → words → lines, with widows/orphans and keeps deciding where breaks may fall. */
function layoutParagraph(pieces: InlinePiece[], p: FoProps, state: FlowState, path: readonly FoElement[]): void {
  const width = Math.max(1, contentEndOf(p, state.regionWidth) - p.startIndent);
  const lines = paragraphLines(pieces, { width, props: p, strut: styleOf(p, state.ctx, null, false, 0, path) }, state.ctx, state.numberText);
  const paragraph: ParagraphInfo = { lines: lines.length, widows: p.widows, orphans: p.orphans, justified: p.textAlign === 'justify' };
  lines.forEach((line, i) => {
    if (line.overfull) state.ctx.warnings.push({ severity: 'warning', file: state.ctx.file, message: `a line is wider than its column: "${lineText(line).slice(0, 60)}"`, hint: 'shorten the word or allow it to break' });
    const insideKeep = state.keepStart !== null && (state.keepStart < 0 || i > 0 || hasLineFrom(state.items, state.keepStart));
    const orphansOk = i === 0 || (i >= p.orphans && lines.length - i >= p.widows);
    const item: LineFlowItem = {
      kind: 'line',
      line,
      x: p.startIndent,
      breakBefore: !insideKeep && orphansOk && !(i === 0 && state.keepPending),
      beside: [],
      footnotes: line.footnotes.map((note) => layoutBlocks(note.body.children, note.body.props, state.regionWidth, state.ctx, state.numberText, note.path)),
      ids: i === 0 ? state.pendingIds.splice(0) : [],
      endIds: [],
      paragraph,
      index: i,
      keepWithNext: false,
    };
    state.items.push(item);
  });
  state.keepPending = false;
}

/** Whether a line was laid out at or after `from` (a loop: a long keep-together block asks this for every paragraph). */
function hasLineFrom(items: FlowItem[], from: number): boolean {
  for (let i = from; i < items.length; i++) if (items[i].kind === 'line') return true;
  return false;
}

/** The text of a line, for messages. */
function lineText(line: LineBox): string {
  return line.frags.map((f) => (f.frag.kind === 'text' ? f.frag.text : ' ') + (f.spaceAfter ? ' ' : '')).join('');
}

/** Adjacent spaces resolve to the largest (XSL space resolution with equal precedence). */
function mergeSpaces(items: FlowItem[]): FlowItem[] {
  const out: FlowItem[] = [];
  for (const item of items) {
    const prev = out[out.length - 1];
    if (item.kind === 'space' && item.discardable && prev?.kind === 'space' && prev.discardable) prev.height = Math.max(prev.height, item.height);
    else if (!(item.kind === 'space' && item.height === 0)) out.push(item.kind === 'space' ? { ...item } : item);
  }
  return out;
}
