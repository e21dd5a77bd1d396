// A render's outcome (its PDF) must not outlive it in the runner: a listener or promise reaction left on something
// long-lived (the batch's interrupt, the pool) once kept every outcome of a batch, and its memory grew by the PDFs.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const PROBE = fileURLToPath(new URL('./runnerRetentionProbe.mjs', import.meta.url));

describe('a runner', () => {
  it('should keep no outcome once it is returned, on a pool or in this thread', () => {
    const run = spawnSync(process.execPath, ['--expose-gc', PROBE], { encoding: 'utf8', timeout: 60_000 });
    expect(run.status, run.stderr).toBe(0);
    // Of 40 outcomes each; the last few may still be on a stack or in a register when the probe collects.
    const held = JSON.parse(run.stdout) as { pool: number; inThread: number };
    expect(held.pool, run.stdout).toBeLessThanOrEqual(2);
    expect(held.inThread, run.stdout).toBeLessThanOrEqual(2);
  });
});
