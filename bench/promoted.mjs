// What of a render outlives the young generation: per document, by allocating function, the bytes that reached the
// old generation (or are still live at the end), from the inspector's sampling heap profiler counting only objects a
// full GC collects or that survive. Short-lived objects found here are promoted garbage: each costs a worker its copy
// and a full collection. Usage: node [V8 FLAGS] bench/promoted.mjs [N] [TOP]   (N corpus documents after 1,000 warm)
import { Session } from 'node:inspector/promises';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { corpusFolder, writeCorpus } from './corpus.mjs';

const ROOT = new URL('../', import.meta.url);
const [n = '2000', top = '25'] = process.argv.slice(2);
const N = Number(n);
const WARM_UP = 1000;
const { renderRelease } = await import(new URL('dist/index.js', ROOT).href);
const { loadSource } = await import(new URL('dist/load/loadSource.js', ROOT).href);
const corpus = await writeCorpus(new URL('fixtures/releases/161a07.md', ROOT).pathname, join(await mkdtemp(join(tmpdir(), 'pressroom-promoted-')), 'corpus'), WARM_UP + N);
const sources = await Promise.all(Array.from({ length: WARM_UP + N }, (_, i) => loadSource(join(corpus, corpusFolder(i), `b${String(i).padStart(5, '0')}.md`))));
for (let i = 0; i < WARM_UP; i++) await renderRelease(sources[i]);
const session = new Session();
session.connect();
await session.post('HeapProfiler.startSampling', { samplingInterval: 2048, includeObjectsCollectedByMajorGC: true, includeObjectsCollectedByMinorGC: false });
for (let i = WARM_UP; i < WARM_UP + N; i++) await renderRelease(sources[i]);
const { profile } = await session.post('HeapProfiler.stopSampling');
const bytes = new Map();
let total = 0;
const walk = (node, caller) => {
  const frame = node.callFrame;
  const name = `${frame.functionName || '(anonymous)'} ${frame.url.split('/').slice(-2).join('/')}:${frame.lineNumber + 1}`;
  // Built-ins have no URL: named with their caller.
  const key = frame.url ? name : `${name} <- ${caller}`;
  total += node.selfSize;
  bytes.set(key, (bytes.get(key) ?? 0) + node.selfSize);
  for (const child of node.children) walk(child, name);
};
walk(profile.head, '');
console.log(`${(total / N / 1024).toFixed(1)} kB per document reached the old generation or stayed live (${N} corpus documents after ${WARM_UP})`);
for (const [key, size] of [...bytes].sort((a, b) => b[1] - a[1]).slice(0, Number(top))) console.log(`${(size / N / 1024).toFixed(2).padStart(8)} kB  ${key}`);
