// A growing byte buffer that PDF text is written into directly, one byte per character.
//
// Page content and the file itself used to be strings joined and then converted to Buffers, piece by piece: every
// operator and every object became a string, then a copy in bytes, then a copy in the joined whole. Written here,
// text goes straight into bytes, and the buffer is reused by the next document (see `take` and `release`).
import { pdfNumber } from './pdfNumber.js';

/** Room a new buffer starts with: a text-heavy page's content fits, so one-page documents never grow it. */
const INITIAL_BYTES = 64 * 1024;
/** Buffers larger than this (documents with big images) are not kept for reuse: the process would hold them forever. */
const MAX_KEPT_BYTES = 4 * 1024 * 1024;
/**
 * Longer text is copied by Buffer's latin1 write (native code, ~50 ns whatever the length), shorter text by a loop here
 * (a call into native code costs more than copying a few characters): a TJ array's glyph codes run to hundreds.
 */
const NATIVE_COPY_FROM = 24;
/** Character codes of the separators written most. */
const SPACE = 0x20;
const NEWLINE = 0x0a;
const DIGIT_0 = 0x30;
const MINUS = 0x2d;
const DOT = 0x2e;
/** Numbers written digit by digit are below 10^9 (in millionths, 10^15): see `number`. */
const MAX_DIRECT_MILLIONTHS = 1e15;

/** Buffers released by finished writers, for the next ones to take. */
const spare: Uint8Array[] = [];

export class ByteWriter {
  #bytes: Uint8Array;
  /** The same memory as a Buffer, for its latin1 write; `#bytes` stays a Uint8Array, whose `slice` copies. */
  #buffer: Buffer;
  #length = 0;

  private constructor(bytes: Uint8Array) {
    this.#bytes = bytes;
    this.#buffer = bufferOn(bytes);
  }

  /** A writer on a released buffer, or a new one. Call `release` when its bytes have been used. */
  static take(): ByteWriter {
    return new ByteWriter(spare.pop() ?? new Uint8Array(INITIAL_BYTES));
  }

  /** Hands the buffer back for reuse; the writer must not be used afterwards. */
  release(): void {
    if (this.#bytes.length <= MAX_KEPT_BYTES) spare.push(this.#bytes);
    this.#bytes = new Uint8Array(0);
    this.#buffer = bufferOn(this.#bytes);
    this.#length = 0;
  }

  get length(): number {
    return this.#length;
  }

  /** Appends text, each character as one byte (its low byte, as Buffer's latin1 and pdfkit do). */
  text(s: string): this {
    const at = this.#reserve(s.length);
    if (s.length >= NATIVE_COPY_FROM) {
      this.#buffer.write(s, at, s.length, 'latin1');
      return this;
    }
    const bytes = this.#bytes;
    for (let i = 0; i < s.length; i++) bytes[at + i] = s.charCodeAt(i);
    return this;
  }

  /**
   * Appends a number as content streams write it: the very characters of pdfNumber, written digit by digit instead of
   * made into a string first (a text object has three numbers, a page some hundreds of them). Rounded to millionths,
   * a number below 10^9 has at most 15 significant digits, so its shortest form, which String gives, is exactly its
   * integer part and its millionths without trailing zeros; larger ones are left to pdfNumber.
   */
  number(n: number): this {
    const millionths = Math.round(n * 1e6);
    if (!(millionths > -MAX_DIRECT_MILLIONTHS && millionths < MAX_DIRECT_MILLIONTHS)) return this.text(pdfNumber(n));
    if (millionths === 0) return this.#byte(DIGIT_0);
    const magnitude = millionths < 0 ? -millionths : millionths;
    const whole = Math.trunc(magnitude / 1e6);
    let fraction = magnitude - whole * 1e6;
    if (millionths < 0) this.#byte(MINUS);
    this.#digits(whole);
    if (fraction === 0) return this;
    // Six places, trailing zeros dropped.
    let places = 6;
    while (fraction % 10 === 0) {
      fraction /= 10;
      places--;
    }
    const at = this.#reserve(places + 1);
    const bytes = this.#bytes;
    bytes[at] = DOT;
    for (let i = places; i > 0; i--) {
      bytes[at + i] = DIGIT_0 + (fraction % 10);
      fraction = Math.trunc(fraction / 10);
    }
    return this;
  }

  /** Appends a non-negative integer's decimal digits. */
  #digits(n: number): void {
    let count = 1;
    for (let rest = n; rest >= 10; rest = Math.trunc(rest / 10)) count++;
    const at = this.#reserve(count);
    const bytes = this.#bytes;
    for (let i = count - 1; i >= 0; i--) {
      bytes[at + i] = DIGIT_0 + (n % 10);
      n = Math.trunc(n / 10);
    }
  }

  space(): this {
    return this.#byte(SPACE);
  }

  newline(): this {
    return this.#byte(NEWLINE);
  }

  bytes(chunk: Uint8Array): this {
    // Room first: reserving may replace the buffer.
    const at = this.#reserve(chunk.length);
    this.#bytes.set(chunk, at);
    return this;
  }

  /** The bytes written so far, not copied: valid until the next write, `clear` or `release`. */
  view(): Uint8Array {
    return this.#bytes.subarray(0, this.#length);
  }

  /** A copy of the bytes written so far. */
  copy(): Uint8Array {
    return this.#bytes.slice(0, this.#length);
  }

  /** The bytes written so far as a string, a character per byte: one flat string, where text built with + is many. */
  latin1(): string {
    return Buffer.from(this.#bytes.buffer, this.#bytes.byteOffset, this.#length).toString('latin1');
  }

  clear(): void {
    this.#length = 0;
  }

  #byte(b: number): this {
    const at = this.#reserve(1);
    this.#bytes[at] = b;
    return this;
  }

  /** Makes room for `n` more bytes and returns where they go. */
  #reserve(n: number): number {
    const at = this.#length;
    if (at + n > this.#bytes.length) {
      const grown = new Uint8Array(Math.max(this.#bytes.length * 2, at + n));
      grown.set(this.#bytes.subarray(0, at));
      this.#bytes = grown;
      this.#buffer = bufferOn(grown);
    }
    this.#length = at + n;
    return at;
  }
}

/** A Buffer sharing `bytes`' memory. */
function bufferOn(bytes: Uint8Array): Buffer {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}
