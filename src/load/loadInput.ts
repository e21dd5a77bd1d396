// Reads one release named on the command line: a file through loadSource, or `-` from standard input.
import { decodeSource } from './decodeSource.js';
import { STDIN_INPUT } from './expandInputs.js';
import { loadSource } from './loadSource.js';
import type { SourceFile, SourceKind } from './types.js';

/** The name a release read from standard input has in messages. */
export const STDIN_NAME = '<stdin>';

/** Reads the release at `path`, or standard input when `path` is `-`. */
export async function loadInput(path: string, stdin: AsyncIterable<Uint8Array> = process.stdin): Promise<SourceFile> {
  if (path !== STDIN_INPUT) return loadSource(path);
  const chunks: Uint8Array[] = [];
  for await (const chunk of stdin) chunks.push(chunk);
  const bytes = Buffer.concat(chunks);
  return decodeSource(STDIN_NAME, bytes, sniffKind(bytes));
}

/** Standard input has no extension: a document opening with `{` is JSON, anything else Markdown with front matter. */
function sniffKind(bytes: Uint8Array): SourceKind {
  const text = Buffer.from(bytes.subarray(0, 64)).toString('utf8').replace(/^\uFEFF/, '').trimStart();
  return text.startsWith('{') ? 'json' : 'markdown';
}
