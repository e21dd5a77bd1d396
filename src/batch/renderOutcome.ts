// Runs the engine on one source and turns any ending into a plain, cloneable outcome (errors never cross threads as classes).
import { isPressroomError } from '../diagnostics/PressroomError.js';
import type { Diagnostic } from '../diagnostics/types.js';
import type { SourceFile } from '../load/types.js';
import type { RenderOptions, RenderResult } from '../render.js';

/** The engine's entry point: pressroom's renderRelease, or a stand-in with the same contract. */
export type RenderEngine = (source: SourceFile, options: RenderOptions) => Promise<RenderResult>;

/** How one render ended, as plain data. */
export type RenderOutcome =
  /** Rendered: the PDF, its pages, warnings and the layout the release named. */
  | { ok: true; pdf: Uint8Array; pages: number; diagnostics: Diagnostic[]; layout?: string }
  /** Failed: the diagnostics of a PressroomError, or an internal error's message (a bug). */
  | { ok: false; diagnostics: Diagnostic[]; internal?: string; stack?: string };

/** Renders `source` with `engine`, catching every failure into the outcome. */
export async function renderOutcome(engine: RenderEngine, source: SourceFile, options: RenderOptions): Promise<RenderOutcome> {
  try {
    const result = await engine(source, options);
    return { ok: true, pdf: result.pdf, pages: result.pages, diagnostics: result.diagnostics, layout: result.layout };
  } catch (err) {
    if (isPressroomError(err)) return { ok: false, diagnostics: err.diagnostics };
    const error = err instanceof Error ? err : new Error(String(err));
    return { ok: false, diagnostics: [], internal: error.message, stack: error.stack };
  }
}
