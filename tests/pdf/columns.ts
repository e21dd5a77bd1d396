// Splits read-back pages into the layout's parts: main column (body region), sidebar, and page-wide text.
import { lineText, pageLines, pageText, type PdfDocument, type PdfPage, type PdfTextItem } from '../helpers/readPdf.js';
import { EDGE_TOLERANCE, type LayoutFacts } from './fixtures.js';
import { containsWords, pdfWords, readableWord } from './releaseText.js';

/** The items of the body region's main column on one page: right of the sidebar, between letterhead/running head and footer. */
export function mainColumnItems(page: PdfPage, facts: LayoutFacts): PdfTextItem[] {
  const top = page.number === 1 ? facts.bodyTop.first : facts.bodyTop.rest;
  return page.items.filter((i) => i.x >= facts.mainColumnX - EDGE_TOLERANCE && i.y > top && i.y <= facts.bodyBottom + EDGE_TOLERANCE);
}

/** The words of the main column over the whole document, page after page. */
export function mainColumnWords(doc: PdfDocument, facts: LayoutFacts): string[] {
  return pdfWords(doc.pages.map((p) => pageText(mainColumnItems(p, facts))).join('\n'));
}

/** A page's whole text as one line of words (line-end hyphen breaks joined, shown as hyphens), for regex checks. */
export function flatText(items: PdfPage | readonly PdfTextItem[]): string {
  return pdfWords(pageText(items)).map(readableWord).join(' ');
}

/** True when `text`'s words are printed as one run on the page (or among the items), however its lines broke. */
export function printsText(items: PdfPage | readonly PdfTextItem[], text: string): boolean {
  return containsWords(pdfWords(pageText(items)), text);
}

/** The sidebar of a page: its heading ("N members") and the names under it, wrapped names joined. */
export interface Sidebar {
  heading: PdfTextItem;
  /** Every item from the heading down, left of the main column. */
  items: PdfTextItem[];
  names: string[];
}

/** Heading of the member-state sidebar, in the languages of our layouts. */
const SIDEBAR_HEADING = /^\d+ (members|membres)$/;

/** Finds the member-state sidebar on a page (null when there is none). */
export function readSidebar(page: PdfPage, facts: LayoutFacts): Sidebar | null {
  const heading = page.items.find((i) => i.x < facts.mainColumnX - EDGE_TOLERANCE && SIDEBAR_HEADING.test(i.str.trim()));
  if (!heading) return null;
  const items = page.items.filter((i) => i.x < facts.mainColumnX - EDGE_TOLERANCE && i.y >= heading.y - EDGE_TOLERANCE);
  const names: string[] = [];
  for (const line of pageLines(items.filter((i) => i !== heading))) {
    // A name too long for the column wraps; its later lines are indented (start-indent 2mm, text-indent −2mm).
    const continues = line[0].x > heading.x + EDGE_TOLERANCE && names.length > 0;
    if (continues) names[names.length - 1] += ` ${lineText(line)}`;
    else names.push(lineText(line));
  }
  return { heading, items, names };
}
