// V8's allocation-site pretenuring, turned off in processes that render release after release.
import { setFlagsFromString } from 'node:v8';

let off = false;

/**
 * Turns off V8's allocation-site pretenuring, for the whole process (every thread, this one and the workers to come).
 *
 * Pretenuring allocates an object straight in the old generation when V8 has seen enough objects of its allocation
 * site survive a scavenge. A render's objects (placed lines and frags, the parsed FO, the static regions) live for one
 * release, a few ms, yet V8 pretenured their sites: over 2,000 corpus releases in one thread, 264 kB per release reached
 * the old generation, where only a full collection frees them; without pretenuring, 73 kB (the caches' new entries).
 * One thread rendering 4,000 corpus releases: RSS 356 -> 235 MiB, 5.09 -> 4.93 ms per release (three runs each).
 *
 * Set once, before the CLI bundle is compiled: V8's code cache records the flags it was made with and is refused under
 * others, so the cache the build trains (see scripts/bundle-cli.mjs) is made with this flag off too.
 */
export function turnOffPretenuring(): void {
  if (off) return;
  setFlagsFromString('--no-allocation-site-pretenuring');
  off = true;
}
