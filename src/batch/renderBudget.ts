// A render's time budget, counted from when a worker begins it: the pool's thread and the worker share a few numbers.
import type { AbortReason } from './createRunner.js';

/** How often a budget looks again whether a render still waiting for its worker has begun. */
const UNSTARTED_RECHECK_MS = 100;

/**
 * Budgets a render may wait to begin, in all. Ahead of it in its worker is at most one render (see TASKS_PER_WORKER
 * in createRunner.ts), which its own budget stops; a render sent again (its worker died under it) waits so once
 * more. Waiting longer means no worker can begin it, and the render fails rather than wait for ever.
 */
export const MAX_WAIT_BUDGETS = 4;

/** Slots of a StartedAt. */
const BEGAN_AT = 0;
const THREAD_ID = 1;
/** BEGAN_AT of a render given up before it began: the worker that gets to it skips it. */
const CANCELLED = -1n;

/**
 * When a render began (ms on the process's clock, see now(); 0: not yet; CANCELLED), and the id of the thread
 * rendering it, in memory shared with that thread, which writes both as it begins. A render waiting for its worker
 * has not begun, and its budget does not run.
 */
export type StartedAt = BigInt64Array;

/**
 * Milliseconds on a clock every thread of the process reads alike: each thread's performance.now() counts from its
 * own start, and timeOrigin is when that was. Unlike Date.now(), a change of the system's clock does not move it.
 */
function now(): number {
  return performance.timeOrigin + performance.now();
}

/** A render not begun yet, shared with the worker that will begin it. */
export function notStarted(): StartedAt {
  return new BigInt64Array(new SharedArrayBuffer(2 * BigInt64Array.BYTES_PER_ELEMENT));
}

/** A render that begins now in this thread. */
export function startedNow(threadId: number): StartedAt {
  const started = new BigInt64Array(2);
  begin(started, threadId);
  return started;
}

/**
 * Notes that the render begins now on thread `threadId` (called by the thread that renders). False when it was given
 * up before (see cancelUnlessBegun): the thread must not render it.
 */
export function begin(started: StartedAt, threadId: number): boolean {
  Atomics.store(started, THREAD_ID, BigInt(threadId));
  return Atomics.compareExchange(started, BEGAN_AT, 0n, BigInt(Math.round(now()))) === 0n;
}

/**
 * Gives the render up: one not begun is marked so that its worker skips it (it may still wait in the pool's queue or
 * in a worker), and undefined comes back; one begun is left as it is, and the id of its thread comes back (to stop).
 */
export function cancelUnlessBegun(started: StartedAt): number | undefined {
  const began = Atomics.compareExchange(started, BEGAN_AT, 0n, CANCELLED);
  return began === 0n || began === CANCELLED ? undefined : Number(Atomics.load(started, THREAD_ID));
}

/** Notes that the render has not begun (it is to be sent again): its budget waits for it to begin anew. */
export function markNotStarted(started: StartedAt): void {
  Atomics.store(started, BEGAN_AT, 0n);
  Atomics.store(started, THREAD_ID, 0n);
}

/** The id of the thread that began the render, undefined when it has not begun. */
export function threadOf(started: StartedAt): number | undefined {
  return Atomics.load(started, BEGAN_AT) > 0n ? Number(Atomics.load(started, THREAD_ID)) : undefined;
}

/**
 * A running budget: `ended` resolves with why the render must end now, and `reason` tells it once it has; `stop` ends
 * the budget (the render is over).
 */
export interface Budget {
  readonly ended: Promise<AbortReason>;
  readonly reason: AbortReason | undefined;
  stop(): void;
}

/**
 * A render's time budget: it ends with 'timeout' once the render has run `ms` since it began (as `started` tells),
 * with 'stalled' when it has not begun after MAX_WAIT_BUDGETS times `ms`, or with 'interrupt' when `interrupt` aborts.
 * Nothing of it stays attached to `interrupt` once stopped or ended (a listener left on a signal keeps what it reaches
 * alive: here, the render's source and PDF).
 */
export function startBudget(interrupt: AbortSignal, ms: number, started: StartedAt): Budget {
  const waitingSince = now();
  let end!: (reason: AbortReason) => void;
  const ended = new Promise<AbortReason>((resolve) => (end = resolve));
  let reason: AbortReason | undefined;
  let timer: NodeJS.Timeout | undefined;
  const onInterrupt = () => finish('interrupt');
  const stop = () => {
    clearTimeout(timer);
    interrupt.removeEventListener('abort', onInterrupt);
  };
  const finish = (why: AbortReason) => {
    stop();
    reason = why;
    end(why);
  };
  const check = () => {
    const began = Number(Atomics.load(started, BEGAN_AT));
    if (began <= 0 && now() - waitingSince >= MAX_WAIT_BUDGETS * ms) finish('stalled');
    else if (began <= 0) timer = setTimeout(check, Math.min(ms, UNSTARTED_RECHECK_MS));
    else if (now() - began >= ms) finish('timeout');
    else timer = setTimeout(check, began + ms - now());
  };
  if (interrupt.aborted) finish('interrupt');
  else {
    interrupt.addEventListener('abort', onInterrupt, { once: true });
    timer = setTimeout(check, ms);
  }
  return {
    ended,
    get reason() {
      return reason;
    },
    stop,
  };
}
