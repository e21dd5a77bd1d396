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
  /** Shared with the pool's thread: the render writes when it began (ms since the epoch), which starts its time budget. */
  started?: BigInt64Array;
}

/** The engine per module URL, imported once per thread. */
const engines = new Map<string, Promise<RenderEngine>>();

function loadEngine(url: string): Promise<RenderEngine> {
  let engine = engines.get(url);
  if (!engine) engines.set(url, (engine = import(url).then((m: { renderRelease: RenderEngine }) => m.renderRelease)));
  return engine;
}

/** pressroom's own engine: from the CLI bundle when there is a current one (a faster start), else its modules. */
let ownEngine: Promise<RenderEngine> | undefined;

function loadOwnEngine(): Promise<RenderEngine> {
  ownEngine ??= import('../cli/loadBundle.js')
    .then(({ bundledEngine }) => bundledEngine())
    .then(async (engine) => engine ?? (await import('../render.js')).renderRelease);
  return ownEngine;
}

/** Renders the task's source; the PDF's bytes are moved, not copied, back to the main thread. */
export default async function renderTask(task: WorkerTask): Promise<unknown> {
  if (task.started) Atomics.store(task.started, 0, BigInt(Date.now()));
  const engine = await (task.engineModule ? loadEngine(task.engineModule) : loadOwnEngine());
  const outcome = await renderOutcome(engine, task.source, task.options);
  if (!outcome.ok) return outcome;
  // A PDF sharing its ArrayBuffer with other data is copied first, so only its own bytes move.
  const pdf = outcome.pdf.byteOffset === 0 && outcome.pdf.byteLength === outcome.pdf.buffer.byteLength ? outcome.pdf : outcome.pdf.slice();
  return move({ [transferableSymbol]: pdf.buffer, [valueSymbol]: { ...outcome, pdf } });
}
