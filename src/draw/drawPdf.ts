// The draw stage: PageLayout → PDF bytes. The only module that knows pdfkit; it draws what layout positioned, nothing more.
import PDFDocument from 'pdfkit';
import type { ImageAsset } from '../typeset/context.js';
import type { LineItem, PageItem, PageLayout, TextItem } from '../typeset/types.js';
import type { DocumentMetadata } from './types.js';

/** Draws the laid-out pages into a PDF and returns its bytes. */
export function drawPdf(layout: PageLayout, meta: DocumentMetadata, images: Map<string, ImageAsset>): Promise<Uint8Array> {
  const doc = new PDFDocument({
    autoFirstPage: false,
    // No default font: pdfkit would otherwise load Helvetica's metrics for every document.
    font: null as unknown as string,
    compress: true,
    pdfVersion: '1.7',
    lang: meta.language,
    displayTitle: true,
    info: { Title: meta.title, Author: meta.author, Subject: meta.subject, Keywords: meta.keywords, Creator: meta.creator, Producer: 'pressroom (pdfkit)', CreationDate: meta.created, ModDate: meta.created },
  });
  const chunks: Buffer[] = [];
  const done = new Promise<Uint8Array>((resolve, reject) => {
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(new Uint8Array(Buffer.concat(chunks))));
    doc.on('error', reject);
  });
  const opened = new Map<string, unknown>();
  const imageOf = (src: string) => {
    let img = opened.get(src);
    if (!img) opened.set(src, (img = (doc as unknown as { openImage(b: Buffer): unknown }).openImage(Buffer.from(images.get(src)!.bytes))));
    return img as PDFKit.Mixins.ImageSrc;
  };
  for (const page of layout.pages) {
    doc.addPage({ size: [page.width, page.height], margin: 0 });
    for (const item of page.items) drawItem(doc, item, imageOf);
  }
  doc.end();
  return done;
}

function drawItem(doc: PDFKit.PDFDocument, item: PageItem, imageOf: (src: string) => PDFKit.Mixins.ImageSrc): void {
  switch (item.kind) {
    case 'text':
      return drawText(doc, item);
    case 'rect':
      doc.rect(item.x, item.y, item.width, item.height).fill(item.color);
      return;
    case 'line':
      return drawLine(doc, item);
    case 'image':
      doc.image(imageOf(item.src), item.x, item.y, { width: item.width, height: item.height });
      return;
    case 'link':
      doc.link(item.x, item.y, item.width, item.height, item.url);
      return;
  }
}

function drawText(doc: PDFKit.PDFDocument, item: TextItem): void {
  // The face key names the font in pdfkit's cache, so each face is embedded once per document.
  doc.font(item.font.handle as unknown as string, item.font.key).fontSize(item.size).fillColor(item.color);
  doc.text(item.text, item.x, item.y, { lineBreak: false, baseline: 'alphabetic' });
}

function drawLine(doc: PDFKit.PDFDocument, item: LineItem): void {
  doc.save();
  doc.moveTo(item.x1, item.y1).lineTo(item.x2, item.y2).lineWidth(item.thickness).strokeColor(item.color);
  if (item.style === 'dashed') doc.dash(item.thickness * 3, { space: item.thickness * 2 });
  if (item.style === 'dotted') doc.dash(item.thickness, { space: item.thickness });
  doc.stroke();
  doc.restore();
}
