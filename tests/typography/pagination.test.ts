// Widows, orphans and keeps at page breaks in the real fixtures: the layout's figures are zero for every fixture.
import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { decodeSource } from '../../src/load/decodeSource.js';
import { layoutRelease } from '../../src/render.js';
import type { PageLayout } from '../../src/typeset/types.js';
import { FIXTURES, fixturePath } from '../pdf/fixtures.js';



/** A fixture laid out as `render` does (real fonts, the layout's hyphenation), with its warnings. */
async function layoutFixture(name: string, lineBreaking: 'total-fit' | 'first-fit' = 'total-fit'): Promise<{ layout: PageLayout; warnings: string[] }> {
  const source = decodeSource(name, new Uint8Array(await readFile(fixturePath(name))));
  const { pages, warnings } = await layoutRelease(source, { lineBreaking });
  return { layout: pages, warnings: warnings.map((w) => w.message) };
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
