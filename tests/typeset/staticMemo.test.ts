// Remembered static content (pages/staticContent.ts): content met again, on another page or in another document, must
// give exactly the items a fresh layout gives, and whatever it depends on must tell it apart.
import { describe, expect, it } from 'vitest';
import { parseFo } from '../../src/fo/parseFo.js';
import type { FoElement } from '../../src/fo/types.js';
import type { LayoutContext } from '../../src/typeset/context.js';
import type { FontMetrics } from '../../src/typeset/fonts.js';
import { layoutDocument } from '../../src/typeset/layoutDocument.js';
import type { PageLayout } from '../../src/typeset/types.js';
import { createFakeMetrics } from '../helpers/fakeMetrics.js';
import { foDocument, textsOf, type FoOptions } from './foDocument.js';

/** A page with a 30 pt letterhead region above a body of a few lines. */
const MASTERS = (regionAttrs = '', page = 'page-width="140pt" page-height="100pt"') =>
  `<fo:simple-page-master master-name="page" ${page} margin="10pt"><fo:region-body margin-top="30pt"/><fo:region-before extent="30pt" ${regionAttrs}/></fo:simple-page-master>`;
const LETTERHEAD = '<fo:static-content flow-name="xsl-region-before"><fo:block font-size="8pt" line-height="9pt">Press Division</fo:block><fo:block font-size="6pt" line-height="7pt" text-align="end">Tel and fax</fo:block></fo:static-content>';
const BODY = (words: number) => `<fo:block>${'Body text that flows. '.repeat(words)}</fo:block>`;

/** Lays out `fo` with the given metrics (shared metrics share remembered static content). */
function layOut(fo: string, metrics: FontMetrics, lineBreaking?: LayoutContext['lineBreaking']): { layout: PageLayout; ctx: LayoutContext } {
  const ctx: LayoutContext = { metrics, images: new Map(), file: 'test.fo', warnings: [], maxPages: 50, lineBreaking };
  return { layout: layoutDocument(parseFo('test.fo', fo), ctx), ctx };
}

/** The layout as text: faces by key, FO elements by name and place. */
function serialise(layout: PageLayout): string {
  return JSON.stringify(layout.pages, (k, v) => (k === 'font' ? v.key : k === 'path' ? v.map((e: FoElement) => `${e.name}:${e.position.line}:${e.position.column}`) : v));
}

/** Documents whose letterhead is the same text but must each be laid out for themselves. */
const VARIANTS: { options: FoOptions; lineBreaking?: LayoutContext['lineBreaking'] }[] = [
  { options: { masters: MASTERS(), statics: LETTERHEAD } },
  // Another region: taller, wider, aligned otherwise.
  { options: { masters: MASTERS().replace('extent="30pt"', 'extent="24pt"'), statics: LETTERHEAD } },
  { options: { masters: MASTERS('', 'page-width="200pt" page-height="100pt"'), statics: LETTERHEAD } },
  { options: { masters: MASTERS('display-align="after"'), statics: LETTERHEAD } },
  { options: { masters: MASTERS('display-align="center"'), statics: LETTERHEAD } },
  // Other inherited properties, and the same text further down the file (its elements are elsewhere).
  { options: { masters: MASTERS(), statics: LETTERHEAD, sequenceAttrs: 'color="#336699" font-family="Serif"' } },
  { options: { masters: `\n\n${MASTERS()}`, statics: LETTERHEAD } },
  { options: { masters: MASTERS(), statics: LETTERHEAD }, lineBreaking: 'first-fit' },
  // Page numbers: each page its own.
  { options: { masters: MASTERS(), statics: LETTERHEAD.replace('Tel and fax', 'Page <fo:page-number/>') } },
];

describe('remembered static content', () => {
  it('gives every variant exactly the layout of a fresh process, whatever was laid out before', () => {
    const shared = createFakeMetrics();
    for (let round = 0; round < 2; round++) for (const v of VARIANTS) layOut(foDocument(BODY(20), v.options), shared, v.lineBreaking);
    for (const v of [...VARIANTS].reverse()) {
      const fo = foDocument(BODY(20), v.options);
      expect(serialise(layOut(fo, shared, v.lineBreaking).layout)).toBe(serialise(layOut(fo, createFakeMetrics(), v.lineBreaking).layout));
    }
  });

  it('lays the same content out once, for every page and every document', () => {
    const shared = createFakeMetrics();
    const first = layOut(foDocument(BODY(20), VARIANTS[0].options), shared).layout;
    const second = layOut(foDocument(BODY(3), VARIANTS[0].options), shared).layout;
    expect(first.pages.length).toBeGreaterThan(2);
    const letterhead = (layout: PageLayout, page: number) => textsOf(layout, page).filter((t) => t.path[0]!.name === 'static-content');
    expect(letterhead(first, 1).map((t) => t.text).join('')).toMatch(/Press Division.*Tel and fax/);
    // Met once (page 1), the content is laid out but not remembered; met again (page 2), it is remembered: the very
    // same items on page 3 and in the next document.
    expect(letterhead(first, 1)).toEqual(letterhead(first, 2));
    expect(letterhead(first, 1)[0]).not.toBe(letterhead(first, 2)[0]);
    letterhead(first, 2).forEach((item, i) => {
      expect(letterhead(first, 3)[i]).toBe(item);
      expect(letterhead(second, 1)[i]).toBe(item);
    });
  });

  it('remembers only content met more than once (a letterhead naming each release is not)', () => {
    const shared = createFakeMetrics();
    const withRef = (ref: string) => ({ ...VARIANTS[0].options, statics: LETTERHEAD.replace('Press Division', `Press Division ${ref}`) });
    const first = (ref: string) => textsOf(layOut(foDocument(BODY(3), withRef(ref)), shared).layout, 1).filter((t) => t.path[0]!.name === 'static-content');
    const a1 = first('A');
    first('B');
    const a2 = first('A');
    const a3 = first('A');
    expect(a1.map((t) => t.text).join('')).toContain('Press Division A');
    // A second time: laid out again (nothing was kept of the first), and remembered; a third time: the same items.
    expect(a2[0]).not.toBe(a1[0]);
    a2.forEach((item, i) => expect(a3[i]).toBe(item));
  });

  it('numbers each page, and warns in every document whose static content overflows', () => {
    const shared = createFakeMetrics();
    const numbered = layOut(foDocument(BODY(20), VARIANTS.at(-1)!.options), shared).layout;
    const numbers = numbered.pages.map((_, i) => textsOf(numbered, i + 1).filter((t) => t.path[0]!.name === 'static-content').map((t) => t.text).join(''));
    numbers.forEach((text, i) => expect(text).toContain(`Page ${i + 1}`));
    const tall = { masters: MASTERS().replace('extent="30pt"', 'extent="8pt"'), statics: LETTERHEAD };
    for (let n = 0; n < 3; n++) {
      const { ctx } = layOut(foDocument(BODY(3), tall), shared);
      expect(ctx.warnings.map((w) => w.message)).toEqual([expect.stringContaining('taller than the region')]);
    }
  });
});
