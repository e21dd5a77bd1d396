// The whole pipeline for one release, as a narration: load → validate → fill → parse FO → lay out → draw.
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Diagnostic } from './diagnostics/types.js';
import { compileLayout } from './fill/compileLayout.js';
import { fillLayout } from './fill/fillLayout.js';
import type { CompiledLayout, FilledFo } from './fill/types.js';
import { loadLayout } from './load/loadLayout.js';
import type { SourceFile } from './load/types.js';
import { parseRelease } from './release/parseRelease.js';

/** The project's own folders, found from this file so the CLI works from any working directory. */
const PACKAGE_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
/** Where layouts are looked up unless the caller says otherwise. */
export const DEFAULT_LAYOUTS_DIR = resolve(PACKAGE_ROOT, 'layouts');
/** Where fonts are looked up unless the caller says otherwise. */
export const DEFAULT_FONTS_DIR = resolve(PACKAGE_ROOT, 'fonts');

/** Options of a render, normalised once. */
export interface RenderOptions {
  /** Folder holding the layouts (default: the package's `layouts/`). */
  layoutsDir?: string;
  /** Folder holding the fonts (default: the package's `fonts/`). */
  fontsDir?: string;
}

/** What a render gives back. */
export interface RenderResult {
  /** The PDF file's bytes. */
  pdf: Uint8Array;
  /** Number of pages. */
  pages: number;
  /** Warnings met on the way (errors are thrown as PressroomError). */
  diagnostics: Diagnostic[];
}

/** Compiled layouts, once per process and layouts folder. */
const layoutCache = new Map<string, Promise<CompiledLayout>>();

/** Loads and compiles a layout once per process. */
export function getLayout(layoutsDir: string, name: string): Promise<CompiledLayout> {
  const key = `${layoutsDir}\u0000${name}`;
  let layout = layoutCache.get(key);
  if (!layout) {
    layout = loadLayout(layoutsDir, name).then(compileLayout);
    layoutCache.set(key, layout);
    layout.catch(() => layoutCache.delete(key));
  }
  return layout;
}

/** Reads and validates a release, then fills its layout: the XSL-FO that `pressroom fo` prints. */
export async function fillRelease(source: SourceFile, options: RenderOptions = {}): Promise<FilledFo> {
  // 1. Read and validate the release data.
  const release = parseRelease(source);
  // 2. Fill the release's layout (compiled once per process).
  const layout = await getLayout(options.layoutsDir ?? DEFAULT_LAYOUTS_DIR, release.layout);
  return fillLayout(layout, release);
}

/** Renders one release to PDF bytes. Throws PressroomError with diagnostics when it cannot. */
export async function renderRelease(source: SourceFile, options: RenderOptions = {}): Promise<RenderResult> {
  const filled = await fillRelease(source, options);
  void filled;
  throw new Error('not implemented yet: FO parsing, layout and drawing');
}
