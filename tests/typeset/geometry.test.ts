// Geometry snapshots: every release fixture through the real pipeline up to layout (layoutRelease), dumped one item per line.
import { readdirSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { Diagnostic } from '../../src/diagnostics/types.js';
import { decodeSource } from '../../src/load/decodeSource.js';
import { layoutRelease } from '../../src/render.js';
import type { PageLayout } from '../../src/typeset/types.js';
import { dumpLayout } from '../helpers/dumpLayout.js';

const FIXTURES = fileURLToPath(new URL('../../fixtures/releases/', import.meta.url));
const fixtures = readdirSync(FIXTURES).filter((n) => /\.(md|json|ya?ml)$/.test(n)).sort();

/** Runs a fixture through the pipeline up to layout, as render does (hyphenation included); the path in messages is
 *  relative, so snapshots do not depend on the checkout. */
async function layoutFixture(name: string): Promise<{ layout: PageLayout; warnings: Diagnostic[] }> {
  const path = `fixtures/releases/${name}`;
  const source = decodeSource(path, new Uint8Array(await readFile(FIXTURES + name)));
  const { pages, warnings } = await layoutRelease(source);
  return { layout: pages, warnings };
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
