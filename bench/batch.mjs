// Child process of the benchmark: renders inputs with N workers and reports docs/s and memory as one JSON line.
// Usage: node batch.mjs OUT_DIR JOBS INPUT...
// RSS is the whole process's (main thread and workers), sampled every SAMPLE_MS; the peak also from the kernel's
// high-water mark. The peaks while the first and the last WINDOW documents finish show growth over the batch. CPU time
// is split by thread where Linux tells it (see processUsage.mjs).
import { renderBatch } from '../dist/index.js';
import { kernelPeakRss, startCpuAccount } from './processUsage.mjs';

const [output, jobs, ...inputs] = process.argv.slice(2);
const SAMPLE_MS = 50;
/**
 * A finished document also takes a sample, unless one was taken this recently: each sample opens and reads
 * /proc/self/stat on the main thread, and one per document was ~0.05 ms of the batch's main thread per document.
 */
const RECORD_SAMPLE_MS = 10;
let lastSample = 0;
const WINDOW = 1000;
let done = 0;
let total = 0;
let peak = 0;
let firstWindowPeak = 0;
let lastWindowPeak = 0;
const sample = () => {
  lastSample = performance.now();
  const rss = process.memoryUsage.rss();
  peak = Math.max(peak, rss);
  if (done < WINDOW) firstWindowPeak = Math.max(firstWindowPeak, rss);
  if (done >= total - WINDOW) lastWindowPeak = Math.max(lastWindowPeak, rss);
};
const timer = setInterval(sample, SAMPLE_MS);
const started = performance.now();
const cpuSince = startCpuAccount();
const result = await renderBatch(inputs, {
  output,
  jobs: Number(jobs),
  // As the CLI renders without --report: records go to onRecord only.
  keepRecords: false,
  onStart: (n) => (total = n),
  onRecord: () => {
    if (performance.now() - lastSample >= RECORD_SAMPLE_MS) sample();
    done += 1;
  },
});
const ms = performance.now() - started;
const cpu = cpuSince();
clearInterval(timer);
sample();
const hwm = kernelPeakRss();
console.log(JSON.stringify({ ...result.summary, ms, docsPerSecond: result.summary.rendered / (ms / 1000), peakRss: Math.max(peak, hwm), firstWindowPeak, lastWindowPeak, window: Math.min(WINDOW, total), cpu }));
