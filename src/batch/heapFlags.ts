// V8's heap flags for processes that render release after release: short-lived objects die young, and the old
// generation grows little past what is live.
import { setFlagsFromString } from 'node:v8';

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

let set = false;

/**
 * Sets HEAP_FLAGS, once. Before the CLI bundle is compiled: V8's code cache records the flags it was made with and
 * is refused under others, so the cache the build trains (see scripts/bundle-cli.mjs) is made with these too.
 */
export function setHeapFlags(): void {
  if (set) return;
  for (const flag of HEAP_FLAGS) setFlagsFromString(flag);
  set = true;
}
