// Runs renders either in this thread or on a pool of worker threads, with a per-input time budget and abort.
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import type { Piscina } from 'piscina';
import type { ResourceLimits } from 'node:worker_threads';
import { errorAt } from '../diagnostics/PressroomError.js';
import type { SourceFile } from '../load/types.js';
import type { RenderOptions } from '../render.js';
import { renderOutcome, type RenderEngine, type RenderOutcome } from './renderOutcome.js';
import type { WorkerTask } from './worker.js';

/** Why a render was abandoned: its time budget ran out, or the batch was aborted. */
export type AbortReason = 'timeout' | 'interrupt';

/** Renders sources, each under the time budget; never rejects: every ending is an outcome. */
export interface Runner {
  /**
   * Renders `source`; an abort of `interrupt` fails it at once (as interrupted), and so does its time budget running
   * out (as too slow). The budget counts from when the render begins, not from this call.
   */
  run(source: SourceFile, interrupt: AbortSignal): Promise<RenderOutcome>;
  /** Stops the workers. */
  close(): Promise<void>;
}

/** How to run renders. */
export interface RunnerConfig {
  /** Worker threads; 1 renders in this thread. */
  jobs: number;
  options: RenderOptions;
  /** Time budget per input, from the start of its render. */
  timeoutMs: number;
  /** Module exporting renderRelease for the workers (default: pressroom's own). */
  engineModule?: string;
}

/**
 * The V8 heap of each worker. By default a worker's heap may grow to gigabytes before a full collection (V8 lets the
 * old generation grow fourfold past the live heap when the limit is large): with a live heap of about 30 MB, each
 * worker sat at ~200 MB of RSS. A limit under 2 GB makes V8 collect when the old generation has grown by 1.3–2× (1.4×
 * at 512 MB). 512 MB still holds a 500-page release (which needs ~250 MB); a release past it fails alone, as a
 * crashed worker, and the pool starts another.
 *
 * The young generation is 32 MB: a document allocates ~2.5 MB, and with 16 or 24 MB a worker scavenged twice as
 * often, each time copying the document in progress. 2 workers, 3,000 corpus documents (bench/ceiling.mjs,
 * alternating): 187–199 → 212–225 docs/s, V8's helper threads 7.8–8.7 → 6.0–6.2 s of CPU, peak RSS 275–278 →
 * 311–312 MiB (in a 10,000-document batch, ~60 MiB more). 48 MB did no better than 32.
 */
export const WORKER_RESOURCE_LIMITS: ResourceLimits = { maxYoungGenerationSizeMb: 32, maxOldGenerationSizeMb: 512 };

/** The default number of workers: one per core the process may use. */
export function defaultJobs(): number {
  return availableParallelism();
}

/** A runner for `config.jobs` workers, or this thread when there is one job. */
export function createRunner(config: RunnerConfig): Runner {
  if (config.jobs <= 1) return createInThreadRunner(config);
  return createPoolRunner(config);
}

/**
 * Renders in this thread (no worker start-up cost); a budget abandons a render but cannot stop synchronous work.
 * The engine is imported on the first render: with workers, this thread only dispatches and writes, and never loads it.
 */
function createInThreadRunner(config: RunnerConfig): Runner {
  let engine: Promise<RenderEngine> | undefined;
  return {
    run: async (source, interrupt) => {
      // One render at a time in this thread: it begins now.
      const budget = startBudget(interrupt, config.timeoutMs, startedNow());
      try {
        // A literal specifier for our own engine, so the CLI bundle (scripts/bundle-cli.mjs) holds it.
        engine ??= (config.engineModule ? import(config.engineModule) : import('../render.js')).then((m: { renderRelease: RenderEngine }) => m.renderRelease);
        const rendering = engine.then((e) => renderOutcome(e, source, config.options));
        return await Promise.race([rendering, abandoned(budget.signal, source.path, config.timeoutMs)]);
      } finally {
        budget.stop();
      }
    },
    close: async () => undefined,
  };
}

/** Renders on a pool of worker threads; an aborted render's worker is terminated and the pool starts another. */
function createPoolRunner(config: RunnerConfig): Runner {
  // The pool starts with the first render, so a batch where everything is up to date starts no worker. piscina is
  // imported then too: it loads worker_threads, perf_hooks and assert, which a single render in this thread never
  // needs (a few ms of a cold start).
  let pool: Promise<Piscina<WorkerTask, RenderOutcome>> | undefined;
  const start = async () =>
    new (await import('piscina')).Piscina<WorkerTask, RenderOutcome>({
      filename: workerFile(),
      minThreads: config.jobs,
      maxThreads: config.jobs,
      // Workers stay for the whole batch: their caches (fonts, layouts, shaped words) are the point of keeping them.
      idleTimeout: Number.POSITIVE_INFINITY,
      resourceLimits: WORKER_RESOURCE_LIMITS,
    });
  return {
    run: async (source, interrupt) => {
      // The batch keeps more renders going than there are workers (a worker's next render waits in the pool's
      // queue), so the budget starts when the worker begins the render, not now.
      const started = notStarted();
      const budget = startBudget(interrupt, config.timeoutMs, started);
      try {
        pool ??= start();
        return await (await pool).run({ source, options: config.options, engineModule: config.engineModule, started }, { signal: budget.signal });
      } catch (err) {
        if (budget.signal.aborted) return abortOutcome(budget.signal.reason as AbortReason, source.path, config.timeoutMs);
        const message = err instanceof Error ? err.message : String(err);
        return { ok: false, diagnostics: [errorAt({ file: source.path }, `the worker rendering this release crashed (${message})`, 'render it alone to see the error; report it if it persists')] };
      } finally {
        budget.stop();
      }
    },
    close: async () => {
      await (await pool)?.destroy();
    },
  };
}

/** How often a budget looks again whether a render waiting in the pool's queue has begun. */
const UNSTARTED_RECHECK_MS = 100;

/**
 * When a render began, in ms since the epoch (0: not yet), in memory shared with the worker that writes it: a render
 * waiting in the pool's queue has not begun, and its budget does not run. Wall-clock ms, because each thread's
 * performance.now() counts from its own start.
 */
type StartedAt = BigInt64Array;

function notStarted(): StartedAt {
  return new BigInt64Array(new SharedArrayBuffer(BigInt64Array.BYTES_PER_ELEMENT));
}

function startedNow(): StartedAt {
  const started = new BigInt64Array(1);
  started[0] = BigInt(Date.now());
  return started;
}

/**
 * A render's time budget: `signal` aborts with 'timeout' once the render has run `ms` since it began (as `started`
 * tells), or with 'interrupt' when `interrupt` does. `stop` ends the timer.
 */
function startBudget(interrupt: AbortSignal, ms: number, started: StartedAt): { signal: AbortSignal; stop: () => void } {
  const timeout = new AbortController();
  let timer: NodeJS.Timeout;
  const check = () => {
    const begun = Number(Atomics.load(started, 0));
    if (begun === 0) timer = setTimeout(check, Math.min(ms, UNSTARTED_RECHECK_MS));
    else if (Date.now() - begun >= ms) timeout.abort('timeout' satisfies AbortReason);
    else timer = setTimeout(check, begun + ms - Date.now());
  };
  timer = setTimeout(check, ms);
  return { signal: AbortSignal.any([interrupt, timeout.signal]), stop: () => clearTimeout(timer) };
}

/** Resolves to the failure outcome when `signal` aborts. */
function abandoned(signal: AbortSignal, file: string, timeoutMs: number): Promise<RenderOutcome> {
  return new Promise((resolve) => {
    const fire = () => resolve(abortOutcome(signal.reason as AbortReason, file, timeoutMs));
    if (signal.aborted) fire();
    else signal.addEventListener('abort', fire, { once: true });
  });
}

/** The failure of an abandoned render, in words. */
function abortOutcome(reason: AbortReason, file: string, timeoutMs: number): RenderOutcome {
  const diagnostic = reason === 'timeout'
    ? errorAt({ file }, `rendering took longer than the time budget of ${timeoutMs / 1000} s`, 'raise --timeout, or look for a release far longer than usual')
    : errorAt({ file }, 'rendering was interrupted', 'render it again');
  return { ok: false, diagnostics: [diagnostic] };
}

/** The compiled worker module; when running from the TypeScript sources (tests), the one in dist/. */
function workerFile(): string {
  const here = fileURLToPath(import.meta.url);
  return here.endsWith('.ts') ? fileURLToPath(new URL('../../dist/batch/worker.js', import.meta.url)) : fileURLToPath(new URL('./worker.js', import.meta.url));
}
