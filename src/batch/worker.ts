// The worker thread's task: renders one source with the engine it loads once (fonts and layouts stay cached per thread).
import { move, transferableSymbol, valueSymbol } from 'piscina';
import type { SourceFile } from '../load/types.js';
import type { RenderOptions } from '../render.js';
import { renderOutcome, type RenderEngine } from './renderOutcome.js';

/** What the pool sends a worker for one input. */
export interface WorkerTask {
  source: SourceFile;
  options: RenderOptions;
  /** URL of the module exporting renderRelease (default: pressroom's own). */
  engineModule?: string;
}

/** The engine per module URL, imported once per thread. */
const engines = new Map<string, Promise<RenderEngine>>();

function loadEngine(url: string): Promise<RenderEngine> {
  let engine = engines.get(url);
  if (!engine) engines.set(url, (engine = import(url).then((m: { renderRelease: RenderEngine }) => m.renderRelease)));
  return engine;
}

/** Renders the task's source; the PDF's bytes are moved, not copied, back to the main thread. */
export default async function renderTask(task: WorkerTask): Promise<unknown> {
  const engine = await loadEngine(task.engineModule ?? new URL('../render.js', import.meta.url).href);
  const outcome = await renderOutcome(engine, task.source, task.options);
  if (!outcome.ok) return outcome;
  // A PDF sharing its ArrayBuffer with other data is copied first, so only its own bytes move.
  const pdf = outcome.pdf.byteOffset === 0 && outcome.pdf.byteLength === outcome.pdf.buffer.byteLength ? outcome.pdf : outcome.pdf.slice();
  return move({ [transferableSymbol]: pdf.buffer, [valueSymbol]: { ...outcome, pdf } });
}
