// The fuzzer's invariant for one generated release: a readable PDF printing the title, or a PressroomError with placed messages; in time; no pollution.
import { PressroomError } from '../../src/diagnostics/PressroomError.js';
import { renderRelease } from '../../src/index.js';
import { readPdf } from '../helpers/readPdf.js';
import type { FuzzRelease } from './arbitraries.js';

/** What one case came to. */
export type FuzzOutcome = { kind: 'pdf'; pages: number; ms: number } | { kind: 'error'; messages: string[]; ms: number };

/** Text compared loosely: compatibility forms, no whitespace (line breaks), no hyphens (hyphenation). */
const loose = (s: string) => s.normalize('NFKC').replace(/[\s\u00AD\-‐]+/g, '');

/**
 * Renders `release` and checks the invariants; throws (failing the property) when one is broken:
 * - success: pdfjs opens the PDF and its text holds the title (whitespace and hyphens aside);
 * - failure: a PressroomError whose every diagnostic has a file and a message; never another exception type;
 * - the render takes less than `budgetMs`; `({}).polluted` stays undefined.
 */
export async function checkRelease(release: FuzzRelease, budgetMs: number): Promise<FuzzOutcome> {
  const start = performance.now();
  let outcome: FuzzOutcome;
  try {
    const result = await renderRelease({ path: release.path, text: release.text });
    const ms = performance.now() - start;
    const doc = await readPdf(result.pdf);
    if (doc.pages.length !== result.pages) throw new Error(`pdfjs reads ${doc.pages.length} pages, the render said ${result.pages}`);
    const text = loose(doc.pages.map((p) => p.items.map((i) => i.str).join('')).join(''));
    for (const w of (release.title ?? '').split(/\s+/).filter(Boolean)) {
      if (!text.includes(loose(w))) throw new Error(`the PDF does not print the title word ${JSON.stringify(w)}`);
    }
    outcome = { kind: 'pdf', pages: result.pages, ms };
  } catch (err) {
    if (!(err instanceof PressroomError)) throw new Error(`not a PressroomError: ${(err as Error)?.stack ?? String(err)}`);
    if (err.diagnostics.length === 0) throw new Error('a PressroomError without diagnostics');
    for (const d of err.diagnostics) {
      if (typeof d.file !== 'string' || d.file === '') throw new Error(`a diagnostic without a file: ${JSON.stringify(d)}`);
      if (typeof d.message !== 'string' || d.message === '') throw new Error(`a diagnostic without a message: ${JSON.stringify(d)}`);
    }
    outcome = { kind: 'error', messages: err.diagnostics.map((d) => d.message), ms: performance.now() - start };
  }
  if (outcome.ms > budgetMs) throw new Error(`the case took ${Math.round(outcome.ms)} ms, more than the budget of ${budgetMs} ms`);
  if (({} as Record<string, unknown>).polluted !== undefined) throw new Error('Object.prototype was polluted');
  return outcome;
}
