// PDF objects written as text by us, byte for byte as pdfkit would write them, for the many small dictionaries of the
// structure tree. pdfkit converts an object's data when the object ends, trying seven `instanceof` tests on every
// value before it finds a number: that was a tenth of drawing a one-page release.
import { ByteWriter } from './byteWriter.js';
import { pdfNumber } from './pdfNumber.js';
import type { PdfkitInternals, PdfRef } from './pdfkitInternals.js';

/** A reference as a value: `12 0 R`. */
export function refText(ref: PdfRef): string {
  return `${ref.id} 0 R`;
}

/** An array of numbers, each as pdfkit writes a number. */
export function numberArrayText(numbers: readonly number[]): string {
  return `[${numbers.map(pdfNumber).join(' ')}]`;
}

/** A dictionary from its entries (values already written as text), in pdfkit's layout: one entry a line. */
export function dictionaryText(entries: readonly (readonly [string, string])[]): string {
  const text = dictionary;
  text.clear();
  text.text('<<');
  for (const [key, value] of entries) text.text('\n/').text(key).space().text(value);
  return text.text('\n>>').latin1();
}

/**
 * Where dictionaries are assembled (a writer kept for the process: the text is copied out before it returns). Joined
 * with + or a template, a short dictionary allocated ~530 bytes of intermediate strings; assembled here, ~160.
 */
const dictionary = ByteWriter.take();

/** Characters escaped in a literal string, as pdfkit escapes them. */
const ESCAPED: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t', '\b': '\\b', '\f': '\\f', '\\': '\\\\', '(': '\\(', ')': '\\)' };

/** A text string: ASCII as is, anything else as UTF-16BE with its byte order mark (as bytes, one char each). */
export function stringText(text: string): string {
  let bytes = text;
  if (/[^\0-\x7f]/.test(text)) {
    bytes = '\xfe\xff';
    for (let i = 0; i < text.length; i++) {
      const unit = text.charCodeAt(i);
      bytes += String.fromCharCode(unit >> 8, unit & 0xff);
    }
  }
  return `(${bytes.replace(/[\n\r\t\b\f()\\]/g, (c) => ESCAPED[c]!)})`;
}

/**
 * Ends `ref` with `text` as its whole content: pdfkit writes a value that is one of its references by calling its
 * toString, so the data becomes such a value, of a class of our own whose toString is the text.
 */
export function endWithText(doc: PdfkitInternals, ref: PdfRef, text: string): void {
  ref.data = new (verbatimClass(doc))(text) as unknown as Record<string, unknown>;
  ref.end();
}

type Verbatim = new (text: string) => { toString(): string };
let verbatim: Verbatim | undefined;

/** A subclass of pdfkit's abstract reference (found through the catalog's class) that writes a given text. */
function verbatimClass(doc: PdfkitInternals): Verbatim {
  if (!verbatim) {
    const abstractReference = Object.getPrototypeOf((doc._root as object).constructor) as new () => object;
    verbatim = class extends abstractReference {
      readonly #text: string;
      constructor(text: string) {
        super();
        this.#text = text;
      }
      override toString(): string {
        return this.#text;
      }
    } as unknown as Verbatim;
  }
  return verbatim;
}
