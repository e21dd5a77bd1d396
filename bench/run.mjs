// pressroom's benchmark (npm run bench; never part of npm test): warm and cold single documents, batches, memory, peers.
// Options: --count N (corpus size, default 2000), --runs N (warm runs, default 200), --jobs N (default: cores).
import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdtemp, readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { availableParallelism, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { writeCorpus } from './corpus.mjs';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const SEED = join(ROOT, 'fixtures/releases/161a07.md');
const LONG = join(ROOT, 'fixtures/releases/long-report.md');
const FONTS = join(ROOT, 'fonts');
/** Warm-up renders before measuring: lets the JIT and the caches settle. */
const WARM_UP = 30;
/** Spawns measured for the cold start. */
const COLD_RUNS = 10;
const MiB = 1024 * 1024;

const { values } = parseArgs({ options: { count: { type: 'string', default: '2000' }, runs: { type: 'string', default: '200' }, jobs: { type: 'string', default: String(availableParallelism()) } } });
const COUNT = Number(values.count);
const RUNS = Number(values.runs);
const JOBS = Number(values.jobs);

const { renderRelease } = await import(join(ROOT, 'dist/index.js'));
const { parseRelease } = await import(join(ROOT, 'dist/release/parseRelease.js'));
const { loadSource } = await import(join(ROOT, 'dist/load/loadSource.js'));

/** Median and 95th percentile of `times`. */
function stats(times) {
  const sorted = [...times].sort((a, b) => a - b);
  return { median: sorted[Math.floor(sorted.length / 2)], p95: sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * 0.95))] };
}

/** Times `fn` `runs` times after warming up. */
async function timeRuns(fn, runs = RUNS) {
  for (let i = 0; i < WARM_UP; i++) await fn();
  const times = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    await fn();
    times.push(performance.now() - t);
  }
  return stats(times);
}

/** The seed's text as plain paragraphs (title first), for the peers. */
function plainText(release) {
  const inline = (nodes) => nodes.map((n) => (n.kind === 'text' || n.kind === 'code' ? n.value : n.kind === 'break' ? '\n' : n.children ? inline(n.children) : '')).join('');
  const block = (b) => (b.kind === 'list' ? b.items.flatMap((item) => item.children.flatMap(block)).map((t) => `• ${t}`) : b.kind === 'quote' ? b.children.flatMap(block) : b.children ? [inline(b.children)] : []);
  return { title: release.title, paragraphs: release.body.flatMap(block) };
}

const rows = [];
const row = (tool, warm, perSecond, rss, cold, note = '') => rows.push({ tool, warm, perSecond, rss, cold, note });
const fmt = (n, digits = 1) => (n === undefined ? '—' : n.toFixed(digits));

// 1. pressroom, warm, one process: the seed and the long fixture (ms per extra page).
const seed = await loadSource(SEED);
const long = await loadSource(LONG);
const seedPages = (await renderRelease(seed)).pages;
const longPages = (await renderRelease(long)).pages;
const warm = await timeRuns(() => renderRelease(seed));
const warmLong = await timeRuns(() => renderRelease(long), Math.max(20, Math.floor(RUNS / 10)));
const perPage = (warmLong.median - warm.median) / Math.max(1, longPages - seedPages);
const warmRss = process.memoryUsage().rss;

// 2. Cold: a fresh process rendering one release, median of COLD_RUNS.
const out = await mkdtemp(join(tmpdir(), 'pressroom-bench-'));
const coldTimes = [];
for (let i = 0; i < COLD_RUNS; i++) {
  const t = performance.now();
  const run = spawnSync(process.execPath, [join(ROOT, 'bin/pressroom.js'), 'render', SEED, '-o', join(out, 'cold.pdf'), '--quiet']);
  coldTimes.push(performance.now() - t);
  if (run.status !== 0) throw new Error(`cold render failed: ${run.stderr}`);
}
const cold = stats(coldTimes).median;
row('pressroom (this build)', warm, 1000 / warm.median, warmRss, cold, `p95 ${fmt(warm.p95)} ms; ${fmt(perPage)} ms per extra page (${longPages}-page fixture: ${fmt(warmLong.median)} ms)`);

// 3. The same text drawn by hand with pdfkit, font files read once (pdfkit parses them per document).
const text = plainText(parseRelease(seed));
const require = createRequire(join(ROOT, 'bench/package.json'));
const PDFDocument = require('pdfkit');
const fontBytes = { regular: readFileSync(join(FONTS, 'NotoSans-Regular.ttf')), bold: readFileSync(join(FONTS, 'NotoSans-Bold.ttf')) };
const drawByHand = () => new Promise((done) => {
  const doc = new PDFDocument({ size: 'A4', margin: 56, info: { CreationDate: new Date(0) } });
  const chunks = [];
  doc.on('data', (c) => chunks.push(c));
  doc.on('end', () => done(Buffer.concat(chunks)));
  doc.registerFont('regular', fontBytes.regular);
  doc.registerFont('bold', fontBytes.bold);
  doc.font('bold').fontSize(14).text(text.title, { align: 'left' }).moveDown();
  doc.font('regular').fontSize(10).text(text.paragraphs.join('\n\n'), { columns: 2, columnGap: 18, align: 'justify' });
  doc.end();
});
const byHand = await timeRuns(drawByHand);
row('pdfkit by hand, font files read once', byHand, 1000 / byHand.median, undefined, undefined, `pressroom / pdfkit = ${fmt(warm.median / byHand.median, 2)}×`);

// 4. Typst, through its Node binding, when it installed.
try {
  const { NodeCompiler } = require('@myriaddreamin/typst-ts-node-compiler');
  const typst = NodeCompiler.create({ fontArgs: [{ fontPaths: [FONTS] }] });
  const str = (s) => `#"${s.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
  const source = `#set page(paper: "a4", margin: 2cm, columns: 2)\n#set text(font: "Noto Sans", size: 10pt)\n#set par(justify: true)\n#place(top, float: true, scope: "parent")[#text(size: 14pt, weight: "bold")[${str(text.title)}]]\n${text.paragraphs.map(str).join('\n\n')}\n`;
  // A different title each run, so Typst's memoisation cannot return the previous document unchanged.
  let run = 0;
  const compile = () => typst.pdf({ mainFileContent: source.replace(text.title.slice(0, 20), `${text.title.slice(0, 20)} ${run++}`) });
  const t = await timeRuns(compile);
  row('Typst (typst-ts-node-compiler)', t, 1000 / t.median, undefined, undefined, `pressroom / Typst = ${fmt(warm.median / t.median, 2)}×`);
} catch (err) {
  row('Typst (typst-ts-node-compiler)', undefined, undefined, undefined, undefined, `skipped: ${err.message.split('\n')[0]}`);
}

// 5. Batches of the generated corpus at 1 and N workers, each in its own process (its peak RSS is the batch's).
const corpus = await writeCorpus(SEED, join(out, 'corpus'), COUNT);
const batch = (jobs) => JSON.parse(execFileSync(process.execPath, [join(ROOT, 'bench/batch.mjs'), corpus, join(out, `out-${jobs}`), String(jobs)], { encoding: 'utf8', maxBuffer: 16 * MiB }).trim().split('\n').pop());
const one = batch(1);
const many = JOBS > 1 ? batch(JOBS) : one;
for (const [jobs, b] of [[1, one], [JOBS, many]]) {
  if (jobs === JOBS && JOBS === 1) break;
  row(`pressroom batch, ${COUNT} releases, --jobs ${jobs}`, undefined, b.docsPerSecond, b.peakRss, undefined, `${b.rendered} rendered, ${b.failed} failed in ${fmt(b.ms / 1000, 2)} s; RSS after 1,000: ${fmt(b.rssAfterFirstThousand / MiB, 0)} MiB, at end: ${fmt(b.rssAtEnd / MiB, 0)} MiB`);
}

// 6. The table.
console.log(`\npressroom bench: node ${process.version}, ${availableParallelism()} cores, warm runs ${RUNS} after ${WARM_UP} warm-up, corpus ${COUNT}\n`);
console.log('| tool | warm ms/doc (median) | docs/s | peak RSS | cold process, one doc | notes |');
console.log('| --- | --- | --- | --- | --- | --- |');
for (const r of rows) console.log(`| ${r.tool} | ${r.warm ? fmt(r.warm.median) : '—'} | ${fmt(r.perSecond)} | ${r.rss ? `${fmt(r.rss / MiB, 0)} MiB` : '—'} | ${r.cold ? `${fmt(r.cold, 0)} ms` : '—'} | ${r.note} |`);
if (JOBS > 1) console.log(`\nscaling 1 → ${JOBS} workers: ${fmt(many.docsPerSecond / one.docsPerSecond, 2)}×`);
