// The draw stage: PageLayout → PDF bytes. The only module that knows pdfkit; it draws what layout positioned, nothing more.
import { createHash } from 'node:crypto';
import PDFDocument from 'pdfkit';
import { writeXmp } from '../archive/writeXmp.js';
import type { ImageAsset } from '../typeset/context.js';
import SVGtoPDF from 'svg-to-pdfkit';
import type { ImageItem, LineItem, PageItem, PageLayout, TextItem } from '../typeset/types.js';
import { internalsOf, type PdfkitInternals } from './pdfkitInternals.js';
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
  const doc = new PDFDocument({
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
  const done = collectBytes(doc);
  const internals = internalsOf(doc);
  internals._addInfo = () => internals.appendXML(writeXmp(meta, PRODUCER));
  if (archive.pdfa) internals._addColorOutputIntent = () => addOutputIntent(internals, archive.iccProfile);
  // 2. Attach the associated files (the release source and its layout's identity).
  for (const a of archive.attachments) {
    internals.file(a.bytes, { name: a.name, type: a.mime, description: a.description, relationship: a.relationship, creationDate: meta.created, modifiedDate: meta.created });
  }
  // 3. Draw every page, tagging each item as structure or artifact.
  const tagger = new StructureTagger(doc);
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
  for (const page of layout.pages) {
    doc.addPage({ size: [page.width, page.height], margin: 0 });
    for (const item of page.items) drawItem(doc, tagger, item, imageOf);
  }
  // 4. Write the structure tree and finish the file.
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

/** Collects the document's bytes; the trailer's /ID becomes a hash of everything written before it. */
function collectBytes(doc: PDFKit.PDFDocument): Promise<Uint8Array> {
  const chunks: Buffer[] = [];
  const hash = createHash('sha256');
  const internals = doc as unknown as { push(chunk: Uint8Array | null): boolean; _finalize(): void; _id: Uint8Array };
  const push = internals.push.bind(doc);
  internals.push = (chunk) => {
    if (chunk) hash.update(chunk);
    return push(chunk);
  };
  const finalize = internals._finalize.bind(doc);
  internals._finalize = () => {
    internals._id = new Uint8Array(hash.copy().digest().subarray(0, FILE_ID_BYTES));
    finalize();
  };
  return new Promise<Uint8Array>((resolve, reject) => {
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(new Uint8Array(Buffer.concat(chunks))));
    doc.on('error', reject);
  });
}

function drawItem(doc: PDFKit.PDFDocument, tagger: StructureTagger, item: PageItem, imageOf: (src: string) => PDFKit.Mixins.ImageSrc): void {
  switch (item.kind) {
    case 'text':
      return tagger.content(item.path, () => drawText(doc, item), item.y - item.size);
    case 'rect':
      return tagger.artifact('Layout', () => void doc.rect(item.x, item.y, item.width, item.height).fill(item.color));
    case 'line':
      // Borders, underlines and rule leaders are decoration.
      return tagger.artifact('Layout', () => drawLine(doc, item));
    case 'image':
      return tagger.figure(item.path, () => drawImage(doc, item, imageOf));
    case 'link':
      return tagger.link(item);
  }
}

/**
 * Draws a positioned run. Layout has placed it, so pdfkit's text() (options, word splitting, three measurements of
 * the same string) is skipped: the run is encoded once by pdfkit's font (which subsets and maps it to Unicode) and
 * written as one text object, with the font's kerning and mark offsets as TJ adjustments and moves.
 */
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

function drawText(doc: PDFKit.PDFDocument, item: TextItem): void {
  // The face key names the font in pdfkit's cache, so each face is embedded once per document.
  doc.font(item.font.handle as unknown as string, item.font.key).fontSize(item.size).fillColor(item.color);
  const d = internalsOf(doc);
  const font = d._font;
  if (d.page.fonts[font.id] == null) d.page.fonts[font.id] = font.ref();
  const [encoded, positions] = font.encode(item.text);
  const scale = item.size / 1000;
  // pdfkit's pages are drawn in a y-down system; text is set in PDF's own y-up system.
  doc.save();
  doc.transform(1, 0, 0, -1, 0, d.page.height);
  const y = d.page.height - item.y;
  let x = item.x;
  const ops = ['BT', `1 0 0 1 ${pdfNumber(x)} ${pdfNumber(y)} Tm`, `/${font.id} ${pdfNumber(item.size)} Tf`];
  let segment: string[] = [];
  let shown = '';
  const flush = () => {
    if (shown) segment.push(`<${shown}>`);
    if (segment.length) ops.push(`[${segment.join(' ')}] TJ`);
    segment = [];
    shown = '';
  };
  positions.forEach((p, i) => {
    if (p.xOffset || p.yOffset) {
      // A mark placed off its advance: move there, show it, and come back.
      flush();
      ops.push(`1 0 0 1 ${pdfNumber(x + p.xOffset * scale)} ${pdfNumber(y + p.yOffset * scale)} Tm`, `<${encoded[i]}> Tj`, `1 0 0 1 ${pdfNumber(x + p.xAdvance * scale)} ${pdfNumber(y)} Tm`);
    } else {
      shown += encoded[i];
      const kern = p.xAdvance - p.advanceWidth;
      if (kern !== 0) {
        segment.push(`<${shown}>`, pdfNumber(-kern));
        shown = '';
      }
    }
    x += p.xAdvance * scale;
  });
  flush();
  ops.push('ET');
  d.addContent(ops.join('\n'));
  doc.restore();
}

/** A number as PDF content writes it (at most six decimals, as pdfkit does). */
function pdfNumber(n: number): string {
  if (!Number.isFinite(n)) throw new Error(`cannot write ${n} into a PDF`);
  return String(Math.round(n * 1e6) / 1e6);
}

function drawLine(doc: PDFKit.PDFDocument, item: LineItem): void {
  doc.save();
  doc.moveTo(item.x1, item.y1).lineTo(item.x2, item.y2).lineWidth(item.thickness).strokeColor(item.color);
  if (item.style === 'dashed') doc.dash(item.thickness * 3, { space: item.thickness * 2 });
  if (item.style === 'dotted') doc.dash(item.thickness, { space: item.thickness });
  doc.stroke();
  doc.restore();
}
