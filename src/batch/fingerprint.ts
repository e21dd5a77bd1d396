// Content hashes that decide whether a PDF is up to date: input bytes + layout folder + fonts + version.
import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { VERSION } from '../version.js';

/** The hash algorithm: fast, and collisions are not a concern for a cache key. */
const HASH = 'sha256';

/** Files read at once while hashing: one read after another took ~1 ms each (a layout has dozens of files). */
const PARALLEL_READS = 16;

/** Hashes every file below `folder` (relative path and bytes, in sorted order); a missing folder hashes as empty. */
export async function hashFolder(folder: string): Promise<string> {
  const hash = createHash(HASH);
  const files = await listFiles(folder);
  for (let i = 0; i < files.length; i += PARALLEL_READS) {
    const batch = files.slice(i, i + PARALLEL_READS);
    const contents = await Promise.all(batch.map((file) => readFile(file)));
    batch.forEach((file, j) => hash.update(relative(folder, file)).update('\0').update(contents[j]!).update('\0'));
  }
  return hash.digest('hex');
}

/** Every file below `folder`, sorted; hidden files (editor droppings, manifests) are left out. */
async function listFiles(folder: string): Promise<string[]> {
  const entries = await readdir(folder, { withFileTypes: true }).catch(() => []);
  const files: string[] = [];
  for (const e of entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
    if (e.name.startsWith('.')) continue;
    const path = join(folder, e.name);
    if (e.isDirectory()) files.push(...(await listFiles(path)));
    else if (e.isFile()) files.push(path);
  }
  return files;
}

/** Hashes of folders, computed once per batch and folder. */
export class FolderHashes {
  readonly #cache = new Map<string, Promise<string>>();

  /** The hash of `folder`'s contents, from the cache after the first call. */
  of(folder: string): Promise<string> {
    let hash = this.#cache.get(folder);
    if (!hash) this.#cache.set(folder, (hash = hashFolder(folder)));
    return hash;
  }
}

/** What an output's content depends on, besides the input's own bytes. */
export interface FingerprintParts {
  /** Hash of the layout folder the release names. */
  layoutHash: string;
  /** Hash of the fonts folder. */
  fontsHash: string;
  /** Render options that change the output: page cap, and the PDF/A level asked for (the layout's own is in its hash). */
  maxPages: number;
  pdfa?: string | false;
}

/** The fingerprint of one output: hash of the input bytes, the layout, the fonts, the options and pressroom's version. */
export function fingerprintOf(bytes: Uint8Array, parts: FingerprintParts): string {
  return createHash(HASH)
    .update(bytes)
    .update(`\0${parts.layoutHash}\0${parts.fontsHash}\0${parts.maxPages}\0${parts.pdfa ?? 'layout'}\0${VERSION}`)
    .digest('hex');
}
