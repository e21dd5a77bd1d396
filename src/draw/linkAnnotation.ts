// Link annotations written as text by us, byte for byte as pdfkit's `link` writes them: pdfkit converted each
// annotation and its action through its generic serialiser (the `instanceof` tests of pdfObjectText.ts), a twentieth
// of drawing a one-page release with half a dozen links.
import { dictionaryText, endWithText, numberArrayText, refText, stringText } from './pdfObjectText.js';
import type { PdfkitInternals } from './pdfkitInternals.js';

/** Where a link goes on the page (pdfkit's user space: y down from the top), and what it leads to. */
export interface LinkArea {
  x: number;
  y: number;
  width: number;
  height: number;
  url: string;
}

/**
 * Adds a URI link annotation to the current page, tied to the structure parent tree under `structParent`, with
 * `contents` as its text; the same objects, entries and order as pdfkit's `link(x, y, w, h, url, options)`.
 */
export function addLinkAnnotation(doc: PdfkitInternals, area: LinkArea, structParent: number, contents: string): void {
  const action = doc.ref();
  endWithText(doc, action, dictionaryText([['S', '/URI'], ['URI', stringText(area.url)]]));
  const annotation = doc.ref();
  doc.page.annotations.push(annotation);
  endWithText(doc, annotation, dictionaryText([
    ['StructParent', String(structParent)],
    ['Contents', stringText(contents)],
    ['Subtype', '/Link'],
    ['A', refText(action)],
    ['Type', '/Annot'],
    ['Rect', numberArrayText(doc._convertRect(area.x, area.y, area.width, area.height))],
    ['Border', '[0 0 0]'],
    // Printable (bit 3), as pdfkit sets for links and PDF/A requires.
    ['F', '4'],
  ]));
}
