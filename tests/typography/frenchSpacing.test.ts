// French spacing and no-break rules (applyTypography), and the narrow no-break space read back from a rendered French release.
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { applyTypography } from '../../src/fill/typography.js';
import { loadSource } from '../../src/load/loadSource.js';
import { renderRelease } from '../../src/render.js';
import { pageText, readPdf } from '../helpers/readPdf.js';
import { hasTool, missingToolReason } from '../helpers/tools.js';
import { fixturePath } from '../pdf/fixtures.js';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const NNBSP = '\u202F';
const NBSP = '\u00A0';

describe('applyTypography (French)', () => {
  it('should put a narrow no-break space before ; : ! ? in place of a space, or where none was typed', () => {
    expect(applyTypography('Au programme : trois ateliers ; un débat ! Pourquoi ?', 'fr')).toBe(`Au programme${NNBSP}: trois ateliers${NNBSP}; un débat${NNBSP}! Pourquoi${NNBSP}?`);
    expect(applyTypography('Attention! Vraiment?', 'fr')).toBe(`Attention${NNBSP}! Vraiment${NNBSP}?`);
    expect(applyTypography('Note:', 'fr-CH')).toBe(`Note${NNBSP}:`);
  });

  it('should put narrow no-break spaces inside « »', () => {
    expect(applyTypography('« Une langue »', 'fr')).toBe(`«${NNBSP}Une langue${NNBSP}»`);
    expect(applyTypography('«Une langue»', 'fr')).toBe(`«${NNBSP}Une langue${NNBSP}»`);
  });

  it('should leave times, URLs and mailto: alone', () => {
    expect(applyTypography('à 10:30 précises', 'fr')).toBe('à 10:30 précises');
    expect(applyTypography('voir https://www.example.org/charte et mailto:presse@example.org', 'fr')).toBe('voir https://www.example.org/charte et mailto:presse@example.org');
  });

  it('should not add French spacing in other languages', () => {
    expect(applyTypography('Programme: three workshops; a debate!', 'en')).toBe('Programme: three workshops; a debate!');
  });

  it('should tie a number to its unit and "No." to its number, in every language', () => {
    expect(applyTypography('a 10 km walk and 25 % more', 'en')).toBe(`a 10${NBSP}km walk and 25${NBSP}% more`);
    expect(applyTypography('Recommendation No. 5', 'en')).toBe(`Recommendation No.${NBSP}5`);
    expect(applyTypography('à 150 km du tribunal', 'ru')).toBe(`à 150${NBSP}km du tribunal`);
    // Not a unit: "10 kmh" and "5 members" stay as typed.
    expect(applyTypography('10 kmh, 5 members', 'en')).toBe('10 kmh, 5 members');
  });

  it('should keep typographic quotes and dashes as typed', () => {
    expect(applyTypography('„Eine Sprache“ – sagte sie — ‘so’', 'de')).toBe('„Eine Sprache“ – sagte sie — ‘so’');
  });
});

describe('French spacing in a rendered release (communique-fr.md)', () => {
  it('should draw "ateliers", U+202F and ":" as one unbreakable run, which pdfjs reads with a space before the colon', async () => {
    const { pdf } = await renderRelease(await loadSource(fixturePath('communique-fr.md')));
    const text = (await readPdf(pdf)).pages.map((p) => pageText(p)).join('\n');
    // pdfjs (like pdftotext) normalises every Unicode space to U+0020 in extracted text; the character itself is in the
    // font's ToUnicode map (next test). Either way the colon is never at the start of a line.
    expect(text).toMatch(/ateliers[\u202F ]:/u);
    expect(text).not.toMatch(/^:/mu);
  });

  it.skipIf(!hasTool('qpdf'))(`should map a glyph to U+202F in the PDF's ToUnicode CMap${missingToolReason('qpdf')}`, async () => {
    const { pdf } = await renderRelease(await loadSource(fixturePath('communique-fr.md')));
    const dir = mkdtempSync(join(tmpdir(), 'pressroom-fr-'));
    writeFileSync(join(dir, 'fr.pdf'), pdf);
    spawnSync('qpdf', ['--qdf', '--object-streams=disable', join(dir, 'fr.pdf'), join(dir, 'fr.qdf.pdf')]);
    const raw = readFileSync(join(dir, 'fr.qdf.pdf'), 'latin1');
    expect(raw).toMatch(/<[0-9a-f]{4}> <202f>/i);
  });

  it.skipIf(!hasTool('pdftotext'))(`should extract "ateliers :" with pdftotext (U+202F read as a space)${missingToolReason('pdftotext')}`, async () => {
    const { pdf } = await renderRelease(await loadSource(fixturePath('communique-fr.md')));
    const file = join(mkdtempSync(join(tmpdir(), 'pressroom-fr-')), 'fr.pdf');
    writeFileSync(file, pdf);
    const text = spawnSync('pdftotext', [file, '-'], { encoding: 'utf8' }).stdout;
    expect(text).toMatch(/ateliers[\u202F ]:/u);
  });
});
