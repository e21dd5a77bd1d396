// A page's content stream, written as operators by us and handed to pdfkit's page once per page.
//
// pdfkit converts every operator string it is given to bytes one character at a time and adds a graphics-state
// save, transform and colour space per call; laid-out items need none of that, so they are collected here and
// written in one piece. Whatever is still drawn through pdfkit's API (images, SVG) is preceded by a flush.
import { deflateSync } from 'node:zlib';
import { ByteWriter } from './byteWriter.js';
import type { PdfkitInternals } from './pdfkitInternals.js';
import { pdfNumber } from './pdfNumber.js';

/**
 * Deflate level of page content: zlib's fast strategy (levels 1–3) takes a third of the time of pdfkit's default (6)
 * on our text-heavy pages, for streams about a sixth larger (the seed: 7.3 kB instead of 6.2 kB).
 */
const CONTENT_DEFLATE_LEVEL = 3;

/** The smallest gap between runs worth a TJ number, in thousandths of the font size (`number` writes millionths). */
const MIN_TJ_GAP = 1e-6;

/**
 * A text object being written into a page's bytes: its font, size and baseline, where its last run ended (`pen`, in
 * user space), and whether a TJ array is open (consecutive runs and gaps share one).
 */
export class OpenText {
  #inArray = false;

  constructor(
    private readonly bytes: ByteWriter,
    readonly name: string,
    readonly size: number,
    public pen: number,
    readonly y: number,
  ) {}

  /** Opens a TJ array unless one is open. */
  array(): void {
    if (this.#inArray) return;
    this.bytes.text(' [');
    this.#inArray = true;
  }

  /** Closes the open TJ array, if any (before glyphs drawn one by one, and at the object's end). */
  endArray(): void {
    if (!this.#inArray) return;
    this.bytes.text('] TJ');
    this.#inArray = false;
  }
}

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

/**
 * Operators of the page being drawn, in pdfkit's y-down user space (its pages start with a flipping `cm`), written
 * as bytes (see byteWriter.ts): the page's whole content stream, pdfkit's part included, is one buffer, deflated
 * when the page ends. Call `release` when the document's pages are done.
 */
export class PageContent {
  readonly #bytes = ByteWriter.take();
  /** The fill colour set last, so runs of one colour set it once; unknown after pdfkit drew. */
  #fill: string | null = null;
  /** The text object left open by `text`, for the next run on its baseline in its font and size; null when none is. */
  #text: OpenText | null = null;

  /** Appends an operator (or several) as it is. */
  push(ops: string): void {
    this.closeText();
    this.#bytes.text(ops).newline();
  }

  /**
   * Where an operator written in pieces goes (the caller ends it with `newline()`, after `closeText`), and where the
   * glyphs of the text object `text` opened are written.
   */
  get writer(): ByteWriter {
    return this.#bytes;
  }

  /** Sets the fill colour (text and rectangles) unless it is already set. */
  fill(color: string): void {
    if (color === this.#fill) return;
    this.closeText();
    this.#fill = color;
    this.#bytes.text(rgb(color)).text(' rg').newline();
  }

  /**
   * Starts a run of text at (x, y) in font `name` at `size`, and returns the open text object its glyphs are written
   * into (see OpenText). A run on the baseline of the open object, in its font and size, continues it: the gap from
   * where the last run ended becomes a number in the TJ array, where a new object would repeat BT, Tf, Tm and ET.
   * Justified lines are laid out word by word (each word placed where its stretched spaces put it), so a line's
   * words were a dozen text objects; now they are one.
   */
  text(name: string, size: number, x: number, y: number): OpenText {
    const open = this.#text;
    if (open && open.name === name && open.size === size && open.y === y) {
      const gap = ((open.pen - x) * 1000) / size;
      // A gap below a millionth of a unit (what `number` writes) is none: the run starts where the last one ended.
      if (Math.abs(gap) >= MIN_TJ_GAP) {
        open.array();
        this.#bytes.space().number(gap).space();
      }
      open.pen = x;
      return open;
    }
    this.closeText();
    this.#bytes.text('BT /').text(name).space().number(size).text(' Tf 1 0 0 -1 ').number(x).space().number(y).text(' Tm');
    return (this.#text = new OpenText(this.#bytes, name, size, x, y));
  }

  /** Ends the open text object, if any: before any other operator, and when the page ends. */
  closeText(): void {
    const open = this.#text;
    if (!open) return;
    open.endArray();
    this.#bytes.text(' ET').newline();
    this.#text = null;
  }

  /** A filled rectangle. */
  rect(x: number, y: number, width: number, height: number, color: string): void {
    this.fill(color);
    this.closeText();
    this.#bytes.number(x).space().number(y).space().number(width).space().number(height).text(' re f').newline();
  }

  /** A stroked straight line, solid, dashed or dotted. */
  line(x1: number, y1: number, x2: number, y2: number, thickness: number, color: string, style: 'solid' | 'dashed' | 'dotted'): void {
    const dash = style === 'dashed' ? `[${pdfNumber(thickness * 3)} ${pdfNumber(thickness * 2)}] 0 d ` : style === 'dotted' ? `[${pdfNumber(thickness)} ${pdfNumber(thickness)}] 0 d ` : '';
    this.push(`q ${pdfNumber(thickness)} w ${dash}${rgb(color)} RG ${pdfNumber(x1)} ${pdfNumber(y1)} m ${pdfNumber(x2)} ${pdfNumber(y2)} l S Q`);
  }

  /** Hands what was collected to the current page of `doc`, before pdfkit draws into it. */
  flush(doc: PdfkitInternals): void {
    this.closeText();
    if (this.#bytes.length === 0) return;
    doc.page.write(this.#bytes.copy());
    this.#bytes.clear();
  }

  /**
   * Takes over what pdfkit wrote into the page (its opening `cm`, an image) and forgets the graphics state: call when
   * a page begins and after pdfkit drew. Nothing of ours is pending then, so the page's bytes stay in order.
   */
  reset(doc: PdfkitInternals): void {
    const content = doc.page.content;
    for (const chunk of content.buffer) this.#bytes.bytes(chunk);
    content.buffer = [];
    this.#fill = null;
  }

  /** Compresses the page's content stream (instead of pdfkit, at its default level) before the page ends. */
  finishPage(doc: PdfkitInternals): void {
    this.closeText();
    const content = doc.page.content;
    if (!content.compress) return this.flush(doc);
    const deflated = deflateSync(this.#bytes.view(), { level: CONTENT_DEFLATE_LEVEL });
    this.#bytes.clear();
    content.compress = false;
    content.buffer = [deflated];
    content.data.Filter = 'FlateDecode';
    content.data.Length = deflated.length;
  }

  /** Gives the buffer back for the next document's pages. */
  release(): void {
    this.#bytes.release();
  }
}
