// Child process of the benchmark: the batch's ceiling. N worker threads (with the pool's heap limits) render the
// inputs in memory, each its share, one after another: no dispatch, no output written, no manifest. What a batch
// reaches below this is the cost of its own work (the main thread, I/O); the rest is the renderer's.
// Usage: node ceiling.mjs JOBS FILE...   Prints one JSON line: docs/s and the CPU split (see processUsage.mjs).
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';
import { kernelPeakRss, startCpuAccount } from './processUsage.mjs';

const DIST = new URL('../dist/', import.meta.url);

if (isMainThread) {
  const [jobs, ...files] = process.argv.slice(2);
  const { WORKER_RESOURCE_LIMITS } = await import(new URL('batch/createRunner.js', DIST).href);
  const n = Number(jobs);
  const started = performance.now();
  const cpuSince = startCpuAccount();
  const shares = Array.from({ length: n }, (_, k) => files.filter((_, i) => i % n === k));
  const rendered = await Promise.all(
    shares.map((share) => new Promise((done, fail) => {
      const worker = new Worker(new URL(import.meta.url), { workerData: share, resourceLimits: WORKER_RESOURCE_LIMITS });
      let count = 0;
      worker.once('message', (rendered) => (count = rendered));
      worker.once('error', fail);
      // Counted once the thread has ended, so its CPU time is the workers' (see processUsage.mjs).
      worker.once('exit', () => done(count));
    })),
  );
  const ms = performance.now() - started;
  const count = rendered.reduce((a, b) => a + b, 0);
  console.log(JSON.stringify({ rendered: count, ms, docsPerSecond: count / (ms / 1000), peakRss: kernelPeakRss(), cpu: cpuSince() }));
} else {
  const { renderRelease } = await import(new URL('index.js', DIST).href);
  const { loadSource } = await import(new URL('load/loadSource.js', DIST).href);
  let count = 0;
  for (const file of workerData) {
    await renderRelease(await loadSource(file));
    count += 1;
  }
  parentPort.postMessage(count);
}
