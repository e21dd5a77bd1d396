// V8's heap flags for processes that render release after release: short-lived objects die young, and the old
// generation grows little past what is live.
import { createRequire } from 'node:module';

/**
 * The flags, for the whole process (every thread: this one and the workers to come).
 *
 * `--no-allocation-site-pretenuring`: pretenuring allocates an object straight in the old generation when V8 has seen
 * enough objects of its allocation site survive a scavenge. A render's objects (placed lines and frags, the parsed FO,
 * the static regions) live for one release, a few ms, yet V8 pretenured their sites: over 2,000 corpus releases in one
 * thread, 264 kB per release reached the old generation, where only a full collection frees them; without
 * pretenuring, 73 kB (the caches' new entries). One thread, 4,000 corpus releases: RSS 356 -> 235 MiB, 5.09 -> 4.93 ms
 * per release (three runs each).
 *
 * `--heap-growing-percent=20`: after a full collection V8 lets the old generation grow to ~1.8 times what is live
 * before the next (a worker: ~69 MB at 38 MB live). With little garbage reaching it (above), a collection is cheap and
 * its marking runs on V8's helper threads, so growing by 20 % (or V8's minimum step) costs no speed: 10,000 corpus
 * releases on 2 workers, two rounds alternating, 286.9–296.6 docs/s and a peak RSS of 362–397 MiB without it,
 * 284.0–302.6 docs/s and 336–349 MiB with it.
 */
const HEAP_FLAGS = ['--no-allocation-site-pretenuring', '--heap-growing-percent=20'];

/**
 * Whether this process has the flags: kept on the global object, because the CLI bundle holds a copy of this module
 * beside the compiled one that loads it, and V8's flags are the process's whichever copy set them. (A worker thread
 * has a global object of its own; the pool's threads set the flags themselves, see bundledEngine.)
 */
const SET = Symbol.for('pressroom.heapFlags');

/** True once setHeapFlags ran in this thread. */
export function heapFlagsSet(): boolean {
  return (globalThis as { [SET]?: boolean })[SET] === true;
}

/**
 * Sets HEAP_FLAGS, once: for a batch, not for one release. A cold render of one release made ~15 ms slower under
 * them (the start-up's long-lived data is collected more often while the heap grows), and V8's code cache records the
 * flags it was made with and is refused under others: the build trains one cache for each (see scripts/bundle-cli.mjs
 * and src/cli/loadBundle.ts).
 */
export function setHeapFlags(): void {
  if (heapFlagsSet()) return;
  // node:v8 loaded only now: ~1.5 ms of every start, which a render of one release never needs.
  const v8 = createRequire(import.meta.url)('node:v8') as typeof import('node:v8');
  for (const flag of HEAP_FLAGS) v8.setFlagsFromString(flag);
  (globalThis as { [SET]?: boolean })[SET] = true;
}
