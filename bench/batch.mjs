// Child process of the benchmark: renders a corpus with N workers and reports docs/s and memory as one JSON line.
import { readFileSync } from 'node:fs';
import { renderBatch } from '../dist/index.js';

const [input, output, jobs] = process.argv.slice(2);
/** RSS samples every SAMPLE_MS: the batch's peak, and its growth from the first to the last thousand documents. */
const SAMPLE_MS = 100;
let peak = 0;
const sample = () => (peak = Math.max(peak, process.memoryUsage().rss));
const timer = setInterval(sample, SAMPLE_MS);
let done = 0;
let rssAfterFirstThousand = 0;
const started = performance.now();
const result = await renderBatch([input], { output, jobs: Number(jobs), force: true, onRecord: () => {
  done += 1;
  if (done === 1000) rssAfterFirstThousand = process.memoryUsage().rss;
} });
const ms = performance.now() - started;
clearInterval(timer);
sample();
const hwm = Number(/VmHWM:\s+(\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'))?.[1] ?? 0) * 1024;
console.log(JSON.stringify({ ...result.summary, ms, docsPerSecond: result.summary.rendered / (ms / 1000), peakRss: Math.max(peak, hwm), rssAfterFirstThousand, rssAtEnd: process.memoryUsage().rss }));
