// Geometry snapshots: every release fixture through the real pipeline (fill → parse FO → lay out with the bundled fonts), dumped one item per line.
import { readdirSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { Diagnostic } from '../../src/diagnostics/types.js';
import { parseFo } from '../../src/fo/parseFo.js';
import { parseUri } from '../../src/fo/parseValues.js';
import type { FoElement } from '../../src/fo/types.js';
import { decodeSource } from '../../src/load/decodeSource.js';
import { loadFonts } from '../../src/load/loadFonts.js';
import { loadImages } from '../../src/load/loadImages.js';
import { DEFAULT_FONTS_DIR, DEFAULT_MAX_PAGES, fillRelease } from '../../src/render.js';
import { createFontkitMetrics } from '../../src/typeset/fontkitMetrics.js';
import type { FontMetrics } from '../../src/typeset/fonts.js';
import { layoutDocument } from '../../src/typeset/layoutDocument.js';
import type { PageLayout } from '../../src/typeset/types.js';
import { dumpLayout } from '../helpers/dumpLayout.js';

const FIXTURES = fileURLToPath(new URL('../../fixtures/releases/', import.meta.url));
const fixtures = readdirSync(FIXTURES).filter((n) => /\.(md|json|ya?ml)$/.test(n)).sort();

let metrics: Promise<FontMetrics> | undefined;
/** The bundled fonts, parsed once for the whole file. */
function realMetrics(): Promise<FontMetrics> {
  metrics ??= loadFonts(DEFAULT_FONTS_DIR).then(createFontkitMetrics);
  return metrics;
}

/** The src of every fo:external-graphic in the tree. */
function imageSources(el: FoElement): string[] {
  const own = el.name === 'external-graphic' && el.attrs.src ? [parseUri(el.attrs.src)] : [];
  return own.concat(el.children.flatMap((c) => (c.kind === 'element' ? imageSources(c) : [])));
}

/** Runs a fixture through the pipeline up to layout; the path in messages is relative, so snapshots do not depend on the checkout. */
async function layoutFixture(name: string): Promise<{ layout: PageLayout; warnings: Diagnostic[] }> {
  const path = `fixtures/releases/${name}`;
  const source = decodeSource(path, new Uint8Array(await readFile(FIXTURES + name)));
  const filled = await fillRelease(source);
  const fo = parseFo(filled.name, filled.text);
  const images = await loadImages(filled.layout.dir, imageSources(fo.root), path);
  const warnings: Diagnostic[] = [];
  const layout = layoutDocument(fo, { metrics: await realMetrics(), images, file: path, warnings, maxPages: DEFAULT_MAX_PAGES, ids: new Map() });
  return { layout, warnings };
}

describe('geometry snapshots of the release fixtures', () => {
  it('should have fixtures to snapshot', () => {
    expect(fixtures.length).toBeGreaterThan(0);
  });

  for (const name of fixtures) {
    it(`should lay out ${name} as in its snapshot`, async () => {
      const { layout, warnings } = await layoutFixture(name);
      const dump = dumpLayout(layout) + warnings.map((w) => `warning ${w.message}\n`).join('');
      await expect(dump).toMatchFileSnapshot(`__snapshots__/${name.replace(/\.[^.]+$/, '')}.layout.txt`);
    });

    it(`should keep every text item of ${name} inside its page`, async () => {
      const { layout } = await layoutFixture(name);
      for (const page of layout.pages) {
        for (const item of page.items) {
          if (item.kind !== 'text') continue;
          expect(item.x, item.text).toBeGreaterThanOrEqual(0);
          expect(item.x + item.width, item.text).toBeLessThanOrEqual(page.width);
          expect(item.y, item.text).toBeGreaterThan(0);
          expect(item.y, item.text).toBeLessThanOrEqual(page.height);
        }
      }
    });
  }
});
