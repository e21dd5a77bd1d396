// Tests that spawn pressroom processes (cold starts) take seconds on a busy 2-core machine: vitest's 5 s default
// made them fail on load alone. Speed is measured by `npm run bench`, never by test timeouts.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    testTimeout: 30_000,
  },
});
