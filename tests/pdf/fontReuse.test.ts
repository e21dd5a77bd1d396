// Fonts are parsed once per process and shared by every document: text must still extract right in later documents.
import { describe, expect, it } from 'vitest';
import { decodeSource } from '../../src/load/decodeSource.js';
import { renderRelease } from '../../src/render.js';
import { pageText, readPdf } from '../helpers/readPdf.js';

const release = (title: string, body: string) =>
  decodeSource('reuse.md', new TextEncoder().encode(`---\nlayout: plain-letterhead\nref: R1\ndate: 2020-01-01\nplace: Oslo\nlanguage: en\ntitle: ${title}\n---\n${body}\n`));

describe('glyphs shared between documents of one process', () => {
  it('should extract "U" and "ı" in a later document after composites holding them (Ü, i) were subset in an earlier one', async () => {
    // The first document's subset makes fontkit create the components of Ü and i (U, dotless ı) without characters.
    await renderRelease(release('Über Üblich', 'Übung und Überblick mit Ü und ü, İi.'));
    const { pdf } = await renderRelease(release('Users and kadına', 'Unusual Users, Ubiquity, kadına yönelik ılık.'));
    const text = (await readPdf(pdf)).pages.map((p) => pageText(p)).join('\n');
    expect(text).toContain('Unusual Users, Ubiquity, kadına yönelik ılık.');
  });
});
