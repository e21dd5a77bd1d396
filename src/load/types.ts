// What the load stage hands on: the text of one release file and how to read it.

/** How a release file is written. */
export type SourceKind = 'markdown' | 'json' | 'yaml';

/** One release as read from disk or stdin, decoded to text. */
export interface SourceFile {
  /** The path as the user gave it (or `<stdin>`), used in every diagnostic. */
  path: string;
  /** The decoded text, without a byte-order mark. */
  text: string;
  /** The raw bytes as read, kept so archives can store the exact source. */
  bytes: Uint8Array;
  /** How to parse the text, from the file extension. */
  kind: SourceKind;
}
