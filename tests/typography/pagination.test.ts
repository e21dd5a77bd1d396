// Widows, orphans and keeps at page breaks in the real fixtures: the layout's figures are zero for every fixture.
import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { parseFo } from '../../src/fo/parseFo.js';
import { parseUri } from '../../src/fo/parseValues.js';
import type { FoElement } from '../../src/fo/types.js';
import { decodeSource } from '../../src/load/decodeSource.js';
import { loadFonts } from '../../src/load/loadFonts.js';
import { loadHyphenation } from '../../src/load/loadHyphenation.js';
import { loadImages } from '../../src/load/loadImages.js';
import { DEFAULT_FONTS_DIR, DEFAULT_MAX_PAGES, fillRelease } from '../../src/render.js';
import { createFontkitMetrics } from '../../src/typeset/fontkitMetrics.js';
import type { FontMetrics } from '../../src/typeset/fonts.js';
import { layoutDocument } from '../../src/typeset/layoutDocument.js';
import type { PageLayout } from '../../src/typeset/types.js';
import { FIXTURES, fixturePath } from '../pdf/fixtures.js';

let metrics: Promise<FontMetrics> | undefined;

function hyphenatedLanguages(el: FoElement, out = new Set<string>()): Set<string> {
  if (el.props.hyphenate && el.props.language) out.add(el.props.language);
  for (const c of el.children) if (c.kind === 'element') hyphenatedLanguages(c, out);
  return out;
}

function imageSources(el: FoElement): string[] {
  const own = el.name === 'external-graphic' && el.attrs.src ? [parseUri(el.attrs.src)] : [];
  return own.concat(el.children.flatMap((c) => (c.kind === 'element' ? imageSources(c) : [])));
}

/** A fixture laid out as `render` does (real fonts, the layout's hyphenation), with its warnings. */
async function layoutFixture(name: string, lineBreaking: 'total-fit' | 'first-fit' = 'total-fit'): Promise<{ layout: PageLayout; warnings: string[] }> {
  const source = decodeSource(name, new Uint8Array(await readFile(fixturePath(name))));
  const filled = await fillRelease(source);
  const fo = parseFo(filled.name, filled.text);
  metrics ??= loadFonts(DEFAULT_FONTS_DIR).then(createFontkitMetrics);
  const warnings: { message: string }[] = [];
  const layout = layoutDocument(fo, { metrics: await metrics, images: await loadImages(filled.layout.dir, imageSources(fo.root), name), file: name, warnings: warnings as never, maxPages: DEFAULT_MAX_PAGES, ids: new Map(), hyphenators: loadHyphenation(hyphenatedLanguages(fo.root)), lineBreaking });
  return { layout, warnings: warnings.map((w) => w.message) };
}

describe.each(FIXTURES)('pagination of %s', (name) => {
  it('should leave no widows, orphans, headings alone at a page foot or overfull lines, and warn about nothing', async () => {
    const { layout, warnings } = await layoutFixture(name);
    const { widows, orphans, loneHeadings, overfullLines } = layout.stats;
    expect({ widows, orphans, loneHeadings, overfullLines }).toEqual({ widows: 0, orphans: 0, loneHeadings: 0, overfullLines: 0 });
    expect(warnings).toEqual([]);
  });

  it('should hyphenate no more than two lines in a row (the layouts\' hyphenation-ladder-count)', async () => {
    const { layout } = await layoutFixture(name);
    for (const p of layout.stats.paragraphs) expect(p.longestHyphenRun, p.start).toBeLessThanOrEqual(2);
  });
});

describe('page breaks of the long German release', () => {
  it('should run over 3+ pages with every body paragraph split leaving 2+ lines on each side', async () => {
    const { layout } = await layoutFixture('long-german.md');
    expect(layout.pages.length).toBeGreaterThanOrEqual(3);
    const split = layout.stats.paragraphs.filter((p) => p.lines >= 4);
    expect(split.length).toBeGreaterThan(5);
    expect(layout.stats.widows + layout.stats.orphans).toBe(0);
  });

  it('should keep the justified lines within sensible stretch: no line stretched beyond 3.5 × its stretchability', async () => {
    const { layout } = await layoutFixture('long-german.md');
    for (const p of layout.stats.paragraphs.filter((q) => q.justified)) expect(p.maxRatio, p.start).toBeLessThanOrEqual(3.5);
  });
});
