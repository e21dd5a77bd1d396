// Runs on one baseline, in one font and size, share a text object (draw/pageContent.ts `text`): justified lines are
// laid out word by word, and each word used to be a text object of its own. Read back, every word must still stand
// where layout put it, and anything else drawn between runs must end the object.
import { describe, expect, it } from 'vitest';
import { getDocument, OPS } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { drawPdf } from '../../src/draw/drawPdf.js';
import { INITIAL_PROPS } from '../../src/fo/resolveProps.js';
import type { FoElement } from '../../src/fo/types.js';
import { loadFonts } from '../../src/load/loadFonts.js';
import { DEFAULT_FONTS_DIR } from '../../src/render.js';
import { createFontkitMetrics } from '../../src/typeset/fontkitMetrics.js';
import type { FontFace } from '../../src/typeset/fonts.js';
import type { PageItem, PageLayout, TextItem } from '../../src/typeset/types.js';
import { readPdf } from '../helpers/readPdf.js';

const META = { title: 'Text objects', author: 'pressroom tests', subject: 't1', keywords: 't1', language: 'en', created: new Date('2007-03-12T12:00:00Z'), creator: 'tests' };
const element = (name: string): FoElement => ({ kind: 'element', name, attrs: { 'flow-name': 'xsl-region-body' }, props: INITIAL_PROPS, children: [], position: { line: 1, column: 1 } });
const PARAGRAPH = [element('flow'), element('block')];

const metrics = await createFontkitMetrics(await loadFonts(DEFAULT_FONTS_DIR));
const regular = metrics.resolve(['Noto Sans'], 400, false)!;
const bold = metrics.resolve(['Noto Sans'], 700, false)!;

/** A justified line: each word at its own x, the gaps wider than a space. */
function words(texts: string[], y: number, font: FontFace = regular, x0 = 50, gap = 7.5): TextItem[] {
  let x = x0;
  return texts.map((text) => {
    const width = metrics.widthOf(font, text) * 10;
    const item: TextItem = { kind: 'text', x, y, text, font, size: 10, color: '#000000', width, path: PARAGRAPH };
    x += width + gap;
    return item;
  });
}

async function draw(items: PageItem[]): Promise<Uint8Array> {
  const layout: PageLayout = { pages: [{ width: 400, height: 300, items, master: 'page' }], stats: undefined as unknown as PageLayout['stats'] };
  return drawPdf(layout, META, new Map());
}

/** How many text objects (BT … ET) the first page's content has, as pdfjs parses it. */
async function textObjects(pdf: Uint8Array): Promise<number> {
  const doc = await getDocument({ data: new Uint8Array(pdf), useSystemFonts: false, disableFontFace: true, isEvalSupported: false, verbosity: 0 }).promise;
  try {
    const ops = await (await doc.getPage(1)).getOperatorList();
    return ops.fnArray.filter((op) => op === OPS.beginText).length;
  } finally {
    await doc.destroy();
  }
}

describe('text objects', () => {
  it('draws the words of one line in one text object, each word where layout put it', async () => {
    const line = words(['Combating ', 'cybercrime ', 'in ', 'south-eastern ', 'Europe'], 100);
    const pdf = await draw(line);
    expect(await textObjects(pdf)).toBe(1);
    // pdfjs reads each word as a run of its own (the gaps are wider than a space): at the x layout gave it.
    const read = (await readPdf(pdf)).pages[0]!.items;
    expect(read.map((r) => r.str)).toEqual(line.map((i) => i.text.trim()));
    read.forEach((r, k) => expect(r.x, r.str).toBeCloseTo(line[k]!.x, 3));
    // The last word ends where layout said: its run's right edge.
    const last = read.at(-1)!;
    expect(last.x + last.width).toBeCloseTo(line.at(-1)!.x + line.at(-1)!.width, 1);
  });

  it('starts a new text object for another baseline, font or size, and after other drawing', async () => {
    const first = words(['one ', 'line'], 100);
    const second = words(['next ', 'line'], 120);
    const boldWord = words(['bold'], 140, bold);
    const after = words(['after ', 'rule'], 160);
    const rule: PageItem = { kind: 'rect', x: 50, y: 161, width: 100, height: 1, color: '#000000' };
    const larger = { ...after[1]!, size: 12, x: 200 };
    // Lines 1 and 2 (two baselines), the bold word, then a rectangle between "after" and "rule", then a larger size.
    const pdf = await draw([...first, ...second, ...boldWord, after[0]!, rule, after[1]!, larger]);
    expect(await textObjects(pdf)).toBe(6);
    const read = (await readPdf(pdf)).pages[0]!.items;
    expect(read.map((r) => r.str).join(' ').replace(/\s+/g, ' ').trim()).toBe('one line next line bold after rule rule');
  });

  it('writes the same bytes for a line whichever document draws it first', async () => {
    const line = words(['same ', 'bytes ', 'again'], 100);
    const once = await draw(line);
    const twice = await draw(line.map((i) => ({ ...i })));
    expect(Buffer.from(once).equals(Buffer.from(twice))).toBe(true);
  });
});
