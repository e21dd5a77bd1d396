// pressroom's benchmark (npm run bench; never part of npm test): warm and cold single documents, batches, memory,
// peers, and a PASS/FAIL line per target of issue 5.
// Options: --count N (batch corpus, default 2000: with the engine at ~25 ms/doc, 10,000 takes several minutes; the
// memory targets are for 10,000, so pass --count 10000 for them), --scale N (documents of the 1-vs-N-workers comparison, default
// 1000; also rendered by the renderer alone, the batch's ceiling), --varied N (different documents timed warm, default 200), --runs N (warm runs of the seed, default 200),
// --jobs N (workers, default: cores).
import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { corpusFolder, writeCorpus } from './corpus.mjs';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const SEED = join(ROOT, 'fixtures/releases/161a07.md');
const LONG = join(ROOT, 'fixtures/releases/long-report.md');
const FONTS = join(ROOT, 'fonts');
/** Warm-up renders before measuring: lets the JIT and the caches settle. */
const WARM_UP = 30;
/** Spawns measured for the cold start. */
const COLD_RUNS = 10;
const MiB = 1024 * 1024;
/** The targets of issue 5. */
const TARGET = { msPerDoc: 5, msPerPage: 3, docsPerSecond: 300, scaling: 1.8, peakRssMiB: 250, growthMiB: 10, coldMs: 300 };

const { values } = parseArgs({ options: { count: { type: 'string', default: '2000' }, scale: { type: 'string', default: '1000' }, varied: { type: 'string', default: '200' }, runs: { type: 'string', default: '200' }, jobs: { type: 'string', default: String(availableParallelism()) } } });
const COUNT = Number(values.count);
const SCALE = Math.min(COUNT, Number(values.scale));
const VARIED = Math.min(COUNT, Number(values.varied));
const RUNS = Number(values.runs);
const JOBS = Number(values.jobs);
const benchStarted = performance.now();

const { renderRelease } = await import(join(ROOT, 'dist/index.js'));
const { parseRelease } = await import(join(ROOT, 'dist/release/parseRelease.js'));
const { loadSource } = await import(join(ROOT, 'dist/load/loadSource.js'));

/** Median and 95th percentile of `times`. */
function stats(times) {
  const sorted = [...times].sort((a, b) => a - b);
  return { median: sorted[Math.floor(sorted.length / 2)], p95: sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * 0.95))] };
}

/** Times `fn(i)` for i in 0..runs after WARM_UP calls. */
async function timeRuns(fn, runs = RUNS, warmUp = WARM_UP) {
  for (let i = 0; i < warmUp; i++) await fn(i);
  const times = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    await fn(i);
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

const fmt = (n, digits = 1) => (n === undefined || Number.isNaN(n) ? '—' : n.toFixed(digits));
const mib = (bytes) => `${fmt(bytes / MiB, 0)} MiB`;
const rows = [];
const row = (what, value, note = '') => rows.push({ what, value, note });
const verdicts = [];
const verdict = (ok, what) => verdicts.push(`${ok ? 'PASS' : 'FAIL'}  ${what}`);

const out = await mkdtemp(join(tmpdir(), 'pressroom-bench-'));
const corpus = await writeCorpus(SEED, join(out, 'corpus'), COUNT);
const corpusFile = (i) => join(corpus, corpusFolder(i), `b${String(i).padStart(5, '0')}.md`);

// 1. pressroom, warm, one process: the seed over and over, then different documents, then the long fixture (per page).
const seed = await loadSource(SEED);
const long = await loadSource(LONG);
const seedPages = (await renderRelease(seed)).pages;
const longPages = (await renderRelease(long)).pages;
const warm = await timeRuns(() => renderRelease(seed));
// Each of the first VARIED corpus documents once, after the seed warmed the process: no whole-document work repeats.
const varied = await Promise.all(Array.from({ length: VARIED }, (_, i) => loadSource(corpusFile(i))));
const warmVaried = await timeRuns((i) => renderRelease(varied[i]), VARIED, 0);
const warmLong = await timeRuns(() => renderRelease(long), Math.max(20, Math.floor(RUNS / 10)), 5);
const perPage = (warmLong.median - warm.median) / Math.max(1, longPages - seedPages);
row('warm, seed (161a07, 1 page), one process', `${fmt(warm.median)} ms/doc`, `p95 ${fmt(warm.p95)} ms; ${fmt(1000 / warm.median)} docs/s in one thread`);
row(`warm, ${VARIED} different corpus documents`, `${fmt(warmVaried.median)} ms/doc`, `p95 ${fmt(warmVaried.p95)} ms; each rendered once`);
row('per extra page', `${fmt(perPage, 2)} ms/page`, `${longPages}-page fixture ${fmt(warmLong.median)} ms vs seed`);
verdict(warm.median <= TARGET.msPerDoc, `seed warm median ${fmt(warm.median)} ms/doc ≤ ${TARGET.msPerDoc}`);
verdict(warmVaried.median <= TARGET.msPerDoc, `different documents warm median ${fmt(warmVaried.median)} ms/doc ≤ ${TARGET.msPerDoc}`);
verdict(perPage <= TARGET.msPerPage, `${fmt(perPage, 2)} ms per extra page ≤ ${TARGET.msPerPage}`);

// 2. Cold: a fresh process rendering one release, median of COLD_RUNS.
const coldTimes = [];
for (let i = 0; i < COLD_RUNS; i++) {
  const t = performance.now();
  // A new output file each run: rendering to the same one would skip it as up to date (the manifest) after the first.
  const run = spawnSync(process.execPath, [join(ROOT, 'bin/pressroom.js'), 'render', SEED, '-o', join(out, `cold-${i}.pdf`), '--quiet']);
  coldTimes.push(performance.now() - t);
  if (run.status !== 0) throw new Error(`cold render failed: ${run.stderr}`);
}
const cold = stats(coldTimes);
row('cold: `pressroom render 161a07.md -o new.pdf` in a new process', `${fmt(cold.median, 0)} ms`, `median of ${COLD_RUNS}; p95 ${fmt(cold.p95, 0)} ms`);
verdict(cold.median <= TARGET.coldMs, `cold process ${fmt(cold.median, 0)} ms ≤ ${TARGET.coldMs}`);

// 3. Peers on the seed's text, in the same run: pdfkit by hand (font files read once), and Typst when it installed. Both
// set the title and the body only, in two columns: none of the letterhead, sidebar, footer, tags or metadata of ours.
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
row('peer: pdfkit by hand, font files read once', `${fmt(byHand.median)} ms/doc`, `p95 ${fmt(byHand.p95)} ms (title and body only); pressroom / pdfkit = ${fmt(warm.median / byHand.median, 2)}×`);
try {
  const { NodeCompiler } = require('@myriaddreamin/typst-ts-node-compiler');
  const typst = NodeCompiler.create({ fontArgs: [{ fontPaths: [FONTS] }] });
  const str = (s) => `#"${s.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
  const sourceOf = (t) => `#set page(paper: "a4", margin: 2cm, columns: 2)\n#set text(font: "Noto Sans", size: 10pt)\n#set par(justify: true)\n#place(top, float: true, scope: "parent")[#text(size: 14pt, weight: "bold")[${str(t.title)}]]\n${t.paragraphs.map(str).join('\n\n')}\n`;
  const source = sourceOf(text);
  // A different title each run, so Typst's memoisation cannot return the previous document unchanged. It still
  // returns the body's paragraphs laid out as before: the same seed is as warm for Typst as for pressroom's caches.
  let run = 0;
  const compile = () => typst.pdf({ mainFileContent: source.replace(text.title.slice(0, 20), `${text.title.slice(0, 20)} ${run++}`) });
  const t = await timeRuns(compile);
  row('peer: Typst (typst-ts-node-compiler), the seed', `${fmt(t.median)} ms/doc`, `p95 ${fmt(t.p95)} ms (title and body only); pressroom / Typst = ${fmt(warm.median / t.median, 2)}×`);
  // The different documents pressroom rendered above, each once: nothing of one is memoised for the next.
  const variedSources = varied.map((v) => sourceOf(plainText(parseRelease(v))));
  const tv = await timeRuns((i) => typst.pdf({ mainFileContent: variedSources[i] }), VARIED, 0);
  row(`peer: Typst, the ${VARIED} different documents`, `${fmt(tv.median)} ms/doc`, `p95 ${fmt(tv.p95)} ms; pressroom / Typst = ${fmt(warmVaried.median / tv.median, 2)}×`);
} catch (err) {
  row('peer: Typst (typst-ts-node-compiler)', '—', `skipped: ${err.message.split('\n')[0]}`);
}

// 4. Batches, each in its own process (its RSS is the batch's), writing into a fresh folder as a first run does.
const batch = (jobs, inputs, name) => JSON.parse(execFileSync(process.execPath, [join(ROOT, 'bench/batch.mjs'), join(out, name), String(jobs), ...inputs], { encoding: 'utf8', maxBuffer: 16 * MiB }).trim().split('\n').pop());
const folders = (n) => Array.from({ length: Math.ceil(n / 100) }, (_, i) => join(corpus, corpusFolder(i * 100)));
const batchNote = (b) => `${b.rendered} rendered, ${b.failed} failed in ${fmt(b.ms / 1000, 1)} s; peak RSS ${mib(b.peakRss)}`;
/** CPU ms per document: in all, and by thread where Linux tells it (see processUsage.mjs). */
const cpuNote = (b, docs) => {
  const per = (ms) => fmt(ms / Math.max(1, docs), 2);
  const { total, main, helpers, workers } = b.cpu;
  return main === undefined ? `CPU ${per(total)} ms/doc` : `CPU ms/doc: ${per(total)} in all, workers ${per(workers)}, main thread ${per(main)}, V8 helper and I/O threads ${per(helpers)}`;
};
// Scaling: the same first SCALE documents on 1 worker (in-thread) and on JOBS workers.
const one = batch(1, folders(SCALE), 'scale-1');
const many = batch(JOBS, folders(SCALE), `scale-${JOBS}`);
const scaling = many.docsPerSecond / one.docsPerSecond;
row(`batch, first ${SCALE} documents, --jobs 1`, `${fmt(one.docsPerSecond)} docs/s`, batchNote(one));
row(`batch, first ${SCALE} documents, --jobs ${JOBS}`, `${fmt(many.docsPerSecond)} docs/s`, `${batchNote(many)}; ${cpuNote(many, many.rendered)}; scaling 1 → ${JOBS}: ${fmt(scaling, 2)}×`);
verdict(scaling >= TARGET.scaling, `scaling 1 → ${JOBS} workers ${fmt(scaling, 2)}× ≥ ${TARGET.scaling}×`);
// The ceiling of those JOBS workers: the same documents rendered in memory by JOBS threads, with no dispatch and no
// output; what the batch reaches below it is the batch's own cost, the rest is the renderer's.
const ceilingFiles = Array.from({ length: SCALE }, (_, i) => corpusFile(i));
const ceiling = JSON.parse(execFileSync(process.execPath, [join(ROOT, 'bench/ceiling.mjs'), String(JOBS), ...ceilingFiles], { encoding: 'utf8', maxBuffer: 16 * MiB }).trim().split('\n').pop());
row(`renderer alone, first ${SCALE} documents, ${JOBS} threads, no output`, `${fmt(ceiling.docsPerSecond)} docs/s`, `the batch reaches ${fmt((100 * many.docsPerSecond) / ceiling.docsPerSecond, 0)} % of it; ${cpuNote(ceiling, ceiling.rendered)}`);
// The whole corpus on JOBS workers: throughput, peak RSS, and growth from the first to the last thousand.
const full = batch(JOBS, [corpus], `full-${JOBS}`);
const growth = full.lastWindowPeak - full.firstWindowPeak;
row(`batch, ${COUNT} documents, --jobs ${JOBS}`, `${fmt(full.docsPerSecond)} docs/s`, `${batchNote(full)}; peak RSS during the first ${full.window}: ${mib(full.firstWindowPeak)}, during the last ${full.window}: ${mib(full.lastWindowPeak)}; ${cpuNote(full, full.rendered)}`);
verdict(full.docsPerSecond >= TARGET.docsPerSecond, `${COUNT}-document batch on ${JOBS} workers ${fmt(full.docsPerSecond)} docs/s ≥ ${TARGET.docsPerSecond}`);
verdict(full.peakRss <= TARGET.peakRssMiB * MiB, `${COUNT}-document batch peak RSS ${mib(full.peakRss)} ≤ ${TARGET.peakRssMiB} MiB`);
verdict(growth <= TARGET.growthMiB * MiB, `RSS growth from the first to the last ${full.window} documents ${mib(growth)} ≤ ${TARGET.growthMiB} MiB (GC noise)`);
if (full.failed + one.failed + many.failed > 0) verdict(false, 'every corpus document rendered');
if (COUNT < 10_000) verdicts.push(`(the targets are for 10,000 documents: run with --count 10000 to check them)`);

// 5. The report.
console.log(`\npressroom bench: node ${process.version}, ${availableParallelism()} cores, load average ${fmt(loadavg()[0], 2)} at the end; ${RUNS} warm runs after ${WARM_UP} warm-up; corpus ${COUNT}; ${fmt((performance.now() - benchStarted) / 1000, 0)} s in all\n`);
console.log('| measure | value | notes |');
console.log('| --- | --- | --- |');
for (const r of rows) console.log(`| ${r.what} | ${r.value} | ${r.note} |`);
console.log(`\n${verdicts.join('\n')}`);
