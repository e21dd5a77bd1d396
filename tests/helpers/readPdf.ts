// Reads a PDF back with a real reader (pdfjs-dist): pages, positioned text, fonts, links and metadata, for read-back tests.
import { getDocument, type PDFDocumentProxy, type PDFPageProxy } from 'pdfjs-dist/legacy/build/pdf.mjs';

/** One run of text as pdfjs reports it, in points with a top-left origin. */
export interface PdfTextItem {
  str: string;
  /** Left edge of the run. */
  x: number;
  /** Baseline, measured down from the top of the page. */
  y: number;
  /** Advance width of the run. */
  width: number;
  /** Font size (the text matrix's vertical scale). */
  size: number;
  /** The font's PDF name, e.g. `BZZZZZ+NotoSans-Bold` (pdfjs's internal id when the name cannot be read). */
  font: string;
}

/** A link annotation: its target and its rectangle (top-left origin). */
export interface PdfLink {
  /** The URI exactly as written in the PDF (pdfjs's `unsafeUrl`), or its checked `url`, or null for a non-URI link. */
  url: string | null;
  x: number;
  y: number;
  width: number;
  height: number;
}

/** Any annotation: its subtype and, for links, the raw URI. */
export interface PdfAnnotation {
  subtype: string;
  url: string | null;
}

/** One page of the document. */
export interface PdfPage {
  /** 1-based page number. */
  number: number;
  width: number;
  height: number;
  /** Non-empty text runs, in content-stream order. */
  items: PdfTextItem[];
  /** Names of the fonts the page's text uses. */
  fonts: string[];
  annotations: PdfAnnotation[];
  links: PdfLink[];
}

/** The document info dictionary and catalog fields pdfjs exposes through getMetadata(). */
export interface PdfInfo {
  Title?: string;
  Author?: string;
  Subject?: string;
  Keywords?: string;
  Creator?: string;
  Producer?: string;
  CreationDate?: string;
  /** The catalog's /Lang. */
  Language?: string | null;
  [key: string]: unknown;
}

/** A PDF as read back. */
export interface PdfDocument {
  pages: PdfPage[];
  info: PdfInfo;
}

/** Baselines closer than this (pt) are one line: runs of one line share a baseline exactly, so a small tolerance suffices. */
const SAME_LINE_TOLERANCE = 1;
/** A horizontal gap wider than this fraction of the font size between two runs is a word space. */
const WORD_GAP_RATIO = 0.1;

/** Opens PDF bytes with pdfjs and reads every page. */
export async function readPdf(bytes: Uint8Array): Promise<PdfDocument> {
  // pdfjs takes ownership of (and detaches) the buffer it is given: hand it a copy.
  const data = new Uint8Array(bytes);
  const doc: PDFDocumentProxy = await getDocument({ data, useSystemFonts: false, disableFontFace: true, isEvalSupported: false, verbosity: 0 }).promise;
  try {
    const pages: PdfPage[] = [];
    for (let n = 1; n <= doc.numPages; n++) pages.push(await readPage(await doc.getPage(n)));
    const { info } = await doc.getMetadata();
    return { pages, info: info as PdfInfo };
  } finally {
    await doc.destroy();
  }
}

/** Reads one page: size, text runs with their fonts, annotations. */
async function readPage(page: PDFPageProxy): Promise<PdfPage> {
  const [x0, y0, x1, y1] = page.view;
  const width = x1 - x0;
  const height = y1 - y0;
  // The operator list makes pdfjs load the page's fonts into commonObjs, where their real names are.
  await page.getOperatorList();
  const content = await page.getTextContent();
  const items: PdfTextItem[] = [];
  for (const raw of content.items) {
    if (!('str' in raw) || raw.str.trim() === '') continue;
    const [a, b, , , e, f] = raw.transform as number[];
    items.push({ str: raw.str, x: e - x0, y: y1 - f, width: raw.width, size: Math.hypot(a, b), font: fontName(page, raw.fontName) });
  }
  const annotations: PdfAnnotation[] = [];
  const links: PdfLink[] = [];
  for (const annot of (await page.getAnnotations()) as Array<Record<string, unknown>>) {
    const url = typeof annot.unsafeUrl === 'string' ? annot.unsafeUrl : typeof annot.url === 'string' ? annot.url : null;
    const subtype = String(annot.subtype);
    annotations.push({ subtype, url });
    if (subtype === 'Link') {
      const [ax0, ay0, ax1, ay1] = annot.rect as number[];
      links.push({ url, x: Math.min(ax0, ax1) - x0, y: y1 - Math.max(ay0, ay1), width: Math.abs(ax1 - ax0), height: Math.abs(ay1 - ay0) });
    }
  }
  page.cleanup();
  return { number: page.pageNumber, width, height, items, fonts: [...new Set(items.map((i) => i.font))].sort(), annotations, links };
}

/** The PDF name of a font pdfjs knows by an internal id. */
function fontName(page: PDFPageProxy, id: string): string {
  try {
    const font = page.commonObjs.get(id) as { name?: string } | undefined;
    return font?.name ?? id;
  } catch {
    return id;
  }
}

/** Groups items into lines (top to bottom), each sorted left to right. */
export function pageLines(items: readonly PdfTextItem[]): PdfTextItem[][] {
  const sorted = [...items].sort((p, q) => p.y - q.y || p.x - q.x);
  const lines: PdfTextItem[][] = [];
  for (const item of sorted) {
    const line = lines.at(-1);
    if (line && Math.abs(line[0].y - item.y) <= SAME_LINE_TOLERANCE) line.push(item);
    else lines.push([item]);
  }
  return lines.map((line) => line.sort((p, q) => p.x - q.x));
}

/** Joins one line's runs, with a space where there is a visible gap between them. */
export function lineText(line: readonly PdfTextItem[]): string {
  let text = '';
  let end = -Infinity;
  for (const item of line) {
    const gap = item.x - end;
    if (text !== '' && gap > WORD_GAP_RATIO * item.size && !/\s$/.test(text) && !/^\s/.test(item.str)) text += ' ';
    text += item.str;
    end = item.x + item.width;
  }
  return text;
}

/** The text of a page (or of some of its items) in reading order: runs on a baseline joined, lines by newlines. */
export function pageText(page: PdfPage | readonly PdfTextItem[]): string {
  const items = 'items' in page ? page.items : page;
  return pageLines(items).map(lineText).join('\n');
}
