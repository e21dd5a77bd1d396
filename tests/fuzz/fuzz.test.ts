// A short fuzz run in `npm test` (the long one is `npm run fuzz`): generated releases either render readably or fail with placed messages, in time.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fuzzRelease } from './arbitraries.js';
import { checkRelease, type FuzzOutcome } from './checkRelease.js';

/** Wall-clock share of `npm test` for the fuzzer: fast-check stops starting cases after this. */
const SHORT_BUDGET_MS = 10_000;
/** Most time one generated case may take (the CLI's budget is 60 s; generated cases are small). */
const CASE_BUDGET_MS = 8_000;
/** A fixed seed by default keeps `npm test` deterministic; FUZZ_SEED explores. */
const SEED = Number(process.env.FUZZ_SEED ?? 20250211);

describe('fuzzer (short run)', () => {
  it('should render every generated release readably or fail it with placed messages, within the budget', async () => {
    const outcomes: FuzzOutcome[] = [];
    await fc.assert(
      fc.asyncProperty(fuzzRelease, async (release) => {
        outcomes.push(await checkRelease(release, CASE_BUDGET_MS));
      }),
      { seed: SEED, numRuns: 400, interruptAfterTimeLimit: SHORT_BUDGET_MS, markInterruptAsFailure: false, endOnFailure: true },
    );
    expect(outcomes.length).toBeGreaterThan(10);
    // The generator must reach both sides of the invariant.
    expect(outcomes.some((o) => o.kind === 'pdf')).toBe(true);
    expect(outcomes.some((o) => o.kind === 'error')).toBe(true);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  }, SHORT_BUDGET_MS + CASE_BUDGET_MS + 5_000);
});
