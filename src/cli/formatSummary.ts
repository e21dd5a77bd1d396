// The one-line summary a batch always ends with on stderr: rendered, skipped, failed, pages, time, docs/s.
import type { BatchSummary } from '../batch/types.js';

/** `rendered 28, skipped 0, failed 2; 31 pages in 1.23 s (22.8 docs/s)`, prefixed when the batch was interrupted. */
export function formatSummary(s: BatchSummary): string {
  const seconds = s.ms / 1000;
  const rate = s.rendered / Math.max(seconds, 1e-3);
  const head = s.interrupted ? 'interrupted: ' : '';
  return `${head}rendered ${s.rendered}, skipped ${s.skipped}, failed ${s.failed}; ${s.pages} ${s.pages === 1 ? 'page' : 'pages'} in ${seconds.toFixed(2)} s (${rate.toFixed(1)} docs/s)\n`;
}
