// Turns the bytes of a release into a SourceFile: strict UTF-8, size cap, kind from the extension.
import { fail } from '../diagnostics/PressroomError.js';
import type { SourceFile, SourceKind } from './types.js';

/** Largest release file we accept: real releases are a few kB; this stops runaway inputs early. */
export const MAX_SOURCE_BYTES = 2 * 1024 * 1024;

const KIND_BY_EXTENSION: Record<string, SourceKind> = {
  '.md': 'markdown',
  '.markdown': 'markdown',
  '.json': 'json',
  '.yaml': 'yaml',
  '.yml': 'yaml',
};

/** The extensions a release file may have. */
export const RELEASE_EXTENSIONS = Object.keys(KIND_BY_EXTENSION);

/** Tells how to read a file from its name; unknown extensions are read as Markdown. */
export function kindOfPath(path: string): SourceKind {
  const dot = path.lastIndexOf('.');
  return KIND_BY_EXTENSION[dot >= 0 ? path.slice(dot).toLowerCase() : ''] ?? 'markdown';
}

/** Decodes release bytes as strict UTF-8 (a BOM is dropped); anything else is an error naming the file. */
export function decodeSource(path: string, bytes: Uint8Array, kind: SourceKind = kindOfPath(path)): SourceFile {
  if (bytes.length > MAX_SOURCE_BYTES) {
    fail({ file: path }, `the file is ${bytes.length} bytes, more than the ${MAX_SOURCE_BYTES} a release may have`, 'split the release or move large material to a linked page');
  }
  if (bytes[0] === 0xfe && bytes[1] === 0xff || bytes[0] === 0xff && bytes[1] === 0xfe) {
    fail({ file: path, line: 1, column: 1 }, 'the file is encoded as UTF-16', 'save the release as UTF-8');
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    const at = firstInvalidUtf8Line(bytes);
    fail({ file: path, line: at }, 'the file is not valid UTF-8', 'save the release as UTF-8');
  }
  return { path, text, bytes, kind };
}

/** Finds the line of the first byte sequence that is not UTF-8, for the error message. */
function firstInvalidUtf8Line(bytes: Uint8Array): number {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  let line = 1;
  let start = 0;
  for (let i = 0; i <= bytes.length; i++) {
    if (i === bytes.length || bytes[i] === 0x0a) {
      try {
        decoder.decode(bytes.subarray(start, i));
      } catch {
        return line;
      }
      line++;
      start = i + 1;
    }
  }
  return line;
}
