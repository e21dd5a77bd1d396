// Reads a layout folder (manifest, template, partials, data) from disk; layouts are trusted, but still checked.
import { readFile, readdir, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { parseDocument } from 'yaml';
import { PressroomError, fail } from '../diagnostics/PressroomError.js';
import { dataKey, type PrebuiltLayouts } from '../fill/prebuilt.js';
import { PREBUILT_LAYOUTS } from '../fill/prebuiltLayouts.js';

/** A template file of a layout, as text. */
export interface TemplateFile {
  /** The partial's name (file name without `.hbs`), or `main` for the document template. */
  name: string;
  /** Path of the file, for messages. */
  file: string;
  text: string;
}

/** Everything a layout folder holds, read from disk. */
export interface LayoutFiles {
  /** The layout's name: its folder name. */
  name: string;
  /** Absolute path of the layout folder: its assets are read from here and nowhere else. */
  dir: string;
  version: string;
  description: string;
  /** Who publishes with this layout: the PDF's author. */
  author: string;
  /** `pdfa:` in layout.yaml: the PDF/A level every render with this layout meets (an archive layout), unless overridden. */
  pdfa?: string;
  /** The document template (XSL-FO with Handlebars). */
  main: TemplateFile;
  /** Partials from `partials/`, by name. */
  partials: TemplateFile[];
  /** Data files from `data/` (YAML), by file name without extension. */
  data: Record<string, unknown>;
}

const NAME = /^[a-z0-9][a-z0-9-]*$/;

/**
 * Reads layout `name` from `layoutsDir`; a missing or malformed layout is an error naming the file. A data file whose
 * exact text the build parsed (`prebuilt`, see fill/prebuilt.ts) is taken from its JSON instead of parsed again.
 */
export async function loadLayout(layoutsDir: string, name: string, prebuilt: PrebuiltLayouts = PREBUILT_LAYOUTS): Promise<LayoutFiles> {
  if (!NAME.test(name)) fail({ file: layoutsDir }, `"${name}" is not a layout name`, 'use a folder name from `pressroom layouts`');
  const dir = resolve(layoutsDir, name);
  const manifestFile = join(dir, 'layout.yaml');
  const exists = await stat(dir).then((i) => i.isDirectory(), () => false);
  const manifestText = exists
    ? await readText(manifestFile, 'the layout folder has no layout.yaml', 'add layout.yaml with its version, description and author')
    : fail({ file: dir }, `there is no layout "${name}"`, 'run `pressroom layouts` to see the layouts');
  const manifest = parseDocument(manifestText, { schema: 'failsafe' }).toJS() as Record<string, unknown> | null;
  const template = typeof manifest?.template === 'string' ? manifest.template : 'document.fo.hbs';
  const mainFile = join(dir, template);
  // The three reads are independent: started together, their waits overlap. A failure is reported as it was when they
  // ran one after another: the first in this order.
  const [mainText, partials, data] = settledInOrder(await Promise.allSettled([
    readText(mainFile, 'the layout has no document template', 'add the file named by `template` in layout.yaml'),
    readTemplates(join(dir, 'partials')),
    readData(join(dir, 'data'), prebuilt),
  ]));
  return {
    name,
    dir,
    version: String(manifest?.version ?? '0'),
    description: String(manifest?.description ?? ''),
    author: String(manifest?.author ?? ''),
    ...(manifest?.pdfa != null ? { pdfa: String(manifest.pdfa) } : {}),
    main: { name: 'main', file: mainFile, text: mainText },
    partials,
    data,
  };
}

/** One entry of a layouts listing: a layout that loads, or the error of one that does not. */
export type LayoutListing = { name: string; version: string; description: string } | { name: string; error: PressroomError };

/** Lists the layouts in a folder with their descriptions; a broken layout is listed with its error, the others still are. */
export async function listLayouts(layoutsDir: string): Promise<LayoutListing[]> {
  let entries;
  try {
    entries = await readdir(layoutsDir, { withFileTypes: true });
  } catch {
    return fail({ file: layoutsDir }, 'no such layouts folder', 'check the path given to --layouts');
  }
  const out: LayoutListing[] = [];
  for (const entry of entries.filter((e) => e.isDirectory() && NAME.test(e.name)).sort((a, b) => a.name.localeCompare(b.name))) {
    try {
      const layout = await loadLayout(layoutsDir, entry.name);
      out.push({ name: layout.name, version: layout.version, description: layout.description });
    } catch (err) {
      if (!(err instanceof PressroomError)) throw err;
      out.push({ name: entry.name, error: err });
    }
  }
  return out;
}

async function readTemplates(dir: string): Promise<TemplateFile[]> {
  const names = (await readdirOrEmpty(dir)).filter((n) => n.endsWith('.hbs')).sort();
  return Promise.all(names.map(async (n) => ({ name: n.slice(0, -'.hbs'.length), file: join(dir, n), text: await readFile(join(dir, n), 'utf8') })));
}

async function readData(dir: string, prebuilt: PrebuiltLayouts): Promise<Record<string, unknown>> {
  const data: Record<string, unknown> = {};
  const names = (await readdirOrEmpty(dir)).filter((f) => /\.ya?ml$/.test(f)).sort();
  // Read together, then parsed in order: a file's read error still comes after the parse errors of the files before it.
  const reads = await Promise.allSettled(names.map((n) => readFile(join(dir, n), 'utf8')));
  for (const [i, n] of names.entries()) {
    const file = join(dir, n);
    const [text] = settledInOrder([reads[i]]);
    const json = prebuilt.data.size > 0 ? prebuilt.data.get(dataKey(text)) : undefined;
    if (json !== undefined) {
      data[n.replace(/\.ya?ml$/, '')] = JSON.parse(json);
      continue;
    }
    // Layout data is trusted and typed: core schema (null, numbers, booleans); dates stay strings in YAML 1.2.
    const doc = parseDocument(text, { uniqueKeys: true });
    if (doc.errors.length > 0) fail({ file, line: doc.errors[0].linePos?.[0].line, column: doc.errors[0].linePos?.[0].col }, `layout data is not valid yaml: ${doc.errors[0].message.split('\n')[0]}`);
    data[n.replace(/\.ya?ml$/, '')] = doc.toJS();
  }
  return data;
}

/** The values of settled promises, or the first rejection in their order, thrown. */
function settledInOrder<T extends unknown[]>(results: { [K in keyof T]: PromiseSettledResult<T[K]> }): T {
  return results.map((r) => {
    if (r.status === 'rejected') throw r.reason;
    return r.value;
  }) as T;
}

async function readdirOrEmpty(dir: string): Promise<string[]> {
  try {
    return await readdir(dir);
  } catch {
    return [];
  }
}

async function readText(file: string, message: string, hint: string): Promise<string> {
  try {
    return await readFile(file, 'utf8');
  } catch {
    return fail({ file }, message, hint);
  }
}
