// Remembered paragraph lines (text/paragraphLines.ts): a paragraph met again must give exactly what a fresh layout gives.
import { describe, expect, it } from 'vitest';
import { parseFo } from '../../src/fo/parseFo.js';
import type { FoElement } from '../../src/fo/types.js';
import { loadHyphenation } from '../../src/load/loadHyphenation.js';
import type { LayoutContext } from '../../src/typeset/context.js';
import type { FontMetrics } from '../../src/typeset/fonts.js';
import { layoutDocument } from '../../src/typeset/layoutDocument.js';
import type { PageLayout } from '../../src/typeset/types.js';
import { createFakeMetrics, FAKE_ADVANCE } from '../helpers/fakeMetrics.js';
import { foDocument, textsOf, type FoOptions } from './foDocument.js';

const TEXT = 'Hyphenation and justification of a paragraph that recurs in every document, with a <fo:inline font-weight="bold">bold phrase</fo:inline> and a leader <fo:leader leader-pattern="rule" leader-length="10pt"/> inside it.';

/** Lays out `fo` with the given metrics (shared metrics share remembered paragraphs). */
function layOut(fo: string, metrics: FontMetrics, lineBreaking?: LayoutContext['lineBreaking']): { layout: PageLayout; root: FoElement } {
  const doc = parseFo('test.fo', fo);
  const ctx: LayoutContext = { metrics, images: new Map(), file: 'test.fo', warnings: [], maxPages: 50, hyphenators: loadHyphenation(['en']), lineBreaking };
  return { layout: layoutDocument(doc, ctx), root: doc.root };
}

/** The layout as text: faces by key, FO elements by name and line (identity is checked separately). */
function serialise(layout: PageLayout): string {
  return JSON.stringify({ pages: layout.pages, stats: layout.stats }, (k, v) => (k === 'font' ? v.key : k === 'path' ? v.map((e: FoElement) => `${e.name}:${e.position.line}`) : v));
}

/** Variants of one paragraph that must each get their own lines: width, alignment, indent, fonts, hyphenation, numbers. */
const VARIANTS: { snippet: string; options?: FoOptions; lineBreaking?: LayoutContext['lineBreaking'] }[] = [
  { snippet: `<fo:block text-align="justify" language="en" hyphenate="true">${TEXT}</fo:block>` },
  { snippet: `<fo:block text-align="justify" language="en" hyphenate="true">${TEXT}</fo:block>`, options: { bodyAttrs: 'margin-right="7pt"' } },
  { snippet: `<fo:block text-align="justify" language="en" hyphenate="false">${TEXT}</fo:block>` },
  { snippet: `<fo:block text-align="justify" language="en" hyphenate="true" hyphenation-character="=">${TEXT}</fo:block>` },
  { snippet: `<fo:block text-align="justify" language="en" hyphenate="true" hyphenation-ladder-count="1">${TEXT}</fo:block>` },
  { snippet: `<fo:block text-align="justify" language="en" hyphenate="true" hyphenation-push-character-count="6">${TEXT}</fo:block>` },
  { snippet: `<fo:block text-align="justify" language="en" hyphenate="true" hyphenation-remain-character-count="6">${TEXT}</fo:block>` },
  { snippet: `<fo:block text-align="start" language="en" hyphenate="true">${TEXT}</fo:block>` },
  { snippet: `<fo:block text-align="justify" text-align-last="end" language="en" hyphenate="true">${TEXT}</fo:block>` },
  { snippet: `<fo:block text-align="justify" text-indent="15pt" language="en" hyphenate="true">${TEXT}</fo:block>` },
  { snippet: `<fo:block text-align="justify" font-size="9pt" language="en" hyphenate="true">${TEXT}</fo:block>` },
  { snippet: `<fo:block text-align="justify" line-height="15pt" language="en" hyphenate="true">${TEXT}</fo:block>` },
  { snippet: `<fo:block text-align="justify" font-weight="bold" language="en" hyphenate="true">${TEXT}</fo:block>` },
  { snippet: `<fo:block text-align="justify" language="en" hyphenate="true">${TEXT.replace('font-weight="bold"', 'baseline-shift="3pt"')}</fo:block>` },
  { snippet: `<fo:block text-align="justify" language="en" hyphenate="true">${TEXT.replace('font-weight="bold"', 'color="red"')}</fo:block>` },
  { snippet: `<fo:block text-align="justify" language="en" hyphenate="true">${TEXT}</fo:block>`, lineBreaking: 'first-fit' },
  { snippet: `<fo:block text-align="justify" language="en" hyphenate="true">${TEXT.replace('leader-length="10pt"', 'leader-length="40%"')}</fo:block>` },
  // Static content repeated on every page, with the page number: one paragraph, a different number on each page.
  {
    snippet: `<fo:block>${'Body line that fills the page. '.repeat(30)}</fo:block>`,
    options: {
      masters: '<fo:simple-page-master master-name="page" page-width="140pt" page-height="100pt" margin="20pt"><fo:region-body margin-top="12pt"/><fo:region-before extent="12pt"/></fo:simple-page-master>',
      statics: '<fo:static-content flow-name="xsl-region-before"><fo:block font-size="8pt" text-align="end">Running head, page <fo:page-number/></fo:block></fo:static-content>',
    },
  },
];

describe('remembered paragraph lines', () => {
  it('gives every variant exactly the layout of a fresh process, whatever was laid out before', () => {
    const shared = createFakeMetrics();
    // Each variant twice, so that every paragraph is remembered; then each again against a fresh (empty) memory.
    for (let round = 0; round < 2; round++) for (const v of VARIANTS) layOut(foDocument(v.snippet, v.options), shared, v.lineBreaking);
    for (const v of [...VARIANTS].reverse()) {
      const fo = foDocument(v.snippet, v.options);
      expect(serialise(layOut(fo, shared, v.lineBreaking).layout)).toBe(serialise(layOut(fo, createFakeMetrics(), v.lineBreaking).layout));
    }
  });

  it('gives static content its own lines for page numbers of a different width', () => {
    const v = VARIANTS[VARIANTS.length - 1];
    const { layout } = layOut(foDocument(v.snippet, v.options), createFakeMetrics());
    expect(layout.pages.length).toBeGreaterThanOrEqual(10);
    // The running head is right-aligned on every page, "page 9" and "page 12" alike.
    const heads = layout.pages.map((_, i) => textsOf(layout, i + 1).find((t) => t.text.startsWith('Running head'))!);
    for (const head of heads) {
      expect(head.width).toBeCloseTo(head.text.length * FAKE_ADVANCE * 8, 6);
      expect(head.x + head.width).toBeCloseTo(heads[0].x + heads[0].width, 6);
    }
  });

  it('puts the text of a remembered paragraph in the elements of the document being laid out', () => {
    const shared = createFakeMetrics();
    const fo = foDocument(VARIANTS[0].snippet);
    layOut(fo, shared);
    layOut(fo, shared);
    const { layout, root } = layOut(fo, shared);
    const flow = (root.children.find((c) => c.kind === 'element' && c.name === 'page-sequence') as FoElement).children.find((c) => c.kind === 'element' && c.name === 'flow');
    const texts = textsOf(layout);
    expect(texts.length).toBeGreaterThan(0);
    for (const t of texts) expect(t.path[0]).toBe(flow);
  });
});
