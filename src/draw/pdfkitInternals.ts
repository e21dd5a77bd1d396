// The parts of pdfkit's document the draw stage reaches beyond its typed API: references, pages, the structure and parent trees, metadata hooks.

/** An indirect object pdfkit will write when `end()` is called; `data` may change until then. */
export interface PdfRef {
  readonly id: number;
  data: Record<string, unknown>;
  end(chunk?: Uint8Array): void;
}

/** pdfkit's number tree (the structure parent tree). */
export interface PdfNumberTree {
  add(key: number, value: unknown): void;
  get(key: number): unknown;
}

/** A page as pdfkit keeps it while it is open. */
export interface PdfPage {
  dictionary: PdfRef;
  annotations: PdfRef[];
  /** The page's key in the parent tree (created on first use). */
  readonly structParentTreeKey: number;
  /** Appends bytes to the page's content stream. */
  write(chunk: Uint8Array): void;
  /** The content stream: its chunks so far, and whether pdfkit will deflate them when the page ends. */
  content: { buffer: Uint8Array[]; compress: boolean; data: Record<string, unknown> };
}

/** An outline (bookmark) item. */
export interface PdfOutline {
  outlineData: Record<string, unknown>;
  addItem(title: string, options?: { expanded?: boolean }): PdfOutline;
}

/** pdfkit's embedded font: shapes and encodes text into glyph ids of its subset. */
export interface PdfFont {
  id: string;
  ref(): PdfRef;
  /** Hex glyph codes and their positions (in 1/1000 of the font size), shaped with kerning and ligatures. */
  encode(text: string): [string[], { xAdvance: number; yAdvance: number; xOffset: number; yOffset: number; advanceWidth: number }[]];
}

/** pdfkit's document, seen from inside. */
export interface PdfkitInternals {
  page: PdfPage & { fonts: Record<string, PdfRef>; height: number };
  /** The current font (set by doc.font). */
  _font: PdfFont;
  addContent(ops: string): unknown;
  outline: PdfOutline;
  info: Record<string, unknown>;
  /** The file identifier written twice into the trailer's /ID. */
  _id: Uint8Array;
  /** Writes the document information into the XMP packet; replaced to write escaped, complete XMP. */
  _addInfo(): void;
  appendXML(xml: string, newline?: boolean): void;
  /** Writes the PDF/A output intent; replaced to use the profile shipped with pressroom. */
  _addColorOutputIntent(): void;
  /** The document catalog. */
  _root: PdfRef;
  ref(data?: Record<string, unknown>): PdfRef;
  getStructTreeRoot(): PdfRef;
  getStructParentTree(): PdfNumberTree;
  createStructParentTreeNextKey(): number;
  markStructureContent(tag: string): unknown;
  markContent(tag: string, options?: { type?: string }): unknown;
  endMarkedContent(): unknown;
  /** A rectangle in user space (y down) as the page's [x1 y1 x2 y2], through the current transformation matrix. */
  _convertRect(x: number, y: number, w: number, h: number): number[];
  file(data: Uint8Array, options: { name: string; type?: string; description?: string; relationship?: string; creationDate?: Date; modifiedDate?: Date }): PdfRef;
}

/** Views a pdfkit document through its internals. */
export function internalsOf(doc: PDFKit.PDFDocument): PdfkitInternals {
  return doc as unknown as PdfkitInternals;
}
