// Every script of the member states: a release naming each member state in its own language and script, rendered with the
// font fallback chain, read back with pdfjs-dist and pdftotext; fonts embedded (pdffonts); diacritics and ligatures round-trip.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { decodeSource } from '../../src/load/decodeSource.js';
import { renderRelease } from '../../src/render.js';
import { readPdf, type PdfDocument } from '../helpers/readPdf.js';
import { hasTool, missingToolReason } from '../helpers/tools.js';
import { mainColumnWords } from '../pdf/columns.js';
import { LAYOUTS } from '../pdf/fixtures.js';
import { findSegmentsInOrder } from '../pdf/releaseText.js';

/** The member states, each in its own language and script. */
const MEMBER_STATES = [
  'Shqipëria', 'Հայաստան', 'Österreich', 'Azərbaycan', 'België', 'Bosna i Hercegovina', 'България', 'Hrvatska', 'Κύπρος', 'Česko',
  'Danmark', 'Eesti', 'Suomi', 'France', 'საქართველო', 'Deutschland', 'Ελλάδα', 'Magyarország', 'Ísland', 'Éire', 'Italia',
  'Latvija', 'Liechtenstein', 'Lietuva', 'Lëtzebuerg', 'Malta', 'Moldova', 'Monaco', 'Crna Gora', 'Nederland',
  'Северна Македонија', 'Norge', 'Polska', 'Portugal', 'România', 'San Marino', 'Србија', 'Slovensko', 'Slovenija', 'España',
  'Sverige', 'Schweiz', 'Türkiye', 'Україна', 'United Kingdom',
];
/** The paragraph that names them: separated by spaces and a middle dot, so no name touches punctuation. */
const STATES_PARAGRAPH = MEMBER_STATES.join(' · ');
/** Latin letters with diacritics of the member states' languages. */
const DIACRITICS = 'ć č đ š ž ő ű ł ș ț İ ı ğ ş ä ö ü ß å æ ø';
/** Words Noto Sans sets with ligatures (fi, ffi, fl). */
const LIGATURE_WORDS = 'office efficient fluent official affirm';

const SOURCE = `---
layout: coe-press-release
ref: 999a19
date: 2019-05-17
place: Strasbourg
language: en
title: The member states in their own languages
contacts:
  - name: Test Contact
    email: test@example.org
---
${STATES_PARAGRAPH}

Letters: ${DIACRITICS}

Ligatures: ${LIGATURE_WORDS}
`;

let pdf: Uint8Array;
let doc: PdfDocument;
let dir: string;

beforeAll(async () => {
  ({ pdf } = await renderRelease(decodeSource('member-states.md', new TextEncoder().encode(SOURCE))));
  doc = await readPdf(pdf);
  dir = mkdtempSync(join(tmpdir(), 'pressroom-scripts-'));
  writeFileSync(join(dir, 'member-states.pdf'), pdf);
}, 60_000);

/** White space normalised: pdftotext and pdfjs join lines with a newline or a space. */
const squash = (s: string) => s.replace(/\s+/g, ' ').trim();

/** The text pdftotext extracts (reading order), or null when it is not installed. */
function pdftotext(): string {
  return spawnSync('pdftotext', [join(dir, 'member-states.pdf'), '-'], { encoding: 'utf8' }).stdout;
}

describe('font fallback across scripts', () => {
  it('should read every member state back from the PDF with pdfjs, in order and identical', () => {
    const words = mainColumnWords(doc, LAYOUTS['coe-press-release']);
    expect(findSegmentsInOrder(words, [{ label: 'member states', text: STATES_PARAGRAPH }])).toEqual([]);
    // And every name as a run of its own words (Latin, Cyrillic, Greek, Armenian, Georgian).
    for (const name of MEMBER_STATES) expect(findSegmentsInOrder(words, [{ label: name, text: name }]), name).toEqual([]);
  });

  it.skipIf(!hasTool('pdftotext'))(`should read the same paragraph back with pdftotext${missingToolReason('pdftotext')}`, () => {
    // pdftotext rejoins words hyphenated at a line end, so the paragraph comes back exactly.
    expect(squash(pdftotext())).toContain(STATES_PARAGRAPH);
  });

  it('should set Armenian and Georgian names in the Noto Sans Armenian and Georgian fonts, the rest in Noto Sans', () => {
    const fontOf = (s: string) => doc.pages[0].items.find((i) => i.str.includes(s))?.font ?? '(not found)';
    expect(fontOf('Հայաստան')).toMatch(/NotoSansArmenian-Regular$/);
    expect(fontOf('საქართველო')).toMatch(/NotoSansGeorgian-Regular$/);
    for (const s of ['Україна', 'Ελλάδα', 'Magyarország']) expect(fontOf(s), s).toMatch(/NotoSans-Regular$/);
  });

  it.skipIf(!hasTool('pdffonts'))(`should embed (and subset) the Armenian and Georgian fonts${missingToolReason('pdffonts')}`, () => {
    const rows = spawnSync('pdffonts', [join(dir, 'member-states.pdf')], { encoding: 'utf8' }).stdout.split('\n').slice(2).filter((l) => l.trim());
    for (const family of ['NotoSansArmenian-Regular', 'NotoSansGeorgian-Regular', 'NotoSans-Regular']) {
      const row = rows.find((r) => r.split(/\s+/)[0].endsWith(`+${family}`));
      expect(row, `${family} in\n${rows.join('\n')}`).toBeDefined();
      // Columns: name type encoding emb sub uni — embedded, subset, with a ToUnicode map.
      expect(row!.trim().split(/\s+/).slice(-5, -2), family).toEqual(['yes', 'yes', 'yes']);
    }
  });
});

describe('diacritics and ligatures', () => {
  it('should round-trip every diacritic letter through pdfjs', () => {
    const words = mainColumnWords(doc, LAYOUTS['coe-press-release']);
    expect(findSegmentsInOrder(words, [{ label: 'diacritics', text: `Letters: ${DIACRITICS}` }])).toEqual([]);
  });

  it.skipIf(!hasTool('pdftotext'))(`should round-trip every diacritic letter through pdftotext${missingToolReason('pdftotext')}`, () => {
    expect(squash(pdftotext())).toContain(`Letters: ${DIACRITICS}`);
  });

  it('should extract ligated words as their plain letters with pdfjs', () => {
    const words = mainColumnWords(doc, LAYOUTS['coe-press-release']);
    expect(findSegmentsInOrder(words, [{ label: 'ligatures', text: `Ligatures: ${LIGATURE_WORDS}` }])).toEqual([]);
    expect(words.join(' ')).not.toMatch(/[\uFB00-\uFB06]/u);
  });

  it.skipIf(!hasTool('pdftotext'))(`should extract ligated words as their plain letters with pdftotext${missingToolReason('pdftotext')}`, () => {
    const text = pdftotext();
    expect(squash(text)).toContain(`Ligatures: ${LIGATURE_WORDS}`);
    expect(text).not.toMatch(/[\uFB00-\uFB06]/u);
  });
});
