// The typographic report of the fixture corpus: per-paragraph spacing and hyphenation figures, pagination faults, and
// evenness measured the same way from the PDFs of ours (total fit), ours (first fit) and Apache FOP.
// Usage: npm run typo-report [-- fixture-name ...]   (exit 1 when any overfull line, widow, orphan, lone heading or missing glyph)
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadSource } from '../src/load/loadSource.js';
import { layoutRelease, renderRelease } from '../src/render.js';
import type { TypoStats } from '../src/typeset/typoStats.js';

const ROOT = resolve(fileURLToPath(new URL('..', import.meta.url)));
const FIXTURES_DIR = join(ROOT, 'fixtures/releases');
/** Points per millimetre. */
const MM = 72 / 25.4;
/** Natural inter-word space of Noto Sans: its space glyph advances 0.26 em. */
const SPACE_EM = 0.26;
/** A line "reaches the right edge" when its last word ends within this many points of the column's right edge. */
const EDGE_TOLERANCE = 1;
/** Gaps narrower than this fraction of a natural space are not word spaces (kerning, narrow no-break spaces split by pdftotext). */
const MIN_GAP_RATIO = 0.3;

/** The main column of each layout (read off its template) and the size of its justified body text. */
const COLUMNS: Record<string, { left: number; right: number; bodySize: number }> = {
  // margin-left 14 mm + region-body margin-left 48 mm; page 210 mm − margin-right 16 mm; paragraphs at 9.5 pt.
  'coe-press-release': { left: 62 * MM, right: 194 * MM, bodySize: 9.5 },
  // margins 25 mm on both sides; the flow at 10.5 pt.
  'plain-letterhead': { left: 25 * MM, right: 185 * MM, bodySize: 10.5 },
};

type Breaking = 'total-fit' | 'first-fit';

/** Evenness figures of one PDF: the inter-word gap of the lines measured, relative to the natural space. */
interface Evenness {
  lines: number;
  mean: number;
  max: number;
  sd: number;
}

interface FixtureResult {
  name: string;
  layout: string;
  stats: Record<Breaking, TypoStats> | null;
  error: string | null;
  missingGlyph: boolean;
  evenness: { ours: Evenness | null; firstFit: Evenness | null; fop: Evenness | string | null };
}

const has = (tool: string) => spawnSync('which', [tool], { stdio: 'ignore' }).status === 0;


/** Lays one fixture out both ways and renders its PDFs (ours ×2, FOP) into `dir`. */
async function measureFixture(name: string, dir: string): Promise<FixtureResult> {
  const result: FixtureResult = { name, layout: '?', stats: null, error: null, missingGlyph: false, evenness: { ours: null, firstFit: null, fop: null } };
  try {
    const source = await loadSource(join(FIXTURES_DIR, name));
    const stats = {} as Record<Breaking, TypoStats>;
    let filled: Awaited<ReturnType<typeof layoutRelease>>['filled'] | undefined;
    for (const lineBreaking of ['total-fit', 'first-fit'] as const) {
      const laidOut = await layoutRelease(source, { lineBreaking });
      filled = laidOut.filled;
      result.layout = filled.release.layout;
      stats[lineBreaking] = laidOut.pages.stats;
    }
    result.stats = stats;
    // PDFs for the evenness figures.
    const base = join(dir, name.replace(/\.[^.]+$/, ''));
    const column = COLUMNS[result.layout];
    if (!column || !has('pdftotext')) return result;
    writeFileSync(`${base}.tf.pdf`, (await renderRelease(source, { lineBreaking: 'total-fit' })).pdf);
    writeFileSync(`${base}.ff.pdf`, (await renderRelease(source, { lineBreaking: 'first-fit' })).pdf);
    const oursLines = justifiedLines(wordLines(`${base}.tf.pdf`, column), column);
    result.evenness.ours = evenness(oursLines, column);
    // First fit leaves justified lines unstretched (ratio 0): take the same paragraphs as ours and measure the gap each line would need.
    const keys = new Set(oursLines.map((l) => l.blockKey));
    result.evenness.firstFit = evenness(wordLines(`${base}.ff.pdf`, column).filter((l) => keys.has(l.blockKey) && !l.lastOfBlock && l.words.length > 1), column);
    if (!has('fop')) result.evenness.fop = 'fop not installed';
    else {
      writeFileSync(`${base}.fo`, filled!.text);
      const run = spawnSync('fop', ['-c', join(ROOT, 'fop.xconf'), '-fo', `${base}.fo`, '-pdf', `${base}.fop.pdf`], { cwd: ROOT, encoding: 'utf8' });
      result.evenness.fop = run.status === 0 ? evenness(justifiedLines(wordLines(`${base}.fop.pdf`, column), column), column) : `fop exited ${run.status}`;
    }
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    const diagnostics = (err as { diagnostics?: { message: string }[] }).diagnostics ?? [];
    result.error = [message, ...diagnostics.map((d) => d.message)].join('; ');
    result.missingGlyph = /has a glyph|glyph/i.test(result.error);
  }
  return result;
}

/** A line of words as pdftotext -bbox-layout gives it. */
interface WordLine {
  page: number;
  words: { xMin: number; xMax: number; yMin: number; yMax: number; text: string }[];
  /** The first words of its block (paragraph), to find the same paragraph in another rendering. */
  blockKey: string;
  lastOfBlock: boolean;
  /** Line height / the PDF's modal word height: ≈ font size / body size. */
  relativeHeight: number;
}

/** The lines of the main column of every page, from pdftotext -bbox-layout. */
function wordLines(pdf: string, column: { left: number }): WordLine[] {
  const xml = spawnSync('pdftotext', ['-bbox-layout', pdf, '-'], { encoding: 'utf8', maxBuffer: 64 << 20 }).stdout;
  const lines: WordLine[] = [];
  const pages = xml.split(/<page /).slice(1);
  pages.forEach((page, p) => {
    for (const block of page.split(/<block /).slice(1)) {
      const blockLines = block.split(/<line /).slice(1).map((line) =>
        [...line.matchAll(/<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<\/word>/g)].map((m) => ({ xMin: +m[1], yMin: +m[2], xMax: +m[3], yMax: +m[4], text: m[5] })),
      ).filter((w) => w.length > 0);
      if (blockLines.length === 0 || blockLines[0][0].xMin < column.left - EDGE_TOLERANCE) continue;
      const blockKey = blockLines[0].slice(0, 4).map((w) => w.text).join(' ');
      blockLines.forEach((words, i) => lines.push({ page: p + 1, words, blockKey, lastOfBlock: i === blockLines.length - 1, relativeHeight: 0 }));
    }
  });
  // The modal word height is the body text's: sizes are measured relative to it.
  const counts = new Map<number, number>();
  for (const l of lines) for (const w of l.words) counts.set(Math.round((w.yMax - w.yMin) * 10), (counts.get(Math.round((w.yMax - w.yMin) * 10)) ?? 0) + 1);
  const modal = [...counts.entries()].sort((a, b) => b[1] - a[1])[0]?.[0] ?? 1;
  for (const l of lines) l.relativeHeight = Math.max(...l.words.map((w) => w.yMax - w.yMin)) / (modal / 10);
  return lines;
}

/** Lines of justified paragraphs that are not last lines: they reach the column's right edge, and are not their block's last. */
function justifiedLines(lines: WordLine[], column: { right: number }): WordLine[] {
  return lines.filter((l) => !l.lastOfBlock && l.words.length > 1 && Math.abs(l.words[l.words.length - 1].xMax - column.right) <= EDGE_TOLERANCE);
}

/** Mean gap per line (relative to the natural space at the line's size) as the line would be set justified to the right edge. */
function evenness(lines: WordLine[], column: { right: number; bodySize: number }): Evenness | null {
  const ratios: number[] = [];
  for (const l of lines) {
    const natural = SPACE_EM * column.bodySize * l.relativeHeight;
    const inked = l.words.reduce((s, w) => s + (w.xMax - w.xMin), 0);
    // Words split by narrow spaces are joined: only real word gaps count.
    let gaps = 0;
    for (let i = 1; i < l.words.length; i++) if (l.words[i].xMin - l.words[i - 1].xMax >= MIN_GAP_RATIO * natural) gaps++;
    const narrow = l.words.slice(1).reduce((s, w, i) => { const gap = w.xMin - l.words[i].xMax; return s + (gap > 0 && gap < MIN_GAP_RATIO * natural ? gap : 0); }, 0);
    if (gaps === 0) continue;
    ratios.push((column.right - l.words[0].xMin - inked - narrow) / gaps / natural);
  }
  if (ratios.length === 0) return null;
  const mean = ratios.reduce((a, b) => a + b, 0) / ratios.length;
  const sd = Math.sqrt(ratios.reduce((a, b) => a + (b - mean) ** 2, 0) / ratios.length);
  return { lines: ratios.length, mean, max: Math.max(...ratios), sd };
}

const f2 = (n: number) => n.toFixed(2);
const pad = (s: string | number, n: number) => String(s).padEnd(n);
const lpad = (s: string | number, n: number) => String(s).padStart(n);

function printParagraphs(r: FixtureResult): void {
  const stats = r.stats!;
  console.log(`\n## ${r.name} (${r.layout})`);
  console.log(`  ${pad('paragraph (justified)', 42)} ${lpad('pg', 3)} ${lpad('lines', 5)} | total fit: ${lpad('max', 5)} ${lpad('mean', 5)} ${lpad('hyph', 4)} ${lpad('run', 3)} ${lpad('over', 4)} | first fit: ${lpad('hyph', 4)} ${lpad('over', 4)}`);
  const first = stats['first-fit'].paragraphs;
  stats['total-fit'].paragraphs.forEach((p, i) => {
    if (!p.justified) return;
    const ff = first.find((q) => q.start === p.start) ?? first[i];
    console.log(`  ${pad(JSON.stringify(p.start.slice(0, 38)), 42)} ${lpad(p.page, 3)} ${lpad(p.lines, 5)} |            ${lpad(f2(p.maxRatio), 5)} ${lpad(f2(p.meanRatio), 5)} ${lpad(p.hyphenated, 4)} ${lpad(p.longestHyphenRun, 3)} ${lpad(p.overfull, 4)} |             ${lpad(ff?.hyphenated ?? '-', 4)} ${lpad(ff?.overfull ?? '-', 4)}`);
  });
}

function evenCell(e: Evenness | string | null): string {
  if (e === null) return pad('–', 22);
  if (typeof e === 'string') return pad(`(${e})`.slice(0, 22), 22);
  return pad(`${f2(e.mean)} ${f2(e.max)} ${f2(e.sd)} ${e.lines}`, 22);
}

async function main(): Promise<void> {
  const wanted = process.argv.slice(2);
  const names = readdirSync(FIXTURES_DIR).filter((f) => /\.(md|markdown|json|ya?ml)$/.test(f)).filter((f) => wanted.length === 0 || wanted.some((w) => f.startsWith(w))).sort();
  const dir = mkdtempSync(join(tmpdir(), 'pressroom-typo-'));
  if (!has('pdftotext')) console.log('evenness: skipped, `pdftotext` (poppler-utils) is not installed');
  else if (!has('fop')) console.log('evenness: FOP column skipped, `fop` is not installed');
  const results: FixtureResult[] = [];
  try {
    for (const name of names) results.push(await measureFixture(name, dir));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  console.log('# Typographic report (adjustment ratio: 1 = spaces stretched by their full stretchability, i.e. +50 % of a space)');
  for (const r of results) if (r.stats) printParagraphs(r);
  // Totals.
  console.log('\n# Totals per fixture (total fit | first fit)');
  console.log(`${pad('fixture', 24)} ${lpad('paras', 5)} ${lpad('maxR', 5)} ${lpad('meanR', 5)} ${lpad('hyph', 4)} ${lpad('run', 3)} ${lpad('over', 4)} ${lpad('wid', 3)} ${lpad('orph', 4)} ${lpad('lone', 4)} ${lpad('glyph', 5)} | ${lpad('ff hyph', 7)} ${lpad('ff over', 7)} ${lpad('ff wid', 6)} ${lpad('ff orph', 7)}`);
  let faults = 0;
  let failed = 0;
  for (const r of results) {
    if (!r.stats) {
      failed++;
      faults++;
      console.log(`${pad(r.name, 24)} FAILED${r.missingGlyph ? ' (missing glyph)' : ''}: ${r.error}`);
      continue;
    }
    const t = r.stats['total-fit'];
    const ff = r.stats['first-fit'];
    const justified = t.paragraphs.filter((p) => p.justified && p.lines > 1);
    const maxR = Math.max(0, ...justified.map((p) => p.maxRatio));
    const bodyLines = justified.reduce((s, p) => s + p.lines - 1, 0);
    const meanR = bodyLines ? justified.reduce((s, p) => s + p.meanRatio * (p.lines - 1), 0) / bodyLines : 0;
    const hyph = t.paragraphs.reduce((s, p) => s + p.hyphenated, 0);
    const run = Math.max(0, ...t.paragraphs.map((p) => p.longestHyphenRun));
    faults += t.overfullLines + t.widows + t.orphans + t.loneHeadings;
    console.log(`${pad(r.name, 24)} ${lpad(justified.length, 5)} ${lpad(f2(maxR), 5)} ${lpad(f2(meanR), 5)} ${lpad(hyph, 4)} ${lpad(run, 3)} ${lpad(t.overfullLines, 4)} ${lpad(t.widows, 3)} ${lpad(t.orphans, 4)} ${lpad(t.loneHeadings, 4)} ${lpad(0, 5)} | ${lpad(ff.paragraphs.reduce((s, p) => s + p.hyphenated, 0), 7)} ${lpad(ff.overfullLines, 7)} ${lpad(ff.widows, 6)} ${lpad(ff.orphans, 7)}`);
  }
  console.log(`fixtures failed (missing glyph or other error): ${failed} of ${results.length}`);
  // Evenness.
  console.log('\n# Evenness from the PDFs (pdftotext -bbox-layout): inter-word gap / natural space (0.26 em), lines of justified paragraphs but their last');
  console.log('# columns: mean max sd lines; first fit: the gap each of its lines would need if justified (it leaves them unstretched)');
  console.log(`${pad('fixture', 24)} ${pad('ours (total fit)', 22)} ${pad('first fit', 22)} ${pad('Apache FOP', 22)}`);
  for (const r of results) console.log(`${pad(r.name, 24)} ${evenCell(r.evenness.ours)} ${evenCell(r.evenness.firstFit)} ${evenCell(r.evenness.fop)}`);
  const all = (pick: (r: FixtureResult) => Evenness | string | null) => results.map(pick).filter((e): e is Evenness => e !== null && typeof e !== 'string');
  const pooled = (es: Evenness[]) => {
    const n = es.reduce((s, e) => s + e.lines, 0);
    if (!n) return null;
    const mean = es.reduce((s, e) => s + e.mean * e.lines, 0) / n;
    const sd = Math.sqrt(es.reduce((s, e) => s + e.lines * (e.sd ** 2 + (e.mean - mean) ** 2), 0) / n);
    return { lines: n, mean, max: Math.max(...es.map((e) => e.max)), sd };
  };
  console.log(`${pad('(all fixtures)', 24)} ${evenCell(pooled(all((r) => r.evenness.ours)))} ${evenCell(pooled(all((r) => r.evenness.firstFit)))} ${evenCell(pooled(all((r) => r.evenness.fop)))}`);
  if (faults > 0) {
    console.log(`\nFAIL: ${faults} overfull line(s), widow(s), orphan(s), lone heading(s) or failed fixture(s)`);
    process.exitCode = 1;
  } else console.log('\nOK: no overfull lines, widows, orphans, lone headings or missing glyphs');
}

await main();
