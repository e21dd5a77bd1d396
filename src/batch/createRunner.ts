// Runs renders either in this thread or on a pool of worker threads, with a per-input time budget and abort.
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import type { Piscina } from 'piscina';
import { threadId, type ResourceLimits } from 'node:worker_threads';
import { errorAt } from '../diagnostics/PressroomError.js';
import type { SourceFile } from '../load/types.js';
import type { RenderOptions } from '../render.js';
import { cancelUnlessBegun, markNotStarted, MAX_WAIT_BUDGETS, notStarted, startBudget, startedNow, threadOf } from './renderBudget.js';
import { renderOutcome, type RenderEngine, type RenderOutcome } from './renderOutcome.js';
import type { WorkerTask } from './worker.js';

/** Why a render was abandoned: its time budget ran out, no worker began it in time, or the batch was aborted. */
export type AbortReason = 'timeout' | 'stalled' | 'interrupt';

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
 * 311–312 MiB (in a 10,000-document batch, ~60 MiB more). 48 MB did no better than 32. With pretenuring off (see
 * heapFlags.ts), 16 MB costs less but still costs: 10,000 corpus documents, three rounds alternating, 287.0–296.2 →
 * 267.1–272.2 docs/s for a peak RSS of 347–366 → 297–318 MiB.
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
      const budget = startBudget(interrupt, config.timeoutMs, startedNow(threadId));
      try {
        // A literal specifier for our own engine, so the CLI bundle (scripts/bundle-cli.mjs) holds it.
        engine ??= (config.engineModule ? import(config.engineModule) : import('../render.js')).then((m: { renderRelease: RenderEngine }) => m.renderRelease);
        const rendering = engine.then((e) => renderOutcome(e, source, config.options));
        return await Promise.race([rendering, budget.ended.then((reason) => abortOutcome(reason, source.path, config.timeoutMs))]);
      } finally {
        budget.stop();
      }
    },
    close: async () => undefined,
  };
}

/**
 * Renders a worker is given at a time: the one it renders, and the next, which it begins the moment the first ends
 * (worker.ts keeps them one after the other). With one, a worker waited after each render until this thread (sharing
 * the cores with both workers and V8's helpers) had taken the result and sent the next one (~0.55 ms a render, in
 * Atomics.wait). A 10,000-document batch on 2 workers, four pairs alternating with one: 284.9–297.2 → 300.1–315.9
 * docs/s (+3.4 to +8.6 %).
 */
const TASKS_PER_WORKER = 2;

/**
 * Most times a render is sent to the pool: it is sent again when its worker ended under it through no fault of its
 * own (before it began, the render ahead of it crashed the worker or ran out of time; or this runner stopped that
 * worker for another render). Its budget bounds how long that can go on (see MAX_WAIT_BUDGETS); this is a backstop.
 */
const MAX_ATTEMPTS = 10;

/** Renders on a pool of worker threads; an abandoned render's worker is terminated and the pool starts another. */
function createPoolRunner(config: RunnerConfig): Runner {
  // The pool starts with the first render, so a batch where everything is up to date starts no worker. piscina is
  // imported then too: it loads worker_threads, perf_hooks and assert, which a single render in this thread never
  // needs (a few ms of a cold start).
  let pool: Promise<Piscina<WorkerTask, RenderOutcome>> | undefined;
  // A worker that fails as it starts makes the pool emit 'error' (and start no other): the pool is then destroyed,
  // which fails every render it holds, and every render fails with that error.
  let broken: { error: unknown } | undefined;
  // Read through a call: set by the pool's event, it can change across any await of a render.
  const brokenPool = () => broken;
  const start = async () => {
    const workers = new (await import('piscina')).Piscina<WorkerTask, RenderOutcome>({
      filename: workerFile(),
      minThreads: config.jobs,
      maxThreads: config.jobs,
      // Workers stay for the whole batch: their caches (fonts, layouts, shaped words) are the point of keeping them.
      idleTimeout: Number.POSITIVE_INFINITY,
      resourceLimits: WORKER_RESOURCE_LIMITS,
      concurrentTasksPerWorker: TASKS_PER_WORKER,
    });
    workers.on('error', (error: unknown) => {
      broken = { error };
      void workers.destroy();
    });
    return workers;
  };
  // Threads this runner terminated (for a render's budget or an abort): a render that fails there is not at fault.
  const stopped = new Set<number>();
  return {
    run: async (source, interrupt) => {
      // A render may wait for its worker (see TASKS_PER_WORKER), so the budget starts when the worker begins it.
      const started = notStarted();
      const budget = startBudget(interrupt, config.timeoutMs, started);
      try {
        for (let attempt = 1; ; attempt++) {
          const failed = brokenPool();
          if (failed) return crashed(source.path, failed.error);
          pool ??= start();
          const workers = await pool;
          // No signal for piscina: it gives a worker only one render that can be aborted at a time. An abandoned
          // render is stopped here instead: one not begun is marked for its worker to skip, one begun has its thread
          // terminated.
          const rendering = workers.run({ source, options: config.options, engineModule: config.engineModule, started });
          const ending = await Promise.race([rendering.then((outcome) => ({ outcome }), (error: unknown) => ({ error })), budget.ended.then((reason) => ({ reason }))]);
          if ('outcome' in ending) return ending.outcome;
          const abandon = async (reason: AbortReason) => {
            await stopThread(workers, cancelUnlessBegun(started), stopped);
            return abortOutcome(reason, source.path, config.timeoutMs);
          };
          if ('reason' in ending) return await abandon(ending.reason);
          if (budget.reason !== undefined) return await abandon(budget.reason);
          // Its worker ended before this render began (the one ahead of it crashed or was stopped), or this runner
          // stopped it for another render (which may have ended just then, letting this one begin): not its fault.
          const thread = threadOf(started);
          const innocent = thread === undefined || stopped.has(thread);
          if (innocent && attempt < MAX_ATTEMPTS && !brokenPool()) {
            markNotStarted(started);
            continue;
          }
          cancelUnlessBegun(started);
          return crashed(source.path, (brokenPool() ?? ending).error);
        }
      } catch (err) {
        // The pool itself could not be made (piscina failed to load): a failure of this release, as a crash is.
        return crashed(source.path, err);
      } finally {
        budget.stop();
      }
    },
    close: async () => {
      await (await pool?.catch(() => undefined))?.destroy();
    },
  };
}

/** The failure of a render whose worker died under it (or whose pool could not start one). */
function crashed(file: string, error: unknown): RenderOutcome {
  const message = error instanceof Error ? error.message : String(error);
  return { ok: false, diagnostics: [errorAt({ file }, `the worker rendering this release crashed (${message})`, 'render it alone to see the error; report it if it persists')] };
}

/**
 * Terminates the pool's thread `threadId`, noting it in `stopped` (a render that has not begun has none: its worker
 * skips it). The pool fails the renders the thread held and starts a new thread.
 */
async function stopThread(pool: Piscina<WorkerTask, RenderOutcome>, threadId: number | undefined, stopped: Set<number>): Promise<void> {
  if (threadId === undefined) return;
  stopped.add(threadId);
  await pool.threads.find((thread) => thread.threadId === threadId)?.terminate();
}

/** The failure of an abandoned render, in words. */
function abortOutcome(reason: AbortReason, file: string, timeoutMs: number): RenderOutcome {
  const diagnostics = {
    timeout: () => errorAt({ file }, `rendering took longer than the time budget of ${timeoutMs / 1000} s`, 'raise --timeout, or look for a release far longer than usual'),
    stalled: () => errorAt({ file }, `no worker began rendering this release within ${(MAX_WAIT_BUDGETS * timeoutMs) / 1000} s`, 'render it with --jobs 1 to see what keeps the workers from starting'),
    interrupt: () => errorAt({ file }, 'rendering was interrupted', 'render it again'),
  };
  return { ok: false, diagnostics: [diagnostics[reason]()] };
}

/** The compiled worker module; when running from the TypeScript sources (tests), the one in dist/. */
function workerFile(): string {
  const here = fileURLToPath(import.meta.url);
  return here.endsWith('.ts') ? fileURLToPath(new URL('../../dist/batch/worker.js', import.meta.url)) : fileURLToPath(new URL('./worker.js', import.meta.url));
}
