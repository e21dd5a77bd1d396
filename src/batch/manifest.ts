// The manifest kept in each output folder: per PDF, the fingerprint it was rendered from, so re-runs skip it.
import { readFile, stat } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { writeAtomic } from '../write/writeAtomic.js';

/** The manifest's file name in an output folder; hidden, so folder inputs never take it for a release. */
export const MANIFEST_NAME = '.pressroom-manifest.json';

/** Format version of the manifest file; a different one is ignored (everything re-renders). */
const MANIFEST_FORMAT = 1;

/** What the manifest remembers about one PDF. */
export interface ManifestEntry {
  /** The fingerprint (see fingerprintOf) the PDF was rendered from. */
  fingerprint: string;
  /** The layout the release named, so its folder can be hashed before rendering again. */
  layout: string;
  /** The PDF's size in bytes: a PDF replaced by another file is not up to date. */
  size: number;
  /** The PDF's pages, reported for skipped inputs. */
  pages: number;
}

/** The manifests of every output folder a batch writes into, loaded on first use and saved atomically. */
export class Manifests {
  readonly #folders = new Map<string, Promise<Map<string, ManifestEntry>>>();
  readonly #dirty = new Set<string>();

  /** The entry for the PDF at `output`, if its manifest has one. */
  async get(output: string): Promise<ManifestEntry | undefined> {
    return (await this.#folder(dirname(output))).get(basename(output));
  }

  /** Records the entry for `output` (or forgets it, when undefined); saved by the next save(). */
  async set(output: string, entry: ManifestEntry | undefined): Promise<void> {
    const entries = await this.#folder(dirname(output));
    if (entry) entries.set(basename(output), entry);
    else if (!entries.delete(basename(output))) return;
    this.#dirty.add(dirname(output));
  }

  /** Writes every manifest changed since the last save, atomically; a folder that cannot be written is skipped. */
  async save(): Promise<void> {
    const folders = [...this.#dirty];
    this.#dirty.clear();
    for (const folder of folders) {
      const entries = await this.#folder(folder);
      const sorted = Object.fromEntries([...entries].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
      const text = `${JSON.stringify({ format: MANIFEST_FORMAT, outputs: sorted }, null, 1)}\n`;
      await writeAtomic(join(folder, MANIFEST_NAME), new TextEncoder().encode(text)).catch(() => undefined);
    }
  }

  #folder(folder: string): Promise<Map<string, ManifestEntry>> {
    let entries = this.#folders.get(folder);
    if (!entries) this.#folders.set(folder, (entries = readManifest(folder)));
    return entries;
  }
}

/** Reads a folder's manifest; a missing, unreadable or foreign one is empty. */
async function readManifest(folder: string): Promise<Map<string, ManifestEntry>> {
  try {
    const data = JSON.parse(await readFile(join(folder, MANIFEST_NAME), 'utf8')) as { format?: number; outputs?: Record<string, ManifestEntry> };
    if (data.format !== MANIFEST_FORMAT || typeof data.outputs !== 'object' || data.outputs === null) return new Map();
    return new Map(Object.entries(data.outputs));
  } catch {
    return new Map();
  }
}

/** True when the PDF at `output` exists with the size the manifest recorded. */
export async function outputIsIntact(output: string, entry: ManifestEntry): Promise<boolean> {
  const info = await stat(output).catch(() => undefined);
  return info !== undefined && info.isFile() && info.size === entry.size;
}
