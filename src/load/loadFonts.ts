// Reads the font files of the fonts folder (TrueType/OpenType), once per process.
import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { fail } from '../diagnostics/PressroomError.js';
import type { FontFile } from '../typeset/fontkitMetrics.js';

/** Reads every .ttf/.otf file of `dir`, sorted by name so faces are found in a stable order. */
export async function loadFonts(dir: string): Promise<FontFile[]> {
  let names: string[];
  try {
    names = (await readdir(dir)).filter((n) => /\.(ttf|otf)$/i.test(n)).sort();
  } catch {
    return fail({ file: dir }, 'the fonts folder cannot be read', 'check the --fonts option or the installation');
  }
  if (names.length === 0) fail({ file: dir }, 'the fonts folder has no .ttf or .otf fonts', 'add the fonts the layouts use');
  return Promise.all(names.map(async (n) => ({ path: join(dir, n), bytes: new Uint8Array(await readFile(join(dir, n))) })));
}
