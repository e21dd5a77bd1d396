// The lay-out stage: FoTree → PageLayout. Pages from their masters, the flow poured through body columns, then static content.
import { fail } from '../diagnostics/PressroomError.js';
import type { FoDocument, FoElement } from '../fo/types.js';
import type { LayoutContext } from './context.js';
import { layoutBlocks } from './flow/layoutBlocks.js';
import type { FlowItem, LineFlowItem } from './flow/items.js';
import { typoStatsOf, type TypoStats } from './typoStats.js';
import { decorate } from './pages/decorate.js';
import { fillColumn, openBoxesAt, type ColumnFill, type OpenItem } from './pages/fillColumn.js';
import { masterForPage, readMasters, type Masters, type PageMaster, type Region } from './pages/pageMasters.js';
import { placeFill } from './pages/placeFill.js';
import { placeStatic } from './pages/staticContent.js';
import type { Page, PageItem, PageLayout } from './types.js';

/** Page numbers known after pagination: per id, the first and last page it is on. */
type PageNumbers = Map<string, { first: number; last: number }>;

/** Lays out every page-sequence of the document. */
export function layoutDocument(doc: FoDocument, ctx: LayoutContext): PageLayout {
  const elements = (el: FoElement, name: string) => el.children.filter((c): c is FoElement => c.kind === 'element' && c.name === name);
  const set = elements(doc.root, 'layout-master-set')[0];
  if (!set) fail({ file: doc.file }, 'the document has no fo:layout-master-set', 'add the page masters');
  const masters = readMasters(set, ctx.file);
  const pages: Page[] = [];
  const columns: { page: number; lines: LineFlowItem[] }[] = [];
  for (const sequence of elements(doc.root, 'page-sequence')) {
    const { drawn, poured } = layoutSequence(sequence, masters, ctx, pages.length);
    poured.forEach((page, i) => page.columns.forEach((c) => columns.push({ page: pages.length + i + 1, lines: c.lines.map((l) => l.item) })));
    pages.push(...drawn);
  }
  if (pages.length === 0) fail({ file: doc.file }, 'the document has no fo:page-sequence', 'add a page-sequence with a flow');
  return new LaidOutPages(pages, columns);
}

/**
 * The pages, with typographic figures computed when first asked for (they serve reports and tests, not drawing).
 * A class, not an object literal with a getter: V8 gives each such literal's getter a closure of its own, and kept the
 * last ones reachable from the literal's shared hidden class for minor GCs. Each document's `columns`, and through them
 * all its lines, frags and styles, then lived until a full GC (~250 kB a document promoted to the old generation).
 */
class LaidOutPages implements PageLayout {
  readonly #columns: { page: number; lines: LineFlowItem[] }[];
  #stats: TypoStats | undefined;

  constructor(
    readonly pages: Page[],
    columns: { page: number; lines: LineFlowItem[] }[],
  ) {
    this.#columns = columns;
  }

  get stats(): TypoStats {
    return (this.#stats ??= typoStatsOf(this.#columns));
  }
}

/** One page-sequence: pour the flow (twice if the flow itself cites page numbers), then add static content. */
function layoutSequence(sequence: FoElement, masters: Masters, ctx: LayoutContext, pagesBefore: number): { drawn: Page[]; poured: PouredPage[] } {
  const reference = sequence.attrs['master-reference'];
  if (!reference) fail({ file: ctx.file }, `fo:page-sequence needs a master-reference (filled FO line ${sequence.position.line})`);
  const firstNumber = sequence.attrs['initial-page-number'] ? Number(sequence.attrs['initial-page-number']) : pagesBefore + 1;
  const flow = sequence.children.find((c): c is FoElement => c.kind === 'element' && c.name === 'flow');
  if (!flow) fail({ file: ctx.file }, 'fo:page-sequence has no fo:flow', 'add <fo:flow flow-name="xsl-region-body">');
  // 1. One column width for the whole flow: the narrowest of the first and following pages' columns.
  const columnWidth = Math.min(...[0, 1].map((i) => columnsOf(masterForPage(masters, reference, i, ctx.file).body)[0].width));
  // 2. Pour the flow; if it cites page numbers, pour again with the numbers of the first pass.
  let numbers: PageNumbers = new Map();
  let citesNumbers = false;
  const numberText = (source: string, refId: string | null) => {
    citesNumbers = true;
    const n = refId ? numbers.get(refId) : undefined;
    return n ? String(source === 'citation-last' ? n.last : n.first) : undefined;
  };
  let poured = pourFlow(layoutBlocks(flow.children, flow.props, columnWidth, ctx, numberText, [flow]), masters, reference, ctx);
  numbers = numbersOf(poured, firstNumber, sequence.attrs.id);
  if (citesNumbers) {
    poured = pourFlow(layoutBlocks(flow.children, flow.props, columnWidth, ctx, numberText, [flow]), masters, reference, ctx);
    numbers = numbersOf(poured, firstNumber, sequence.attrs.id);
  }
  // 3. Draw each page: region backgrounds, static content (now that numbers are known), the body's boxes and lines.
  const statics = new Map(sequence.children.filter((c): c is FoElement => c.kind === 'element' && c.name === 'static-content').map((s) => [s.attrs['flow-name'], s]));
  return { drawn: poured.map((page, i) => drawPage(page, firstNumber + i, numbers, statics, ctx)), poured };
}

/** A page's master and what each of its body columns received. */
interface PouredPage {
  master: PageMaster;
  columns: ColumnFill[];
}

/** Pours flow items through pages and columns until none are left. */
function pourFlow(items: FlowItem[], masters: Masters, reference: string, ctx: LayoutContext): PouredPage[] {
  const pages: PouredPage[] = [];
  let position = 0;
  let carried: OpenItem[] = [];
  do {
    if (pages.length >= ctx.maxPages) fail({ file: ctx.file }, `the document needs more than ${ctx.maxPages} pages`, 'shorten the release, or raise the page limit (--max-pages)');
    const master = masterForPage(masters, reference, pages.length, ctx.file);
    const columns: ColumnFill[] = [];
    for (const column of columnsOf(master.body)) {
      if (position >= items.length) break;
      const fill = fillColumn(items, position, column.height, carried);
      if (fill.overflow) ctx.warnings.push({ severity: 'warning', file: ctx.file, message: `content taller than a page was placed on page ${pages.length + 1} and overflows it`, hint: 'allow it to break (keep-together) or shorten it' });
      carried = openBoxesAt(items, position, fill.end, carried);
      position = fill.end;
      columns.push(fill);
      if (fill.forced === 'page') break;
    }
    pages.push({ master, columns });
  } while (position < items.length);
  return pages;
}

/** The columns of a body region, as rectangles. */
function columnsOf(body: Region): { x: number; y: number; width: number; height: number }[] {
  const n = body.columnCount;
  const width = (body.rect.width - body.columnGap * (n - 1)) / n;
  return Array.from({ length: n }, (_, i) => ({ x: body.rect.x + i * (width + body.columnGap), y: body.rect.y, width, height: body.rect.height }));
}

/** First and last page of every id, and of the page-sequence's own id. */
function numbersOf(pages: PouredPage[], firstNumber: number, sequenceId: string | undefined): PageNumbers {
  const numbers: PageNumbers = new Map();
  pages.forEach((page, i) => {
    const n = firstNumber + i;
    for (const column of page.columns) {
      for (const { item } of column.lines) {
        for (const id of item.ids) if (!numbers.has(id)) numbers.set(id, { first: n, last: n });
        for (const id of item.endIds) numbers.set(id, { first: numbers.get(id)?.first ?? n, last: n });
      }
    }
  });
  if (sequenceId) numbers.set(sequenceId, { first: firstNumber, last: firstNumber + pages.length - 1 });
  return numbers;
}

/** All items of one page. */
function drawPage(page: PouredPage, number: number, numbers: PageNumbers, statics: Map<string | undefined, FoElement>, ctx: LayoutContext): Page {
  const items: PageItem[] = [];
  const numberAt = (source: string, refId: string | null) => {
    if (source === 'page') return String(number);
    const n = refId ? numbers.get(refId) : undefined;
    if (!n) fail({ file: ctx.file }, `page-number-citation refers to "${refId}", which no element has as its id`, 'check ref-id against the ids in the layout');
    return String(source === 'citation-last' ? n.last : n.first);
  };
  const { master } = page;
  // Regions' own backgrounds and borders first, beneath everything.
  for (const region of [master.body, ...master.sides]) {
    const p = region.element.props;
    decorate(p, region.rect.x - p.padding[3] - p.border[3].width, region.rect.y - p.padding[0] - p.border[0].width, region.rect.width + p.padding[1] + p.padding[3] + p.border[1].width + p.border[3].width, region.rect.height + p.padding[0] + p.padding[2] + p.border[0].width + p.border[2].width, items);
  }
  // Static content of the side regions, laid out now that page numbers are known.
  for (const region of master.sides) {
    const content = statics.get(region.name);
    if (content) placeStatic(content, region, ctx, numberAt, items);
  }
  // The body: boxes, then lines, then footnotes, column by column.
  columnsOf(master.body).forEach((column, i) => {
    const fill = page.columns[i];
    if (!fill) return;
    placeFill(fill, column.x, column.y, items, numberAt);
  });
  return { width: master.width, height: master.height, items, master: master.name };
}
