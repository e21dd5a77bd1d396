// Reads one release file from disk (or stdin) into a SourceFile; all release file I/O is here.
import { readFileSync, statSync } from 'node:fs';
import { PressroomError, fail } from '../diagnostics/PressroomError.js';
import { decodeSource, MAX_SOURCE_BYTES } from './decodeSource.js';
import type { SourceFile } from './types.js';

/** Reads and decodes the release at `path`; I/O problems become diagnostics naming the file. */
export async function loadSource(path: string): Promise<SourceFile> {
  let bytes: Uint8Array;
  try {
    // Synchronous: a release is a few kilobytes from the page cache, read in microseconds, where the asynchronous
    // calls took five round trips through libuv's thread pool (a batch reads thousands, in the thread that dispatches).
    const info = statSync(path);
    if (info.isDirectory()) fail({ file: path }, 'the input is a directory, not a release file', 'name the release files, or pass the directory to `render` to take every release in it');
    if (info.size > MAX_SOURCE_BYTES) fail({ file: path }, `the file is ${info.size} bytes, more than the ${MAX_SOURCE_BYTES} a release may have`, 'split the release');
    bytes = readFileSync(path);
  } catch (err) {
    if (err instanceof PressroomError) throw err;
    const code = (err as NodeJS.ErrnoException).code;
    const message = code === 'ENOENT' ? 'no such file' : code === 'EACCES' ? 'the file cannot be read (permission denied)' : `the file cannot be read (${code ?? String(err)})`;
    fail({ file: path }, message, 'check the path and its permissions');
  }
  return decodeSource(path, bytes);
}
