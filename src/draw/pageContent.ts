// A page's content stream, written as text operators by us and handed to pdfkit's page once per page.
//
// pdfkit converts every operator string it is given to bytes one character at a time and adds a graphics-state
// save, transform and colour space per call; laid-out items need none of that, so they are collected here and
// written in one piece. Whatever is still drawn through pdfkit's API (images, SVG) is preceded by a flush.
import { deflateSync } from 'node:zlib';
import type { PdfkitInternals } from './pdfkitInternals.js';
import { pdfNumber } from './pdfNumber.js';

/**
 * Deflate level of page content: zlib's fast strategy (levels 1–3) takes a third of the time of pdfkit's default (6)
 * on our text-heavy pages, for streams about a sixth larger (the seed: 7.3 kB instead of 6.2 kB).
 */
const CONTENT_DEFLATE_LEVEL = 3;

/** `#rrggbb` → the operands of `rg`/`RG` (0–1 per component), once per colour and process. */
const rgbOperands = new Map<string, string>();

function rgb(color: string): string {
  let operands = rgbOperands.get(color);
  if (operands === undefined) {
    const m = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(color);
    if (!m) throw new Error(`draw: colour "${color}" is not #rrggbb (the FO parser normalises colours)`);
    operands = [m[1], m[2], m[3]].map((h) => pdfNumber(parseInt(h!, 16) / 255)).join(' ');
    rgbOperands.set(color, operands);
  }
  return operands;
}

/** Operators of the page being drawn, in pdfkit's y-down user space (its pages start with a flipping `cm`). */
export class PageContent {
  #ops: string[] = [];
  /** The fill colour set last, so runs of one colour set it once; unknown after pdfkit drew. */
  #fill: string | null = null;

  /** Appends operators as they are. */
  push(ops: string): void {
    this.#ops.push(ops);
  }

  /** Sets the fill colour (text and rectangles) unless it is already set. */
  fill(color: string): void {
    if (color === this.#fill) return;
    this.#fill = color;
    this.#ops.push(`${rgb(color)} rg`);
  }

  /** A filled rectangle. */
  rect(x: number, y: number, width: number, height: number, color: string): void {
    this.fill(color);
    this.#ops.push(`${pdfNumber(x)} ${pdfNumber(y)} ${pdfNumber(width)} ${pdfNumber(height)} re f`);
  }

  /** A stroked straight line, solid, dashed or dotted. */
  line(x1: number, y1: number, x2: number, y2: number, thickness: number, color: string, style: 'solid' | 'dashed' | 'dotted'): void {
    const dash = style === 'dashed' ? `[${pdfNumber(thickness * 3)} ${pdfNumber(thickness * 2)}] 0 d ` : style === 'dotted' ? `[${pdfNumber(thickness)} ${pdfNumber(thickness)}] 0 d ` : '';
    this.#ops.push(`q ${pdfNumber(thickness)} w ${dash}${rgb(color)} RG ${pdfNumber(x1)} ${pdfNumber(y1)} m ${pdfNumber(x2)} ${pdfNumber(y2)} l S Q`);
  }

  /** Writes what was collected into the current page of `doc`; call before pdfkit draws and before the page ends. */
  flush(doc: PdfkitInternals): void {
    if (this.#ops.length > 0) {
      this.#ops.push('');
      doc.page.write(Buffer.from(this.#ops.join('\n'), 'latin1'));
      this.#ops = [];
    }
  }

  /** Flushes and compresses the page's content stream (instead of pdfkit, at its default level) before the page ends. */
  finishPage(doc: PdfkitInternals): void {
    this.flush(doc);
    const content = doc.page.content;
    if (!content.compress) return;
    const deflated = deflateSync(Buffer.concat(content.buffer), { level: CONTENT_DEFLATE_LEVEL });
    content.compress = false;
    content.buffer = [deflated];
    content.data.Filter = 'FlateDecode';
    content.data.Length = deflated.length;
  }

  /** Forgets the graphics state: pdfkit drew (and may have changed the colour), or a new page began. */
  reset(): void {
    this.#fill = null;
  }
}
