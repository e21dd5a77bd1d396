// A render's time budget: counted from when the render begins, bounded while it waits, ended by an interrupt.
import { getEventListeners } from 'node:events';
import { describe, expect, it } from 'vitest';
import { markStarted, MAX_WAIT_BUDGETS, notStarted, startBudget, threadOf } from '../../src/batch/renderBudget.js';

/** Resolves with the budget's reason, or 'running' when it has not ended after `ms`. */
function endingWithin(ended: Promise<string>, ms: number): Promise<string> {
  return Promise.race([ended, new Promise<string>((resolve) => setTimeout(() => resolve('running'), ms))]);
}

describe('startBudget', () => {
  it('should not run while the render waits, and end it the budget after it began', async () => {
    const started = notStarted();
    const budget = startBudget(new AbortController().signal, 100, started);
    expect(await endingWithin(budget.ended, 160)).toBe('running');
    markStarted(started, 7);
    expect(threadOf(started)).toBe(7);
    const began = Date.now();
    expect(await endingWithin(budget.ended, 2_000)).toBe('timeout');
    expect(Date.now() - began).toBeGreaterThanOrEqual(95);
  });

  it(`should end a render that no worker began within ${MAX_WAIT_BUDGETS} budgets as stalled`, async () => {
    const budget = startBudget(new AbortController().signal, 50, notStarted());
    expect(await endingWithin(budget.ended, MAX_WAIT_BUDGETS * 50 - 30)).toBe('running');
    expect(await endingWithin(budget.ended, 2_000)).toBe('stalled');
  });

  it('should end at once on an interrupt, and leave no listener on the signal once stopped or ended', async () => {
    const interrupt = new AbortController();
    const listeners = () => getEventListeners(interrupt.signal, 'abort').length;
    const stopped = startBudget(interrupt.signal, 1_000, notStarted());
    stopped.stop();
    expect(listeners()).toBe(0);
    const running = startBudget(interrupt.signal, 1_000, notStarted());
    expect(listeners()).toBe(1);
    interrupt.abort();
    expect(await endingWithin(running.ended, 50)).toBe('interrupt');
    expect(listeners()).toBe(0);
    expect(await endingWithin(startBudget(interrupt.signal, 1_000, notStarted()).ended, 50)).toBe('interrupt');
  });
});
