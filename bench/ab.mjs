// Compares two builds of pressroom in one process, renders interleaved, so the machine's drift affects both alike.
// Usage: node bench/ab.mjs ROOT_A ROOT_B [RELEASE | --corpus] [N]
//   ROOT_A, ROOT_B: pressroom checkouts with dist/ built (e.g. `git worktree add /tmp/before <commit>`, then `npm ci`
//   there); RELEASE: a release file rendered N times (default the seed, N 200); --corpus: N different generated
//   documents, each rendered once after 1,000 warm-up documents.
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { corpusFolder, writeCorpus } from './corpus.mjs';

const [rootA, rootB, what = resolve('fixtures/releases/161a07.md'), n = '200'] = process.argv.slice(2);
if (!rootA || !rootB) throw new Error('usage: node bench/ab.mjs ROOT_A ROOT_B [RELEASE | --corpus] [N]');
const N = Number(n);
const WARM_UP = what === '--corpus' ? 1000 : 30;
let files = Array(N + WARM_UP).fill(resolve(what));
if (what === '--corpus') {
  const dir = await writeCorpus(resolve('fixtures/releases/161a07.md'), join(await mkdtemp(join(tmpdir(), 'pressroom-ab-')), 'corpus'), N + WARM_UP);
  files = Array.from({ length: N + WARM_UP }, (_, i) => join(dir, corpusFolder(i), `b${String(i).padStart(5, '0')}.md`));
}

async function engine(root) {
  const { renderRelease } = await import(join(resolve(root), 'dist/index.js'));
  const { loadSource } = await import(join(resolve(root), 'dist/load/loadSource.js'));
  return { renderRelease, sources: await Promise.all(files.map((f) => loadSource(f))) };
}
const [a, b] = [await engine(rootA), await engine(rootB)];
const times = [[], []];
for (let i = 0; i < files.length; i++) {
  for (const [k, e] of [a, b].entries()) {
    const t = performance.now();
    await e.renderRelease(e.sources[i]);
    if (i >= WARM_UP) times[k].push(performance.now() - t);
  }
}
const median = (x) => x.sort((p, q) => p - q)[x.length >> 1];
const [ma, mb] = times.map(median);
console.log(`A ${ma.toFixed(2)} ms, B ${mb.toFixed(2)} ms (medians of ${N}); B/A = ${(mb / ma).toFixed(3)}`);
