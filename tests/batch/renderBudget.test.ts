// A render's time budget: counted from when the render begins, bounded while it waits, ended by an interrupt; a render
// given up before it began is skipped by its worker.
import { getEventListeners } from 'node:events';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { begin, cancelUnlessBegun, MAX_WAIT_BUDGETS, notStarted, startBudget, threadOf, type Budget } from '../../src/batch/renderBudget.js';

/** The budget's reason once `ms` more have passed on the fake clock, or 'running'. */
async function after(budget: Budget, ms: number): Promise<string> {
  await vi.advanceTimersByTimeAsync(ms);
  return budget.reason ?? 'running';
}

describe('startBudget', () => {
  beforeEach(() => void vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'performance', 'Date'] }));
  afterEach(() => void vi.useRealTimers());

  it('should not run while the render waits, and end it the budget after it began', async () => {
    const started = notStarted();
    const budget = startBudget(new AbortController().signal, 1_000, started);
    expect(await after(budget, 1_500)).toBe('running');
    expect(begin(started, 7)).toBe(true);
    expect(threadOf(started)).toBe(7);
    expect(await after(budget, 990)).toBe('running');
    expect(await after(budget, 20)).toBe('timeout');
    await expect(budget.ended).resolves.toBe('timeout');
  });

  it(`should end a render that no worker began within ${MAX_WAIT_BUDGETS} budgets as stalled`, async () => {
    const budget = startBudget(new AbortController().signal, 1_000, notStarted());
    expect(await after(budget, MAX_WAIT_BUDGETS * 1_000 - 10)).toBe('running');
    expect(await after(budget, 200)).toBe('stalled');
  });

  it('should end at once on an interrupt, and leave no listener on the signal once stopped or ended', async () => {
    const interrupt = new AbortController();
    const listeners = () => getEventListeners(interrupt.signal, 'abort').length;
    startBudget(interrupt.signal, 1_000, notStarted()).stop();
    expect(listeners()).toBe(0);
    const running = startBudget(interrupt.signal, 1_000, notStarted());
    expect(listeners()).toBe(1);
    interrupt.abort();
    expect(running.reason).toBe('interrupt');
    expect(listeners()).toBe(0);
    expect(startBudget(interrupt.signal, 1_000, notStarted()).reason).toBe('interrupt');
  });
});

describe('cancelUnlessBegun', () => {
  it('should mark a render not begun so that its worker does not begin it', () => {
    const started = notStarted();
    expect(cancelUnlessBegun(started)).toBeUndefined();
    expect(begin(started, 3)).toBe(false);
    expect(threadOf(started)).toBeUndefined();
  });

  it('should leave a render begun as it is and name its thread', () => {
    const started = notStarted();
    expect(begin(started, 5)).toBe(true);
    expect(cancelUnlessBegun(started)).toBe(5);
    expect(threadOf(started)).toBe(5);
  });
});
