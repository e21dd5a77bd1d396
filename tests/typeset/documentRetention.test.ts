// A document must not outlive its render in a batch's worker: whatever stays reachable at the minor GCs after it is
// dropped is promoted to the old generation, costs the worker's GC time and RSS, and lives until a full GC.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const PROBE = fileURLToPath(new URL('./retentionProbe.mjs', import.meta.url));
const RELEASES = fileURLToPath(new URL('../../fixtures/releases/', import.meta.url));
// The short fixtures (two short documents never fill the young generation, so no minor GC falls inside them).
const releases = readdirSync(RELEASES).filter((f) => f.endsWith('.md') && !f.startsWith('long-')).map((f) => join(RELEASES, f));

/** Per release after the first round (what a warm worker does), whether it was still reachable after the next one. */
function retained(mode: string[]): number[] {
  // --no-allocation-site-pretenuring: V8 would otherwise soon allocate the probes straight in the old generation
  // (it sees them survive), where they would look kept whatever holds them.
  const run = spawnSync(process.execPath, ['--expose-gc', '--no-allocation-site-pretenuring', PROBE, ...mode, ...releases, ...releases, ...releases], { encoding: 'utf8', timeout: 120_000 });
  expect(run.status, run.stderr).toBe(0);
  return (JSON.parse(run.stdout) as number[]).slice(releases.length);
}

// Each probe is 1 MiB: a document still reachable after the next one grows the old large-object space by 1 (a full
// GC V8 chose to run meanwhile shows as a drop). When every document was kept, every entry was 1; now one in ten or so
// is, now and then (a minor GC of V8's own inside the two renders moves the probe, alive then).
describe('documents dropped after their render', () => {
  it('should be freed by minor GCs once laid out (a getter in an object literal once kept every layout)', () => {
    const later = retained([]);
    expect(later.filter((mib) => mib > 0).length, JSON.stringify(later)).toBeLessThanOrEqual(later.length / 4);
  });

  it("should be freed by minor GCs once drawn (functions of its own on each pdfkit document once kept every one)", () => {
    const later = retained(['--draw']);
    expect(later.filter((mib) => mib > 0).length, JSON.stringify(later)).toBeLessThanOrEqual(later.length / 4);
  });
});
