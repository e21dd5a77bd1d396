// A small PDF object reader for `check` and `extract`: finds every object (plain and in object streams), the trailer, and decodes streams.
import { inflateSync } from 'node:zlib';

/** A PDF name, e.g. `/Type`, without the slash. */
export class PdfName {
  constructor(readonly name: string) {}
}

/** A PDF string's bytes (decode with `textOf`). */
export class PdfString {
  constructor(readonly bytes: Uint8Array) {}
}

/** An indirect reference `n g R`. */
export class PdfRefValue {
  constructor(readonly num: number, readonly gen: number) {}
}

/** A PDF dictionary. */
export class PdfDict {
  constructor(readonly entries: Map<string, PdfValue>) {}
  get(key: string): PdfValue | undefined {
    return this.entries.get(key);
  }
}

/** A stream: its dictionary and raw (still encoded) data. */
export class PdfStream {
  constructor(readonly dict: PdfDict, readonly raw: Uint8Array) {}
}

export type PdfValue = null | boolean | number | PdfName | PdfString | PdfRefValue | PdfDict | PdfStream | PdfValue[];

/** A PDF file as objects. */
export interface PdfObjects {
  /** Every object by number (the last definition in the file wins, as incremental updates intend). */
  objects: Map<number, PdfValue>;
  /** The trailer (or the cross-reference stream's dictionary) that names the catalog. */
  trailer: PdfDict;
}

/** A file this reader cannot make sense of. */
export class PdfReadError extends Error {}

const WHITESPACE = new Set([0x00, 0x09, 0x0a, 0x0c, 0x0d, 0x20]);
const DELIMITERS = new Set([0x28, 0x29, 0x3c, 0x3e, 0x5b, 0x5d, 0x7b, 0x7d, 0x2f, 0x25]);
/** Longest gap allowed between a stream's declared end and `endstream` (an end-of-line marker). */
const STREAM_END_SLACK = 2;

/** Reads the objects and trailer of a PDF. Tolerates a broken cross-reference table: objects are found by scanning. */
export function readPdfObjects(bytes: Uint8Array): PdfObjects {
  const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
  if (!text.startsWith('%PDF-')) throw new PdfReadError('not a PDF file (no %PDF- header)');
  const objects = new Map<number, PdfValue>();
  const trailers: PdfDict[] = [];
  const header = /(\d+)\s+(\d+)\s+obj\b|trailer\b/g;
  for (let m = header.exec(text); m; m = header.exec(text)) {
    const parser = new Parser(text, bytes, m.index + m[0].length);
    try {
      if (m[0] === 'trailer') {
        const value = parser.value();
        if (value instanceof PdfDict) trailers.push(value);
      } else {
        const value = parser.objectBody();
        objects.set(Number(m[1]), value);
        if (value instanceof PdfStream && nameOf(value.dict.get('Type')) === 'XRef') trailers.push(value.dict);
      }
      header.lastIndex = parser.pos;
    } catch {
      // A damaged object: skip it and go on scanning.
    }
  }
  readObjectStreams(objects);
  const trailer = [...trailers].reverse().find((t) => t.get('Root')) ?? trailers.at(-1);
  if (!trailer) throw new PdfReadError('no trailer: the file is truncated or not a PDF');
  return { objects, trailer };
}

/** Adds the objects held in object streams (PDF 1.5+), unless a plain object of that number exists. */
function readObjectStreams(objects: Map<number, PdfValue>): void {
  for (const value of [...objects.values()]) {
    if (!(value instanceof PdfStream) || nameOf(value.dict.get('Type')) !== 'ObjStm') continue;
    const data = Buffer.from(decodeStream(value, objects));
    const text = data.toString('latin1');
    const n = Number(value.dict.get('N'));
    const first = Number(value.dict.get('First'));
    const index = new Parser(text, data, 0);
    const pairs: Array<[number, number]> = [];
    for (let i = 0; i < n; i++) pairs.push([index.value() as number, index.value() as number]);
    for (const [num, offset] of pairs) {
      if (objects.has(num)) continue;
      try {
        objects.set(num, new Parser(text, data, first + offset).value());
      } catch {
        // Skip a damaged entry.
      }
    }
  }
}

/** Follows a reference (once or more) to its value. */
export function resolve(objects: Map<number, PdfValue>, value: PdfValue | undefined): PdfValue | undefined {
  let v = value;
  for (let hops = 0; v instanceof PdfRefValue && hops < 32; hops++) v = objects.get(v.num);
  return v;
}

/** A name's text, or undefined for anything else. */
export function nameOf(value: PdfValue | undefined): string | undefined {
  return value instanceof PdfName ? value.name : undefined;
}

/** A text string: UTF-16BE (BOM), UTF-8 (BOM) or PDFDocEncoding (read as Latin-1). */
export function textOf(value: PdfValue | undefined): string | undefined {
  if (!(value instanceof PdfString)) return undefined;
  const b = value.bytes;
  if (b[0] === 0xfe && b[1] === 0xff) {
    let s = '';
    for (let i = 2; i + 1 < b.length; i += 2) s += String.fromCharCode((b[i]! << 8) | b[i + 1]!);
    return s;
  }
  if (b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf) return Buffer.from(b.subarray(3)).toString('utf8');
  return Buffer.from(b).toString('latin1');
}

/** A stream's decoded data: FlateDecode (with or without PNG predictors) or no filter. */
export function decodeStream(stream: PdfStream, objects: Map<number, PdfValue>): Uint8Array {
  const filter = resolve(objects, stream.dict.get('Filter'));
  const filters = (Array.isArray(filter) ? filter : filter ? [filter] : []).map((f) => nameOf(resolve(objects, f)));
  let data: Uint8Array = stream.raw;
  for (const f of filters) {
    if (f !== 'FlateDecode' && f !== 'Fl') throw new PdfReadError(`stream filter ${f} is not supported`);
    data = inflateSync(data);
  }
  return data;
}

/** A recursive-descent parser over the file's bytes (as Latin-1 text, one character per byte). */
class Parser {
  constructor(private readonly text: string, private readonly bytes: Uint8Array, public pos: number) {}

  /** An object's value and, when followed by `stream`, its data; ends after `endobj`. */
  objectBody(): PdfValue {
    let value = this.value();
    this.skipSpace();
    if (this.text.startsWith('stream', this.pos) && value instanceof PdfDict) value = this.stream(value);
    this.skipSpace();
    if (this.text.startsWith('endobj', this.pos)) this.pos += 'endobj'.length;
    return value;
  }

  value(): PdfValue {
    this.skipSpace();
    const c = this.text[this.pos];
    if (c === undefined) throw new PdfReadError('unexpected end of file');
    if (c === '/') return new PdfName(this.name());
    if (c === '(') return new PdfString(this.literalString());
    if (c === '<') return this.text[this.pos + 1] === '<' ? this.dict() : new PdfString(this.hexString());
    if (c === '[') return this.array();
    const word = /^[^\s()<>[\]{}/%]+/.exec(this.text.slice(this.pos, this.pos + 64))?.[0];
    if (!word) throw new PdfReadError(`unexpected "${c}" at ${this.pos}`);
    this.pos += word.length;
    if (word === 'true' || word === 'false') return word === 'true';
    if (word === 'null') return null;
    const n = Number(word);
    if (Number.isNaN(n)) throw new PdfReadError(`unexpected "${word}" at ${this.pos}`);
    // `n g R` is a reference: look ahead without consuming unless it is one.
    const ref = /^\s+(\d+)\s+R(?![^\s()<>[\]{}/%])/.exec(this.text.slice(this.pos, this.pos + 32));
    if (ref && Number.isInteger(n)) {
      this.pos += ref[0].length;
      return new PdfRefValue(n, Number(ref[1]));
    }
    return n;
  }

  private stream(dict: PdfDict): PdfStream {
    this.pos += 'stream'.length;
    if (this.text[this.pos] === '\r') this.pos++;
    if (this.text[this.pos] === '\n') this.pos++;
    const start = this.pos;
    const length = dict.get('Length');
    let end = -1;
    if (typeof length === 'number') {
      const after = this.text.slice(start + length, start + length + STREAM_END_SLACK + 'endstream'.length);
      if (/^\s{0,2}endstream/.test(after)) end = start + length;
    }
    if (end < 0) {
      const found = this.text.indexOf('endstream', start);
      if (found < 0) throw new PdfReadError('stream without endstream');
      end = found;
      if (this.text[end - 1] === '\n') end--;
      if (this.text[end - 1] === '\r') end--;
    }
    this.pos = this.text.indexOf('endstream', end) + 'endstream'.length;
    return new PdfStream(dict, this.bytes.subarray(start, end));
  }

  private dict(): PdfDict {
    this.pos += 2;
    const entries = new Map<string, PdfValue>();
    for (;;) {
      this.skipSpace();
      if (this.text.startsWith('>>', this.pos)) {
        this.pos += 2;
        return new PdfDict(entries);
      }
      if (this.text[this.pos] !== '/') throw new PdfReadError(`dictionary key expected at ${this.pos}`);
      const key = this.name();
      entries.set(key, this.value());
    }
  }

  private array(): PdfValue[] {
    this.pos++;
    const out: PdfValue[] = [];
    for (;;) {
      this.skipSpace();
      if (this.text[this.pos] === ']') {
        this.pos++;
        return out;
      }
      out.push(this.value());
    }
  }

  private name(): string {
    this.pos++;
    let end = this.pos;
    while (end < this.text.length && !WHITESPACE.has(this.text.charCodeAt(end)) && !DELIMITERS.has(this.text.charCodeAt(end))) end++;
    const raw = this.text.slice(this.pos, end);
    this.pos = end;
    return raw.replace(/#([0-9a-fA-F]{2})/g, (_, h: string) => String.fromCharCode(parseInt(h, 16)));
  }

  private literalString(): Uint8Array {
    this.pos++;
    const out: number[] = [];
    let depth = 1;
    const escapes: Record<string, number> = { n: 10, r: 13, t: 9, b: 8, f: 12, '(': 40, ')': 41, '\\': 92 };
    while (this.pos < this.text.length) {
      const c = this.text[this.pos++]!;
      if (c === '\\') {
        const e = this.text[this.pos++]!;
        if (e in escapes) out.push(escapes[e]!);
        else if (/[0-7]/.test(e)) {
          let oct = e;
          while (oct.length < 3 && /[0-7]/.test(this.text[this.pos] ?? '')) oct += this.text[this.pos++];
          out.push(parseInt(oct, 8) & 0xff);
        } else if (e === '\r') {
          if (this.text[this.pos] === '\n') this.pos++;
        } else if (e !== '\n') out.push(e.charCodeAt(0));
        continue;
      }
      if (c === '(') depth++;
      if (c === ')' && --depth === 0) return new Uint8Array(out);
      out.push(c.charCodeAt(0));
    }
    throw new PdfReadError('unterminated string');
  }

  private hexString(): Uint8Array {
    const end = this.text.indexOf('>', this.pos);
    if (end < 0) throw new PdfReadError('unterminated hex string');
    let hex = this.text.slice(this.pos + 1, end).replace(/\s+/g, '');
    this.pos = end + 1;
    if (hex.length % 2) hex += '0';
    return new Uint8Array(Buffer.from(hex, 'hex'));
  }

  private skipSpace(): void {
    for (;;) {
      while (this.pos < this.text.length && WHITESPACE.has(this.text.charCodeAt(this.pos))) this.pos++;
      if (this.text[this.pos] !== '%') return;
      while (this.pos < this.text.length && this.text[this.pos] !== '\n' && this.text[this.pos] !== '\r') this.pos++;
    }
  }
}
