// A render's time budget, counted from when a worker begins it: the pool's thread and the worker share a few numbers.
import type { AbortReason } from './createRunner.js';

/** How often a budget looks again whether a render still waiting for its worker has begun. */
const UNSTARTED_RECHECK_MS = 100;

/**
 * Budgets a render may wait to begin. Ahead of it in its worker is at most one render (see TASKS_PER_WORKER in
 * createRunner.ts), which its own budget stops, and a render sent again (MAX_ATTEMPTS_UNSTARTED there: three in all)
 * waits so each time; waiting longer means no worker can begin it (one that fails as it starts, say), and the render
 * fails rather than wait for ever.
 */
export const MAX_WAIT_BUDGETS = 4;

/** Slots of a StartedAt. */
const BEGAN_AT = 0;
const THREAD_ID = 1;

/**
 * When a render began, in ms since the epoch (0: not yet), and the id of the thread rendering it, in memory shared
 * with that thread, which writes both as it begins. A render waiting for its worker has not begun, and its budget does
 * not run. Wall-clock ms, because each thread's performance.now() counts from its own start.
 */
export type StartedAt = BigInt64Array;

/** A render not begun yet, shared with the worker that will begin it. */
export function notStarted(): StartedAt {
  return new BigInt64Array(new SharedArrayBuffer(2 * BigInt64Array.BYTES_PER_ELEMENT));
}

/** A render that begins now in this thread. */
export function startedNow(threadId: number): StartedAt {
  const started = new BigInt64Array(2);
  markStarted(started, threadId);
  return started;
}

/** Notes that the render begins now on thread `threadId` (called by the thread that renders). */
export function markStarted(started: StartedAt, threadId: number): void {
  Atomics.store(started, THREAD_ID, BigInt(threadId));
  Atomics.store(started, BEGAN_AT, BigInt(Date.now()));
}

/** Notes that the render has not begun (it is to be sent again): its budget waits for it to begin anew. */
export function markNotStarted(started: StartedAt): void {
  Atomics.store(started, BEGAN_AT, 0n);
  Atomics.store(started, THREAD_ID, 0n);
}

/** The id of the thread that began the render, undefined when it has not begun. */
export function threadOf(started: StartedAt): number | undefined {
  return Atomics.load(started, BEGAN_AT) !== 0n ? Number(Atomics.load(started, THREAD_ID)) : undefined;
}

/** A running budget: `ended` resolves with why the render must end now; `stop` ends the budget (the render is over). */
export interface Budget {
  readonly ended: Promise<AbortReason>;
  stop(): void;
}

/**
 * A render's time budget: it ends with 'timeout' once the render has run `ms` since it began (as `started` tells),
 * with 'stalled' when it has not begun after MAX_WAIT_BUDGETS times `ms`, or with 'interrupt' when `interrupt` aborts.
 * Nothing of it stays attached to `interrupt` once stopped or ended (a listener left on a signal keeps what it reaches
 * alive: here, the render's source and PDF).
 */
export function startBudget(interrupt: AbortSignal, ms: number, started: StartedAt): Budget {
  const waitingSince = Date.now();
  let end!: (reason: AbortReason) => void;
  const ended = new Promise<AbortReason>((resolve) => (end = resolve));
  let timer: NodeJS.Timeout | undefined;
  const onInterrupt = () => finish('interrupt');
  const stop = () => {
    clearTimeout(timer);
    interrupt.removeEventListener('abort', onInterrupt);
  };
  const finish = (reason: AbortReason) => {
    stop();
    end(reason);
  };
  const check = () => {
    const began = Number(Atomics.load(started, BEGAN_AT));
    if (began === 0 && Date.now() - waitingSince >= MAX_WAIT_BUDGETS * ms) finish('stalled');
    else if (began === 0) timer = setTimeout(check, Math.min(ms, UNSTARTED_RECHECK_MS));
    else if (Date.now() - began >= ms) finish('timeout');
    else timer = setTimeout(check, began + ms - Date.now());
  };
  if (interrupt.aborted) finish('interrupt');
  else {
    interrupt.addEventListener('abort', onInterrupt, { once: true });
    timer = setTimeout(check, ms);
  }
  return { ended, stop };
}
