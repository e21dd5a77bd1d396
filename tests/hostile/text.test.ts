// Text that cannot fit: overlong words in a narrow column, huge lists and paragraphs, a title longer than a page, graphemes that must not split.
import { describe, expect, it } from 'vitest';
import { DEFAULT_TIMEOUT_MS } from '../../src/batch/types.js';
import { pageText, readPdf } from '../helpers/readPdf.js';
import { errorsOf, md, render, tempLayout } from './helpers.js';

/** plain-letterhead with a body column this many millimetres wide (A4 is 210 mm; the left margin stays 25 mm). */
async function narrowLayout(widthMm: number) {
  const layout = await tempLayout();
  await layout.edit('notice.fo.hbs', (t) => t.replace('margin-left="25mm" margin-right="25mm"', `margin-left="25mm" margin-right="${210 - 25 - widthMm}mm"`));
  return layout;
}

/** All text of a PDF, whitespace removed (forced breaks may fall anywhere). */
const squeezed = (pages: { items: { str: string }[] }[]) => pages.map((p) => p.items.map((i) => i.str).join('')).join('').replace(/\s+/g, '');

describe('overlong words', () => {
  it('should break a 300-character word over many lines of a 30 mm column, losing no character', async () => {
    const { layoutsDir } = await narrowLayout(30);
    const word = 'Donaudampfschifffahrtsgesellschaftskapitän'.repeat(8).slice(0, 300);
    const doc = await readPdf((await render('r.md', md(`${word}\n`), { layoutsDir })).pdf);
    expect(squeezed(doc.pages)).toContain(word);
    const lines = doc.pages[0].items.filter((i) => word.includes(i.str) && i.str.length > 3);
    expect(lines.length).toBeGreaterThan(10);
  });

  it('should never break inside a combining sequence (base letter + marks) in a 15 mm column', async () => {
    const { layoutsDir } = await narrowLayout(15);
    const word = 'a\u0308\u0323e\u0301o\u0302\u0300'.repeat(60);
    const doc = await readPdf((await render('r.md', md(`${word}\n`), { layoutsDir })).pdf);
    const runs = doc.pages.flatMap((p) => p.items.map((i) => i.str)).filter((s) => /[\u0300-\u036f]/.test(s));
    expect(runs.length).toBeGreaterThan(5);
    for (const run of runs) expect(run.normalize('NFD'), JSON.stringify(run)).not.toMatch(/^[\u0300-\u036f]/);
    // The word's lines, read in order across pages (running heads in between), give back the word.
    expect(runs.join('').normalize('NFD')).toBe(word.normalize('NFD'));
  });

  it('should refuse emoji and ZWJ sequences the fonts cannot draw, naming the release (no crash, no tofu)', async () => {
    expect(await errorsOf(() => render('r.md', md(`${'👨‍👩‍👧‍👦'.repeat(100)}\n`)))).toEqual(['r.md: error: no font of "Noto Sans, Noto Sans Armenian, Noto Sans Georgian" has a glyph for "👨‍👩‍👧‍👦" (U+1F468)']);
  });
});

describe('runaway length', () => {
  it('should refuse a 50,000-item list at the page cap, within the time budget', async () => {
    const start = performance.now();
    const list = Array.from({ length: 50_000 }, (_, i) => `- item ${i}`).join('\n');
    expect(await errorsOf(() => render('r.md', md(`${list}\n`)))).toEqual(['r.md: error: the document needs more than 500 pages']);
    expect(performance.now() - start).toBeLessThan(DEFAULT_TIMEOUT_MS);
  }, DEFAULT_TIMEOUT_MS + 10_000);

  // Breaking a paragraph without spaces is linear in its length (4× the text, about 4× the time).
  it('should break a paragraph without spaces in time linear in its length (32 kB vs 128 kB)', async () => {
    const time = async (n: number) => {
      const start = performance.now();
      await render('r.md', md(`${'y'.repeat(n)}\n`));
      return performance.now() - start;
    };
    await time(1024);
    const small = await time(32 * 1024);
    const large = await time(128 * 1024);
    expect(large / small).toBeLessThan(8);
  }, 60_000);

  it('should set a title longer than a page (120 pt type) over pages, within the page cap', async () => {
    const layout = await tempLayout();
    await layout.edit('notice.fo.hbs', (t) => t.replace('role="H1" font-size="18pt" line-height="23pt"', 'role="H1" font-size="120pt" line-height="130pt"'));
    const title = 'Harbour '.repeat(49).trim();
    const result = await render('r.md', md('Body.\n', `title: ${title}\n`), { layoutsDir: layout.layoutsDir });
    expect(result.pages).toBeGreaterThan(1);
    const doc = await readPdf(result.pdf);
    // Each "Harbour" may be hyphenated (Har- bour): count the first syllable.
    // …and each page's letterhead says "Northwind Harbour Authority" once.
    expect(doc.pages.map((p) => pageText(p)).join(' ').match(/Har/g)).toHaveLength(49 + doc.pages.length);
  });

  it('should refuse a document past --max-pages with the cap in the message', async () => {
    expect(await errorsOf(() => render('r.md', md(`${'Lorem ipsum dolor sit amet. '.repeat(2000)}\n`), { maxPages: 2 }))).toEqual(['r.md: error: the document needs more than 2 pages']);
  });
});
