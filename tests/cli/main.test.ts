// main's use of yargs internals: still there in the yargs we install, so a cold start does not format unseen help.
import yargs from 'yargs';
import { describe, expect, it } from 'vitest';
import { skipHelpCache, type YargsUsageInternals } from '../../src/cli/main.js';

describe('skipHelpCache', () => {
  it('should find the usage object of this yargs and replace its help caching', () => {
    const parser = yargs([]);
    const usage = () => (parser as YargsUsageInternals).getInternalMethods?.().getUsageInstance?.();
    const original = usage()?.cacheHelpMessage;
    expect(typeof original).toBe('function');
    skipHelpCache(parser);
    expect(usage()?.cacheHelpMessage).not.toBe(original);
  });
});
