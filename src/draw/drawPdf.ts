// The draw stage: PageLayout → PDF bytes. The only module that knows pdfkit; it draws what layout positioned, nothing more.
import { createHash } from 'node:crypto';
import PDFDocument from 'pdfkit';
import { writeXmp } from '../archive/writeXmp.js';
import type { ImageAsset } from '../typeset/context.js';
import SVGtoPDF from 'svg-to-pdfkit';
import type * as fontkit from 'fontkit';
import type { ImageItem, PageItem, PageLayout, TextItem } from '../typeset/types.js';
import { DocumentFonts } from './documentFonts.js';
import { encodeLine, encodePlacements, encodedRun, type EncodedLine, type EncodedRun } from './glyphEncoding.js';
import { ByteWriter } from './byteWriter.js';
import { PageContent, type OpenText } from './pageContent.js';
import { internalsOf, type PdfkitInternals } from './pdfkitInternals.js';
import { pdfNumber } from './pdfNumber.js';
import { StructureTagger } from './tagStructure.js';
import type { ArchiveOptions, DocumentMetadata } from './types.js';

/** The Producer entry (info and XMP). */
const PRODUCER = 'pressroom (pdfkit)';
/** Bytes of the file identifier: 16, as MD5-sized IDs are what readers expect. */
const FILE_ID_BYTES = 16;
/** The output condition of the sRGB profile, as the ICC registry names it. */
const SRGB_CONDITION = 'sRGB IEC61966-2.1';

/** Draws the laid-out pages into a tagged PDF (PDF/A when asked) and returns its bytes. */
export function drawPdf(layout: PageLayout, meta: DocumentMetadata, images: Map<string, ImageAsset>, archive: ArchiveOptions = { attachments: [] }): Promise<Uint8Array> {
  // 1. Open a tagged document whose metadata and identifier depend on its content only.
  const doc = new PressroomDocument({
    autoFirstPage: false,
    // No default font: pdfkit would otherwise load Helvetica's metrics for every document.
    font: null as unknown as string,
    compress: true,
    pdfVersion: '1.7',
    lang: meta.language,
    displayTitle: true,
    tagged: true,
    ...(archive.pdfa ? { subset: `PDF/A-${archive.pdfa}` as PDFKit.Mixins.PDFSubsets } : {}),
    info: { Title: meta.title, Author: meta.author, Subject: meta.subject, Keywords: meta.keywords, Creator: meta.creator, Producer: PRODUCER, CreationDate: meta.created, ModDate: meta.created },
  });
  const done = doc.collectBytes();
  doc.xmp = writeXmp(meta, PRODUCER);
  const internals = internalsOf(doc);
  if (archive.pdfa) {
    // pdfkit copies its PDF/A methods onto the document (own properties), so this one is replaced there: by one
    // function shared by every document, which reads the document's own profile.
    doc.iccProfile = archive.iccProfile;
    internals._addColorOutputIntent = addShippedOutputIntent;
  }
  // 2. Attach the associated files (the release source and its layout's identity).
  for (const a of archive.attachments) {
    internals.file(a.bytes, { name: a.name, type: a.mime, description: a.description, relationship: a.relationship, creationDate: meta.created, modifiedDate: meta.created });
  }
  // 3. Draw every page, tagging each item as structure or artifact.
  const out = new PageContent();
  const fonts = new DocumentFonts(internals);
  const tagger = new StructureTagger(doc, out);
  const opened = new Map<string, unknown>();
  const imageOf = (src: string) => {
    let img = opened.get(src);
    if (!img) {
      const asset = images.get(src)!;
      img = asset.format === 'svg' ? new TextDecoder().decode(asset.bytes) : (doc as unknown as { openImage(b: Buffer): unknown }).openImage(Buffer.from(asset.bytes));
      opened.set(src, img);
    }
    return img as PDFKit.Mixins.ImageSrc | string;
  };
  const context: DrawContext = { doc, out, fonts, tagger, imageOf };
  for (const page of layout.pages) {
    doc.addPage({ size: [page.width, page.height], margin: 0 });
    out.reset(internals);
    for (const item of page.items) drawItem(context, item);
    tagger.closeMarkedContent();
    out.finishPage(internals);
  }
  out.release();
  // 4. Write the fonts (their glyphs are known now) and the structure tree, and finish the file.
  fonts.finish();
  tagger.finish();
  doc.end();
  return done;
}

/** The PDF/A output intent: sRGB, with the profile shipped in assets/icc/ (pdfkit would read its own copy from disk). */
function addOutputIntent(doc: PdfkitInternals, profile: Uint8Array | undefined): void {
  if (!profile) throw new Error('a PDF/A document needs the sRGB ICC profile (ArchiveOptions.iccProfile)');
  const stream = doc.ref({ Length: profile.length, N: 3 });
  stream.end(profile);
  const intent = doc.ref({ Type: 'OutputIntent', S: 'GTS_PDFA1', OutputConditionIdentifier: new String(SRGB_CONDITION), Info: new String(SRGB_CONDITION), RegistryName: new String('http://www.color.org'), DestOutputProfile: stream });
  intent.end();
  doc._root.data.OutputIntents = [intent];
}

/** pdfkit's document class, with the internals PressroomDocument overrides. */
const PdfkitDocument = PDFDocument as unknown as new (options: PDFKit.PDFDocumentOptions) => PDFKit.PDFDocument & {
  _write(data: string | Uint8Array): void;
  push(chunk: Uint8Array | null): boolean;
  read(): Uint8Array | null;
  _finalize(): void;
  _addInfo(): void;
  _id: Uint8Array;
  _offset: number;
};

/**
 * pdfkit's document with our hooks as methods of a class, their state in fields. Each document used to get them as
 * functions of its own (`doc._write = (data) => …`), and V8 then kept every document, with its pages, objects and
 * bytes, reachable for minor GCs until a full one (as with the getter of an object literal: see LaidOutPages in
 * typeset/layoutDocument.ts). tests/typeset/retentionProbe.mjs shows it for layouts; the same probe on the document
 * showed each one outliving the next.
 */
class PressroomDocument extends PdfkitDocument {
  /** Where the file's bytes go, once pdfkit's constructor has written the header (see collectBytes). */
  collector: { file: ByteWriter; done: (pdf: Uint8Array) => void } | undefined;
  /** The XMP packet to write in place of pdfkit's (escaped and complete, see writeXmp). */
  xmp: string | undefined;
  /** A PDF/A document's output-intent profile: the one shipped with pressroom, in place of pdfkit's copy on disk. */
  iccProfile: Uint8Array | undefined;

  /**
   * Collects the document's bytes; the trailer's /ID becomes a hash of everything written before it. pdfkit writes
   * through a Readable stream, small chunk by chunk, each string converted a character at a time: its `_write` is
   * taken over so chunks go straight into one buffer (see byteWriter.ts), copied out once at the end.
   */
  collectBytes(): Promise<Uint8Array> {
    const file = ByteWriter.take();
    // The header pdfkit wrote on creation waits in the stream's buffer.
    const header = this.read();
    if (header) file.bytes(header);
    return new Promise<Uint8Array>((done) => (this.collector = { file, done }));
  }

  override _write(data: string | Uint8Array): void {
    const file = this.collector?.file;
    if (!file) return super._write(data);
    if (typeof data === 'string') file.text(data).newline();
    else file.bytes(data);
    this._offset = file.length;
  }

  override push(chunk: Uint8Array | null): boolean {
    const collector = this.collector;
    if (!collector) return super.push(chunk);
    // pdfkit ends the file by pushing null. The bytes are handed over on the next tick: the stream queued ticks
    // holding the document when pdfkit wrote its header, and a caller rendering in a tight loop of promises would
    // otherwise never let them run (every document stayed in memory).
    if (chunk) collector.file.bytes(chunk);
    else {
      process.nextTick(collector.done, collector.file.copy());
      collector.file.release();
    }
    return true;
  }

  override _finalize(): void {
    const file = this.collector?.file;
    if (file) this._id = new Uint8Array(createHash('sha256').update(file.view()).digest().subarray(0, FILE_ID_BYTES));
    super._finalize();
  }

  override _addInfo(): void {
    if (this.xmp === undefined) return super._addInfo();
    internalsOf(this).appendXML(this.xmp);
  }
}

/** A PDF/A document's output intent, with its profile (see PressroomDocument.iccProfile). */
function addShippedOutputIntent(this: PressroomDocument): void {
  addOutputIntent(internalsOf(this), this.iccProfile);
}

/** What drawing a page needs: pdfkit's document, the page's operators, the document's fonts and tags, images. */
interface DrawContext {
  doc: PDFKit.PDFDocument;
  out: PageContent;
  fonts: DocumentFonts;
  tagger: StructureTagger;
  imageOf: (src: string) => PDFKit.Mixins.ImageSrc | string;
}

function drawItem(c: DrawContext, item: PageItem): void {
  switch (item.kind) {
    case 'text':
      return c.tagger.content(item.path, () => drawText(c.out, c.fonts, c.doc, item), item.y - item.size);
    case 'rect':
      return c.tagger.artifact('Layout', () => c.out.rect(item.x, item.y, item.width, item.height, item.color));
    case 'line':
      // Borders, underlines and rule leaders are decoration.
      return c.tagger.artifact('Layout', () => c.out.line(item.x1, item.y1, item.x2, item.y2, item.thickness, item.color, item.style));
    case 'image':
      // pdfkit draws images: what was collected goes first, and pdfkit may leave another colour set.
      return c.tagger.figure(item.path, () => {
        c.out.flush(internalsOf(c.doc));
        drawImage(c.doc, item, c.imageOf);
        c.out.reset(internalsOf(c.doc));
      });
    case 'link':
      return c.tagger.link(item);
  }
}

/** Raster images through pdfkit; SVG as vector graphics (no text, no external references: see drawSvg). */
function drawImage(doc: PDFKit.PDFDocument, item: ImageItem, imageOf: (src: string) => PDFKit.Mixins.ImageSrc | string): void {
  const image = imageOf(item.src);
  if (typeof image === 'string') drawSvg(doc, image, item);
  else doc.image(image, item.x, item.y, { width: item.width, height: item.height });
}

/**
 * Draws an SVG from the layout's folder. Text in it would need fonts outside our embedded set (pdfkit's standard
 * fonts, not allowed in PDF/A) and an external image would be a file read or a fetch: both are errors.
 */
function drawSvg(doc: PDFKit.PDFDocument, svg: string, item: ImageItem): void {
  SVGtoPDF(doc, fitToViewport(svg), item.x, item.y, {
    width: item.width,
    height: item.height,
    fontCallback: () => {
      throw new Error(`the SVG image "${item.src}" contains text; convert its text to paths`);
    },
    imageCallback: (link) => {
      if (/^data:image\/(png|jpeg);base64,/i.test(link.replace(/\s+/g, ''))) return link.replace(/\s+/g, '');
      throw new Error(`the SVG image "${item.src}" refers to another file (${link.slice(0, 40)}); embed it as a data: URI`);
    },
    documentCallback: () => {
      throw new Error(`the SVG image "${item.src}" refers to another document`);
    },
    warningCallback: () => undefined,
  });
}

/**
 * Makes the root <svg> fill the viewport layout gave it: its own width and height would otherwise set its size
 * (svg-to-pdfkit honours them), so they become 100%, with a viewBox from them when it had none.
 */
function fitToViewport(svg: string): string {
  return svg.replace(/<svg\b[^>]*>/i, (root) => {
    const attr = (name: string) => new RegExp(`\\s${name}\\s*=\\s*["']([^"']*)["']`, 'i').exec(root)?.[1];
    const [w, h] = [parseFloat(attr('width') ?? ''), parseFloat(attr('height') ?? '')];
    const viewBox = attr('viewBox') ?? (w > 0 && h > 0 ? `0 0 ${w} ${h}` : undefined);
    const bare = root.replace(/\s(width|height|viewBox|preserveAspectRatio)\s*=\s*["'][^"']*["']/gi, '');
    return bare.replace(/^<svg/i, `<svg width="100%" height="100%"${viewBox ? ` viewBox="${viewBox}"` : ''} preserveAspectRatio="xMidYMid meet"`);
  });
}

/**
 * The text objects of static content, by item. Layout gives a static content's items once per process (see
 * typeset/pages/staticContent.ts): the same letterhead, sidebar or footer item comes back on every page of every
 * document, and its text object is the same bytes whenever its font has the same resource name.
 */
const staticTextObjects = new WeakMap<TextItem, { name: string; line: EncodedLine; bytes: Uint8Array }>();

/**
 * Draws a positioned run: layout placed it, so only its glyph codes and kerning are written. A run continues the text
 * object before it when it shares its baseline, font and size (see PageContent.text); static content's runs are whole
 * text objects, kept as bytes.
 */
function drawText(out: PageContent, fonts: DocumentFonts, doc: PDFKit.PDFDocument, item: TextItem): void {
  const own = DocumentFonts.ownsFace(item.font);
  const isStatic = own && item.path[0]?.name === 'static-content';
  const known = isStatic ? staticTextObjects.get(item) : undefined;
  if (known && known.name === fonts.use(item.font)) {
    fonts.record(item.font, known.line);
    out.fill(item.color);
    out.closeText();
    out.writer.bytes(known.bytes);
    return;
  }
  const { name, line } = own ? ownLine(fonts, item) : pdfkitLine(doc, item);
  out.fill(item.color);
  // A static run is a text object of its own, so that its bytes can be written again as they are.
  if (isStatic) out.closeText();
  const start = out.writer.length;
  writeRuns(out, out.text(name, item.size, item.x, item.y), item, line);
  if (!isStatic) return;
  out.closeText();
  staticTextObjects.set(item, { name, line, bytes: out.writer.view().slice(start) });
}

/** Writes a run's glyphs into the open text object; consecutive runs share its TJ array, and marks placed off their advance are drawn glyph by glyph. */
function writeRuns(out: PageContent, text: OpenText, item: TextItem, line: EncodedLine): void {
  // Written in pieces, straight into the page's bytes: text is the most frequent content by far.
  const w = out.writer;
  const scale = item.size / 1000;
  let pen = item.x;
  for (const run of line.runs) {
    if (run.tj === null) {
      text.endArray();
      w.text(placedGlyphs(run, pen, item.y, scale));
    } else if (run.tj) {
      text.array();
      w.text(run.tj);
    }
    pen += run.advance * scale;
  }
  text.pen = pen;
}

/** The item's text in a face we embed: encoded once per process, its glyphs recorded for this document's subset. */
function ownLine(fonts: DocumentFonts, item: TextItem): { name: string; line: EncodedLine } {
  const name = fonts.use(item.font);
  const line = encodeLine(item.font.handle as fontkit.Font, item.text);
  fonts.record(item.font, line);
  return { name, line };
}

/** The item in a face pdfkit embeds (CFF outlines): pdfkit shapes, subsets and maps it to Unicode, per document. */
function pdfkitLine(doc: PDFKit.PDFDocument, item: TextItem): { name: string; line: EncodedLine } {
  // The face key names the font in pdfkit's cache, so each face is embedded once per document.
  doc.font(item.font.handle as unknown as string, item.font.key);
  const d = internalsOf(doc);
  const font = d._font;
  if (d.page.fonts[font.id] == null) d.page.fonts[font.id] = font.ref();
  const [codes, positions] = font.encode(item.text);
  const placements = positions.map((p) => ({ xAdvance: p.xAdvance, width: p.advanceWidth, xOffset: p.xOffset, yOffset: p.yOffset }));
  const { tj, advance } = encodePlacements(codes, placements);
  const run = encodedRun(tj, advance, [], [], codes, placements);
  return { name: font.id, line: { runs: [run] } };
}

/** A run with marks placed off their advance, glyph by glyph at absolute positions, ending where the run ends. */
function placedGlyphs(run: EncodedRun, x: number, y: number, scale: number): string {
  let ops = '';
  let pen = x;
  run.placements!.forEach((p, i) => {
    ops += ` 1 0 0 -1 ${pdfNumber(pen + p.xOffset * scale)} ${pdfNumber(y - p.yOffset * scale)} Tm <${run.codes![i]}> Tj`;
    pen += p.xAdvance * scale;
  });
  return `${ops} 1 0 0 -1 ${pdfNumber(pen)} ${pdfNumber(y)} Tm`;
}
