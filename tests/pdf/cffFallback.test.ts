// A CFF-outline .otf face (Source Sans Pro, fixtures/fonts, SIL OFL) is embedded by pdfkit, beside our own TrueType
// subsets in the same document: its text must extract, its font be embedded and subset, the bytes be reproducible.
import { spawnSync } from 'node:child_process';
import { cp, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderRelease } from '../../src/index.js';
import { DEFAULT_FONTS_DIR, DEFAULT_LAYOUTS_DIR } from '../../src/render.js';
import { pageText, readPdf } from '../helpers/readPdf.js';
import { hasTool, missingToolReason } from '../helpers/tools.js';
import { fixturePath } from './fixtures.js';

let dir = '';
let options: { layoutsDir: string; fontsDir: string };

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'pressroom-cff-'));
  options = { layoutsDir: join(dir, 'layouts'), fontsDir: join(dir, 'fonts') };
  await cp(DEFAULT_LAYOUTS_DIR, options.layoutsDir, { recursive: true });
  await cp(DEFAULT_FONTS_DIR, options.fontsDir, { recursive: true });
  await cp(join('fixtures', 'fonts', 'SourceSansPro-Regular.otf'), join(options.fontsDir, 'SourceSansPro-Regular.otf'));
  // The CFF face first in the layout's family list; Noto Sans stays the fallback (bold, Armenian, Georgian).
  const template = join(options.layoutsDir, 'coe-press-release', 'document.fo.hbs');
  const text = await readFile(template, 'utf8');
  expect(text).toContain('Noto Sans, Noto Sans Armenian');
  await writeFile(template, text.replaceAll('Noto Sans, Noto Sans Armenian', 'Source Sans Pro, Noto Sans, Noto Sans Armenian'));
});

afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('a CFF-outline font, embedded by pdfkit beside our TrueType subsets', () => {
  it('should print the release text, the same bytes twice, with Armenian and Georgian from the TrueType fallbacks', async () => {
    const first = await renderRelease(fixturePath('armenian-georgian.md'), options);
    const again = await renderRelease(fixturePath('armenian-georgian.md'), options);
    expect(Buffer.from(again.pdf).equals(Buffer.from(first.pdf))).toBe(true);
    const text = (await readPdf(first.pdf)).pages.map((p) => pageText(p)).join('\n');
    expect(text).toContain('Mayors from Armenia');
    expect(text).toContain('Հայաստան');
    expect(text).toContain('საქართველო');
    await writeFile(join(dir, 'cff.pdf'), first.pdf);
  });

  it.skipIf(!hasTool('pdffonts'))(`should embed and subset the CFF face as a Type 0C CID font and the others as TrueType${missingToolReason('pdffonts')}`, async () => {
    expect(await readdir(dir)).toContain('cff.pdf');
    const { stdout } = spawnSync('pdffonts', [join(dir, 'cff.pdf')], { encoding: 'utf8' });
    const rows = stdout.split('\n').slice(2).filter((l) => l.trim());
    const cff = rows.filter((r) => r.includes('SourceSansPro-Regular'));
    expect(cff).toHaveLength(1);
    expect(cff[0]).toMatch(/^[A-Z]{6}\+SourceSansPro-Regular\s+CID Type 0C\s+Identity-H\s+yes yes yes/);
    expect(rows.some((r) => /^[A-Z]{6}\+NotoSansArmenian-Regular\s+CID TrueType\s+Identity-H\s+yes yes yes/.test(r))).toBe(true);
  });
});
