// Text objects of static content drawn once per process (draw/drawPdf.ts): an item met again must give the bytes a
// fresh item gives, also when its font has another resource name in the new document.
import { describe, expect, it } from 'vitest';
import { drawPdf } from '../../src/draw/drawPdf.js';
import { INITIAL_PROPS } from '../../src/fo/resolveProps.js';
import type { FoElement } from '../../src/fo/types.js';
import { loadFonts } from '../../src/load/loadFonts.js';
import { DEFAULT_FONTS_DIR } from '../../src/render.js';
import { createFontkitMetrics } from '../../src/typeset/fontkitMetrics.js';
import type { FontFace } from '../../src/typeset/fonts.js';
import type { PageItem, PageLayout, TextItem } from '../../src/typeset/types.js';

const META = { title: 'Static text', author: 'pressroom tests', subject: 't1', keywords: 't1', language: 'en', created: new Date('2007-03-12T12:00:00Z'), creator: 'tests' };
const element = (name: string, attrs: Record<string, string> = {}): FoElement => ({ kind: 'element', name, attrs, props: INITIAL_PROPS, children: [], position: { line: 1, column: 1 } });
const FOOTER = element('static-content', { 'flow-name': 'footer' });
const FLOW = element('flow', { 'flow-name': 'xsl-region-body' });

function text(value: string, font: FontFace, y: number, path: FoElement[]): TextItem {
  return { kind: 'text', x: 50, y, text: value, font, size: 10, color: '#000000', width: 100, path: [...path, element('block')] };
}

function draw(items: PageItem[]): Promise<Uint8Array> {
  const layout: PageLayout = { pages: [{ width: 300, height: 300, items, master: 'page' }], stats: undefined as unknown as PageLayout['stats'] };
  return drawPdf(layout, META, new Map());
}

describe('static text drawn once', () => {
  it('draws a known static item as a fresh one, under the resource name its font has in the document', async () => {
    const metrics = await createFontkitMetrics(await loadFonts(DEFAULT_FONTS_DIR));
    const regular = metrics.resolve(['Noto Sans'], 400, false)!;
    const armenian = metrics.resolve(['Noto Sans Armenian'], 400, false)!;
    const footer = text('Known footer', regular, 280, [FOOTER]);
    // First document: the footer's face is the first (T1). Second: an Armenian line comes first and takes T1.
    await draw([footer]);
    await draw([footer]);
    const before = [text('Հայաստան', armenian, 40, [FLOW])];
    const again = await draw([...before, footer]);
    const fresh = await draw([...before, { ...footer }]);
    expect(Buffer.from(again).equals(Buffer.from(fresh))).toBe(true);
    expect(Buffer.from(again).toString('latin1')).toContain('/T2 ');
  });
});
