// The worker thread's task: renders one source with the engine it loads once (fonts and layouts stay cached per thread).
import { move, transferableSymbol, valueSymbol } from 'piscina';
import { threadId } from 'node:worker_threads';
import type { SourceFile } from '../load/types.js';
import type { RenderOptions } from '../render.js';
import { begin, type StartedAt } from './renderBudget.js';
import { renderOutcome, type RenderEngine } from './renderOutcome.js';

/** What the pool sends a worker for one input. */
export interface WorkerTask {
  source: SourceFile;
  options: RenderOptions;
  /** URL of the module exporting renderRelease (default: pressroom's own). */
  engineModule?: string;
  /** Shared with the pool's thread: the render writes when it began (ms since the epoch), which starts its time budget. */
  started?: StartedAt;
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

/** The render this thread is on, or the last one: the next waits for it. */
let current: Promise<unknown> = Promise.resolve();

/**
 * Renders the task's source once the render before it in this thread has ended: the pool hands a thread its next render
 * while it is on one (see TASKS_PER_WORKER in createRunner.ts), and a render awaiting anything would let the next begin
 * alongside, sharing its time budget and, were its thread stopped, its fate.
 */
export default function renderTask(task: WorkerTask): Promise<unknown> {
  const rendering = current.then(() => renderNow(task));
  // Neither the outcome nor the error is kept: the chain only orders renders.
  current = rendering.then(noop, noop);
  return rendering;
}

function noop(): void {}

/** What a render given up before it began comes back as: nobody waits for it any more. */
const SKIPPED = { ok: false, diagnostics: [] } as const;

async function renderNow(task: WorkerTask): Promise<unknown> {
  if (task.started && !begin(task.started, threadId)) return SKIPPED;
  const engine = await (task.engineModule ? loadEngine(task.engineModule) : loadOwnEngine());
  const outcome = await renderOutcome(engine, task.source, task.options);
  // The PDF's bytes are moved, not copied, back to the pool's thread.
  if (!outcome.ok) return outcome;
  // A PDF sharing its ArrayBuffer with other data is copied first, so only its own bytes move.
  const pdf = outcome.pdf.byteOffset === 0 && outcome.pdf.byteLength === outcome.pdf.buffer.byteLength ? outcome.pdf : outcome.pdf.slice();
  return move({ [transferableSymbol]: pdf.buffer, [valueSymbol]: { ...outcome, pdf } });
}
