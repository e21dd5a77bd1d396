// The structure tree's dictionaries are written as text by us (src/draw/pdfObjectText.ts): they must be exactly what
// pdfkit writes for the same data, strings included (escapes, UTF-16BE for anything beyond ASCII).
import PDFDocument from 'pdfkit';
import { describe, expect, it } from 'vitest';
import { addLinkAnnotation } from '../../src/draw/linkAnnotation.js';
import { dictionaryText, endWithText, refText, stringText } from '../../src/draw/pdfObjectText.js';
import { internalsOf, type PdfRef } from '../../src/draw/pdfkitInternals.js';

/** The text pdfkit writes for each object ended by `write`, in order, as "id 0 obj … endobj". */
function writtenObjects(write: (doc: ReturnType<typeof internalsOf>) => PdfRef[]): string[] {
  const doc = new PDFDocument({ autoFirstPage: false, font: null as unknown as string });
  const chunks: string[] = [];
  const internals = doc as unknown as { _write(data: string | Uint8Array): void };
  internals._write = (data) => void chunks.push(typeof data === 'string' ? data : Buffer.from(data).toString('latin1'));
  const refs = write(internalsOf(doc));
  const all = chunks.join('\n');
  return refs.map((ref) => {
    const start = all.indexOf(`${ref.id} 0 obj`);
    return all.slice(start, all.indexOf('endobj', start));
  });
}

const STRINGS = ['Plain ASCII', 'Brackets (and) back\\slash', 'Tabs\tand\nnew lines\r\f\b', 'Français « guillemets »', 'Ελλάδα and Россия', 'Ĩ has a UTF-16 byte that is "("', '😀 outside the BMP', ''];

describe('PDF objects written as text', () => {
  it('should write a structure element exactly as pdfkit writes the same data', () => {
    for (const text of STRINGS) {
      const [ours, theirs] = writtenObjects((doc) => {
        const parent = doc.ref({ S: 'Document' });
        const page = doc.ref({ Type: 'Page' });
        const annot = doc.ref({ Type: 'Annot' });
        const a = doc.ref({ S: 'Link' });
        const b = doc.ref({ S: 'Link' });
        const kids = [parent, 3, { Type: 'MCR', Pg: page, MCID: 7 }, { Type: 'OBJR', Obj: annot, Pg: page }];
        endWithText(doc, a, dictionaryText([
          ['S', '/Link'],
          ['P', refText(parent)],
          ['Pg', refText(page)],
          ['K', `[${refText(parent)} 3 ${dictionaryText([['Type', '/MCR'], ['Pg', refText(page)], ['MCID', '7']])} ${dictionaryText([['Type', '/OBJR'], ['Obj', refText(annot)], ['Pg', refText(page)]])}]`],
          ['Alt', stringText(text)],
          ['Lang', stringText('fr-FR')],
        ]));
        Object.assign(b.data, { P: parent, Pg: page, K: kids, Alt: new String(text), Lang: new String('fr-FR') });
        b.end();
        return [a, b];
      });
      expect(ours!.replace(/^\d+/, '')).toBe(theirs!.replace(/^\d+/, ''));
    }
  });

  it('should write a link annotation and its action exactly as pdfkit\'s link writes them', () => {
    const urls = ['https://www.coe.int/press', 'mailto:press@coe.int', 'https://example.org/a(b)?q=1&r=\\'];
    for (const [i, url] of urls.entries()) {
      const contents = STRINGS[i % STRINGS.length]!;
      const area = { x: 175.75 + i, y: 532.08, width: 83.13, height: 13.25, url };
      const onPage = (write: (doc: ReturnType<typeof internalsOf>) => void) =>
        writtenObjects((doc) => {
          (doc as unknown as PDFKit.PDFDocument).addPage({ size: 'A4', margin: 0 });
          write(doc);
          // The action, then the annotation: the page's last annotation and the object before it.
          const annotation = doc.page.annotations.at(-1)!;
          return [{ id: annotation.id - 1 } as PdfRef, annotation];
        });
      const ours = onPage((doc) => addLinkAnnotation(doc, area, 7, contents));
      const theirs = onPage((doc) => (doc as unknown as PDFKit.PDFDocument).link(area.x, area.y, area.width, area.height, url, { StructParent: 7, Contents: new String(contents) } as never));
      expect(ours).toEqual(theirs);
      expect(ours[1]).toContain('/Subtype /Link');
    }
  });

  it('should escape and encode strings as PDF literal strings', () => {
    expect(stringText('a(b)\\c')).toBe('(a\\(b\\)\\\\c)');
    expect(stringText('é')).toBe('(\xfe\xff\x00\xe9)');
    // U+0128's low byte is "(": escaped like any other.
    expect(stringText('Ĩ')).toBe('(\xfe\xff\x01\\()');
  });
});
