// The whole pipeline for one release, as a narration: load → validate → fill → parse FO → lay out → draw.
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Diagnostic } from './diagnostics/types.js';
import type { CompiledLayout, FilledFo } from './fill/types.js';
import type { SourceFile } from './load/types.js';
import { loadIccProfile } from './archive/loadIccProfile.js';
import { sourceAttachments } from './archive/sourceAttachments.js';
import { PDFA_LEVELS, type ArchiveOptions, type PdfaLevel } from './draw/types.js';
import { PressroomError, fail } from './diagnostics/PressroomError.js';
import { parseUri } from './fo/parseValues.js';
import type { FoElement } from './fo/types.js';
import { loadFonts } from './load/loadFonts.js';
import { loadImages } from './load/loadImages.js';
import type { FontMetrics } from './typeset/fonts.js';
import type { ImageAsset } from './typeset/context.js';
import type { PageLayout } from './typeset/types.js';
import { VERSION } from './version.js';

/**
 * The stages' modules, imported on first use rather than with this file: they bring Handlebars, ajv, yaml, markdown-it,
 * saxes, fontkit and pdfkit, most of a cold start, and a run that renders nothing (an up-to-date batch, `--help`,
 * `layouts`) needs none of them. `fo` and `validate` need only the first group.
 */
const fillStages = once(async () => {
  const [release, layout, compile, fill] = await Promise.all([import('./release/parseRelease.js'), import('./load/loadLayout.js'), import('./fill/compileLayout.js'), import('./fill/fillLayout.js')]);
  return { parseRelease: release.parseRelease, loadLayout: layout.loadLayout, compileLayout: compile.compileLayout, fillLayout: fill.fillLayout };
});
const layoutStages = once(async () => {
  const [fo, metrics, hyphenation, typeset] = await Promise.all([import('./fo/parseFo.js'), import('./typeset/fontkitMetrics.js'), import('./load/loadHyphenation.js'), import('./typeset/layoutDocument.js')]);
  return { parseFo: fo.parseFo, createFontkitMetrics: metrics.createFontkitMetrics, loadHyphenation: hyphenation.loadHyphenation, layoutDocument: typeset.layoutDocument };
});
const drawStages = once(async () => ({ drawPdf: (await import('./draw/drawPdf.js')).drawPdf }));

/** `load()` called once, its promise shared by every later call (a failed import is retried). */
function once<T>(load: () => Promise<T>): () => Promise<T> {
  let loading: Promise<T> | undefined;
  return () => (loading ??= load().catch((err: unknown) => {
    loading = undefined;
    throw err;
  }));
}

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
  /** Most pages a document may have (default DEFAULT_MAX_PAGES). */
  maxPages?: number;
  /** Line breaking: total-fit (Knuth–Plass, default) or first-fit (for comparisons). */
  lineBreaking?: 'total-fit' | 'first-fit';
  /**
   * Write an archival copy: PDF/A-2b, or PDF/A-3b with the release file and the layout's name and version attached.
   * Default: the layout's `pdfa:` (an archive layout), else an ordinary (still tagged) PDF; `false` overrides the layout.
   */
  pdfa?: PdfaLevel | false;
  /** The PDF's dates (default: SOURCE_DATE_EPOCH when set, else noon UTC of the release date). */
  created?: Date;
}

/** Page cap: ten times the longest real release; stops runaway inputs from producing endless PDFs. */
export const DEFAULT_MAX_PAGES = 500;

/** What a render gives back. */
export interface RenderResult {
  /** The PDF file's bytes. */
  pdf: Uint8Array;
  /** Number of pages. */
  pages: number;
  /** Warnings met on the way (errors are thrown as PressroomError). */
  diagnostics: Diagnostic[];
  /** The name of the layout the release named (a folder of the layouts folder). */
  layout?: string;
}

/** Compiled layouts, once per process and layouts folder. */
const layoutCache = new Map<string, Promise<CompiledLayout>>();

/** Loads and compiles a layout once per process. */
export function getLayout(layoutsDir: string, name: string): Promise<CompiledLayout> {
  const key = `${layoutsDir}\u0000${name}`;
  let layout = layoutCache.get(key);
  if (!layout) {
    layout = fillStages().then(async ({ loadLayout, compileLayout }) => compileLayout(await loadLayout(layoutsDir, name)));
    layoutCache.set(key, layout);
    layout.catch(() => layoutCache.delete(key));
  }
  return layout;
}

/** Reads and validates a release, then fills its layout: the XSL-FO that `pressroom fo` prints. */
export async function fillRelease(source: SourceFile, options: RenderOptions = {}): Promise<FilledFo> {
  const { parseRelease, fillLayout } = await fillStages();
  // 1. Read and validate the release data.
  const release = parseRelease(source);
  // 2. Fill the release's layout (compiled once per process); an unknown layout is the release's error, at its field.
  const layout = await getLayout(options.layoutsDir ?? DEFAULT_LAYOUTS_DIR, release.layout).catch((err: unknown) => {
    if (err instanceof PressroomError && err.diagnostics[0]?.message.startsWith('there is no layout')) {
      fail({ file: source.path, ...release.layoutPlace }, err.diagnostics[0].message, err.diagnostics[0].hint, 'layout');
    }
    throw err;
  });
  return fillLayout(layout, release);
}

/** Font metrics, once per process and fonts folder: parsing fonts is the slow part of a cold start. */
const metricsCache = new Map<string, Promise<FontMetrics>>();

function getMetrics(fontsDir: string): Promise<FontMetrics> {
  let metrics = metricsCache.get(fontsDir);
  if (!metrics) {
    metrics = Promise.all([loadFonts(fontsDir), layoutStages()]).then(([files, { createFontkitMetrics }]) => createFontkitMetrics(files));
    metricsCache.set(fontsDir, metrics);
    metrics.catch(() => metricsCache.delete(fontsDir));
  }
  return metrics;
}

/** A release laid out: everything drawing needs, and what reports and tests look at. */
export interface LaidOutRelease {
  filled: FilledFo;
  pages: PageLayout;
  images: Map<string, ImageAsset>;
  /** Warnings met on the way. */
  warnings: Diagnostic[];
}

/** Reads, validates, fills, parses and lays out a release: every stage but drawing. */
export async function layoutRelease(source: SourceFile, options: RenderOptions = {}): Promise<LaidOutRelease> {
  // 0. Fonts (once per process) do not depend on the release: their reading, and HarfBuzz's WebAssembly compiling,
  // start now and overlap the stages before they are needed (most of a cold render's waiting). Should filling fail,
  // that is the error reported, as before; a font error is reported where the fonts are needed.
  const metricsLoading = getMetrics(options.fontsDir ?? DEFAULT_FONTS_DIR);
  metricsLoading.catch(() => undefined);
  // 1–2. Read, validate and fill the layout.
  const filled = await fillRelease(source, options);
  const { parseFo, loadHyphenation, layoutDocument } = await layoutStages();
  // 3. Parse the filled FO against our subset.
  const fo = parseFo(filled.name, filled.text);
  // 4. Read what the layout needs: fonts, the images it names (from its own folder only), patterns.
  const metrics = await metricsLoading;
  const images = await loadImages(filled.layout.dir, imageSources(fo.root), source.path);
  const hyphenators = loadHyphenation(hyphenatedLanguages(fo.root));
  // 5. Lay out pages.
  const warnings: Diagnostic[] = [];
  const pages = layoutDocument(fo, { metrics, images, file: source.path, warnings, maxPages: options.maxPages ?? DEFAULT_MAX_PAGES, hyphenators, lineBreaking: options.lineBreaking ?? 'total-fit' });
  return { filled, pages, images, warnings };
}

/** Renders one release to PDF bytes. Throws PressroomError with diagnostics when it cannot. */
export async function renderRelease(source: SourceFile, options: RenderOptions = {}): Promise<RenderResult> {
  // 1–5. Every stage up to laid-out pages.
  const { filled, pages, images, warnings } = await layoutRelease(source, options);
  // 6. Draw the PDF (an archival copy when asked, or when the layout is an archive layout).
  const { release, layout } = filled;
  const archive = archiveOptions(source, layout, options);
  if (archive.pdfa) archive.iccProfile = await loadIccProfile();
  const { drawPdf } = await drawStages();
  const pdf = await drawPdf(pages, {
    title: release.title,
    author: layout.author,
    subject: release.ref,
    keywords: [release.ref, release.place, release.date].join(', '),
    language: release.language,
    created: options.created ?? sourceDateEpoch() ?? new Date(`${release.date}T12:00:00Z`),
    creator: `pressroom ${VERSION}, layout ${layout.name} ${layout.version}`,
  }, images, archive);
  return { pdf, pages: pages.pages.length, diagnostics: warnings, layout: layout.name };
}

/** The PDF/A level asked for (option, else the layout's default) and, for PDF/A-3, the files to attach. */
function archiveOptions(source: SourceFile, layout: CompiledLayout, options: RenderOptions): ArchiveOptions {
  const asked = options.pdfa ?? layout.pdfa;
  if (!asked) return { attachments: [] };
  if (!(PDFA_LEVELS as readonly string[]).includes(asked)) fail({ file: resolve(layout.dir, 'layout.yaml') }, `"pdfa" has an invalid value "${asked}"`, `use one of ${PDFA_LEVELS.join(', ')}`);
  const pdfa = asked as PdfaLevel;
  // PDF/A-2 allows only PDF/A files as attachments; PDF/A-3 allows any file, as an associated file.
  const attachments = pdfa === '3b' ? sourceAttachments(source, { layout: layout.name, version: layout.version, pressroom: VERSION }) : [];
  return { pdfa, attachments };
}

/** SOURCE_DATE_EPOCH (seconds since 1970, the reproducible-builds convention) as a date, when set. */
function sourceDateEpoch(): Date | undefined {
  const value = process.env.SOURCE_DATE_EPOCH;
  return value && /^\d+$/.test(value) ? new Date(Number(value) * 1000) : undefined;
}

/** The languages of every element that asks for hyphenation. */
function hyphenatedLanguages(el: FoElement, out = new Set<string>()): Set<string> {
  if (el.props.hyphenate && el.props.language) out.add(el.props.language);
  for (const c of el.children) if (c.kind === 'element') hyphenatedLanguages(c, out);
  return out;
}

/** The src of every fo:external-graphic in the tree. */
function imageSources(el: FoElement): string[] {
  const own = el.name === 'external-graphic' && el.attrs.src ? [parseUri(el.attrs.src)] : [];
  return own.concat(el.children.flatMap((c) => (c.kind === 'element' ? imageSources(c) : [])));
}
