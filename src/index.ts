// pressroom's public API for programs (preview servers, queue workers): render one release, or a batch of files.
import { loadSource } from './load/loadSource.js';
import { decodeSource } from './load/decodeSource.js';
import type { SourceFile, SourceKind } from './load/types.js';
import { renderRelease as renderSource, type RenderOptions, type RenderResult } from './render.js';

export { renderBatch } from './batch/renderBatch.js';
export type { BatchOptions, BatchRecord, BatchResult, BatchStatus, BatchSummary } from './batch/types.js';
export { DEFAULT_TIMEOUT_MS } from './batch/types.js';
export { fillRelease, DEFAULT_FONTS_DIR, DEFAULT_LAYOUTS_DIR, DEFAULT_MAX_PAGES } from './render.js';
export type { RenderOptions, RenderResult } from './render.js';
export type { SourceFile, SourceKind } from './load/types.js';
export type { Diagnostic, Severity, SourcePlace } from './diagnostics/types.js';
export { PressroomError, formatDiagnostic } from './diagnostics/PressroomError.js';
export { VERSION } from './version.js';

/** A release given as text in memory, with the name its diagnostics use. */
export interface ReleaseText {
  /** The name diagnostics show, e.g. `161a07.md`; its extension tells the kind unless `kind` is given. */
  path: string;
  /** The release: Markdown with YAML front matter, JSON or YAML. */
  text: string;
  /** How to read `text` (default: from the extension of `path`, else Markdown). */
  kind?: SourceKind;
}

/**
 * Renders one release to PDF bytes: `{ pdf, pages, diagnostics }`.
 *
 * `source` is a path to a release file, a release in memory (`{ path, text }`), or a SourceFile from the load stage.
 * Fonts and compiled layouts are cached per thread, so later calls are fast. A release that cannot be rendered
 * throws a PressroomError whose `diagnostics` say where and why.
 */
export async function renderRelease(source: string | ReleaseText | SourceFile, options: RenderOptions = {}): Promise<RenderResult> {
  return renderSource(await toSourceFile(source), options);
}

/** Reads a path, or encodes text, into the SourceFile the pipeline takes. */
async function toSourceFile(source: string | ReleaseText | SourceFile): Promise<SourceFile> {
  if (typeof source === 'string') return loadSource(source);
  if ('bytes' in source && source.bytes instanceof Uint8Array) return source;
  return decodeSource(source.path, new TextEncoder().encode(source.text), source.kind);
}
