// Builds small FO documents around a flow snippet and lays them out with the fake metrics, for exact-number tests.
import { parseFo } from '../../src/fo/parseFo.js';
import type { LayoutContext } from '../../src/typeset/context.js';
import { layoutDocument } from '../../src/typeset/layoutDocument.js';
import type { PageItem, PageLayout, TextItem } from '../../src/typeset/types.js';
import { createFakeMetrics, type FakeMetricsOptions } from '../helpers/fakeMetrics.js';

/**
 * The default page: 140 × 100 pt with 20 pt margins, so the body is 100 pt wide and 60 pt high.
 * The flow is set at 10 pt with 12 pt lines: every character is 5 pt wide, 20 fit in a line, 5 lines fit in a page.
 */
export const PAGE = { width: 140, height: 100, margin: 20, bodyWidth: 100, bodyHeight: 60, lineHeight: 12, baseline: 9, charWidth: 5 } as const;

/** What a test may change around its flow snippet. */
export interface FoOptions {
  /** Extra attributes of fo:flow (default: font-size 10pt, line-height 12pt). */
  flowAttrs?: string;
  /** Extra attributes of fo:region-body. */
  bodyAttrs?: string;
  /** Attributes of fo:page-sequence besides master-reference. */
  sequenceAttrs?: string;
  /** Replaces the whole layout-master-set content (then `masterReference` names the master to use). */
  masters?: string;
  masterReference?: string;
  /** fo:static-content elements placed before the flow. */
  statics?: string;
}

/** A one-page-master FO document whose flow holds `snippet`. */
export function foDocument(snippet: string, o: FoOptions = {}): string {
  const m = PAGE.margin;
  const masters = o.masters ?? `<fo:simple-page-master master-name="page" page-width="${PAGE.width}pt" page-height="${PAGE.height}pt" margin="${m}pt"><fo:region-body ${o.bodyAttrs ?? ''}/></fo:simple-page-master>`;
  return `<?xml version="1.0" encoding="UTF-8"?>
<fo:root xmlns:fo="http://www.w3.org/1999/XSL/Format">
<fo:layout-master-set>${masters}</fo:layout-master-set>
<fo:page-sequence master-reference="${o.masterReference ?? 'page'}" ${o.sequenceAttrs ?? ''}>${o.statics ?? ''}<fo:flow flow-name="xsl-region-body" font-size="10pt" line-height="12pt" ${o.flowAttrs ?? ''}>${snippet}</fo:flow></fo:page-sequence>
</fo:root>`;
}

/** Options of a layout run. */
export interface RunOptions extends FoOptions, FakeMetricsOptions {
  maxPages?: number;
}

/** Parses and lays out the document around `snippet`; returns the layout and the context (for warnings). */
export function layoutSnippet(snippet: string, o: RunOptions = {}): { layout: PageLayout; ctx: LayoutContext } {
  return layoutFo(foDocument(snippet, o), o);
}

/** Parses and lays out a whole FO document with the fake metrics. */
export function layoutFo(fo: string, o: RunOptions = {}): { layout: PageLayout; ctx: LayoutContext } {
  const doc = parseFo('test.fo', fo);
  const ctx: LayoutContext = { metrics: createFakeMetrics(o), images: new Map(), file: 'test.fo', warnings: [], maxPages: o.maxPages ?? 50 };
  return { layout: layoutDocument(doc, ctx), ctx };
}

/** The text items of a page (1-based). */
export function textsOf(layout: PageLayout, page = 1): TextItem[] {
  return layout.pages[page - 1].items.filter((i): i is TextItem => i.kind === 'text');
}

/** The text of each line of a page, top to bottom: text items sharing a baseline joined in x order. */
export function linesOf(layout: PageLayout, page = 1): string[] {
  return linesWithY(layout, page).map((l) => l.text);
}

/** Each line of a page with its baseline. */
export function linesWithY(layout: PageLayout, page = 1): { y: number; text: string }[] {
  const byY = new Map<number, TextItem[]>();
  for (const t of textsOf(layout, page)) {
    const y = Math.round(t.y * 100) / 100;
    byY.set(y, [...(byY.get(y) ?? []), t]);
  }
  return [...byY.entries()].sort((a, b) => a[0] - b[0]).map(([y, items]) => ({ y, text: items.sort((a, b) => a.x - b.x).map((t) => t.text).join('') }));
}

/** The items of one kind on a page. */
export function itemsOf<K extends PageItem['kind']>(layout: PageLayout, kind: K, page = 1): Extract<PageItem, { kind: K }>[] {
  return layout.pages[page - 1].items.filter((i): i is Extract<PageItem, { kind: K }> => i.kind === kind);
}

/** `n` distinct words of exactly `chars` characters (no break opportunities inside), e.g. L01xxxxxxxxxxxxxxxxx. */
export function words(n: number, chars = 20, prefix = 'L'): string[] {
  return Array.from({ length: n }, (_, i) => `${prefix}${String(i + 1).padStart(2, '0')}`.padEnd(chars, 'x'));
}

/** A paragraph block of `n` full-width lines (each word fills a 100 pt line). */
export function para(n: number, prefix = 'L', attrs = ''): string {
  return `<fo:block ${attrs}>${words(n, 20, prefix).join(' ')}</fo:block>`;
}
