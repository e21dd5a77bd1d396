// Our TrueType subsets keep glyph ids: each embedded glyph must be the font's own, the font's bytes untouched, the
// output independent of what the process drew before.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as fontkit from 'fontkit';
import { describe, expect, it } from 'vitest';
import { PdfDict, nameOf, readPdfObjects } from '../../src/archive/readPdfObjects.js';
import { glyphClosure, trueTypeTables, writeTrueTypeSubset } from '../../src/draw/trueTypeSubset.js';
import { decodeSource } from '../../src/load/decodeSource.js';
import { DEFAULT_FONTS_DIR, renderRelease } from '../../src/render.js';
import { pageText, readPdf } from '../helpers/readPdf.js';

const fontFiles = readdirSync(DEFAULT_FONTS_DIR).filter((n) => n.endsWith('.ttf'));
/** Text in every script of our fonts, with composites (Ü, ǅ), a ligature (fi) and combining marks. */
const SAMPLE = 'Über fi ﬁ ǅ é ẹ̄ Հայաստան საქართველო Ελλάδα Россия İstanbul';

function openFont(name: string): fontkit.Font {
  const bytes = readFileSync(join(DEFAULT_FONTS_DIR, name));
  return fontkit.create(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)) as fontkit.Font;
}

type Outline = { path: { commands: unknown[] }; advanceWidth: number };

describe('TrueType subsets keeping glyph ids', () => {
  for (const name of fontFiles) {
    it(`should embed the very outlines and advances of ${name}'s glyphs, at their ids, and nothing else`, () => {
      const font = openFont(name);
      const tables = trueTypeTables(font)!;
      const before = createHash('sha256').update(tables.bytes).digest('hex');
      const used = [...new Set(font.layout(SAMPLE).glyphs.map((g) => g.id))];
      const glyphs = glyphClosure(tables, used);
      const subset = fontkit.create(Buffer.from(writeTrueTypeSubset(tables, glyphs))) as fontkit.Font;
      expect(subset.numGlyphs).toBe(glyphs.at(-1)! + 1);
      for (const id of glyphs) {
        const [mine, theirs] = [subset.getGlyph(id) as unknown as Outline, font.getGlyph(id) as unknown as Outline];
        expect(mine.path.commands, `glyph ${id}`).toEqual(theirs.path.commands);
        expect(mine.advanceWidth).toBe(theirs.advanceWidth);
      }
      const left = [...Array(subset.numGlyphs).keys()].find((id) => !glyphs.includes(id));
      if (left !== undefined) expect((subset.getGlyph(left) as unknown as Outline).path.commands).toEqual([]);
      // Writing a subset must not touch the font shared by every document (a view, not a copy, once did).
      expect(createHash('sha256').update(tables.bytes).digest('hex')).toBe(before);
    });
  }

  it('should include the components of composite glyphs', () => {
    const font = openFont('NotoSans-Regular.ttf');
    const tables = trueTypeTables(font)!;
    const udieresis = font.glyphForCodePoint(0xdc).id;
    const closure = glyphClosure(tables, [udieresis]);
    // Ü is U plus a dieresis in Noto Sans: .notdef, Ü and at least one component.
    expect(closure).toContain(udieresis);
    expect(closure.length).toBeGreaterThan(2);
    expect(closure[0]).toBe(0);
  });

  it('should write a valid sfnt: table checksums and the whole-file checksum adjustment', () => {
    const font = openFont('NotoSans-Bold.ttf');
    const tables = trueTypeTables(font)!;
    const file = writeTrueTypeSubset(tables, glyphClosure(tables, font.layout('Council of Europe').glyphs.map((g) => g.id)));
    const view = new DataView(file.buffer, file.byteOffset, file.byteLength);
    let sum = 0;
    for (let i = 0; i < file.length; i += 4) sum = (sum + view.getUint32(i)) >>> 0;
    expect(sum).toBe(0xb1b0afba);
  });
});

const release = (title: string, body: string) =>
  decodeSource('subset.md', new TextEncoder().encode(`---\nlayout: plain-letterhead\nref: R1\ndate: 2020-01-01\nplace: Oslo\nlanguage: en\ntitle: ${title}\n---\n${body}\n`));

describe('drawing with per-process caches', () => {
  it('should give the same bytes for a release whatever the process rendered before', async () => {
    const a = release('Quiet zebras', 'Jovial quartz wizards, 42 of them, vex the fjord.');
    const first = (await renderRelease(a)).pdf;
    await renderRelease(release('Other words', 'Überall ǅ fi ﬁ, Ελλάδα and Россия; different glyphs entirely.'));
    await renderRelease(release('Quiet zebras too', 'Jovial quartz wizards and more zebras.'));
    expect(Buffer.from((await renderRelease(a)).pdf).equals(Buffer.from(first))).toBe(true);
  });

  it('should extract the text of combining marks and ligatures drawn from cached words', async () => {
    const body = 'Café and cafe\u0301, ẹ̄ on its own, fine flowers — final.';
    const { pdf } = await renderRelease(release('Marks', body));
    const text = (await readPdf(pdf)).pages.map((p) => pageText(p)).join('\n').normalize('NFC');
    expect(text).toContain('fine flowers — final.');
    expect(text).toContain('Café and café');
  });
});

describe('font descriptors', () => {
  it("should give each embedded face's italic angle, flags and metrics as the font itself has them", async () => {
    const { pdf } = await renderRelease(release('Angles', 'Upright, **bold**, *italic* and ***bold italic*** words.'));
    const faces = new Map(fontFiles.map((name) => [openFont(name).postscriptName, openFont(name)]));
    const descriptors = [...readPdfObjects(pdf).objects.values()].filter((o): o is PdfDict => o instanceof PdfDict && nameOf(o.get('Type')) === 'FontDescriptor');
    const seen = descriptors.map((d) => {
      const font = faces.get(nameOf(d.get('FontName'))!.split('+')[1]!)!;
      expect(d.get('ItalicAngle')).toBe(font.italicAngle);
      // Flags: nonsymbolic (bit 3) always, italic (bit 7) from the head table.
      expect(((d.get('Flags') as number) & (1 << 6)) !== 0).toBe(font.italicAngle !== 0);
      expect(d.get('Ascent')).toBeCloseTo((font.ascent * 1000) / font.unitsPerEm, 3);
      return font.postscriptName;
    });
    expect(seen.sort()).toEqual(['NotoSans-Bold', 'NotoSans-BoldItalic', 'NotoSans-Italic', 'NotoSans-Regular']);
  });
});
