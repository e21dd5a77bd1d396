// renderBatch on a worker pool with a fake engine: order, failures, time budget, crashes, skip and force.
import { appendFile, mkdir, mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { renderBatch } from '../../src/batch/renderBatch.js';
import type { BatchOptions, BatchRecord } from '../../src/batch/types.js';

/** The fake engine the workers load (see fakeEngine.mjs). */
const ENGINE = new URL('./fakeEngine.mjs', import.meta.url).href;

/** A temp folder with `in/` holding the given files. */
async function workspace(files: Record<string, string>): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'pressroom-batch-'));
  await mkdir(join(dir, 'in'));
  for (const [name, text] of Object.entries(files)) await writeFile(join(dir, 'in', name), text);
  return dir;
}

/** Renders `dir/in` into `dir/out` on two workers with the fake engine. */
function batch(dir: string, options: BatchOptions = {}) {
  return renderBatch([join(dir, 'in')], { output: join(dir, 'out'), jobs: 2, engineModule: ENGINE, ...options });
}

const brief = (r: BatchRecord) => `${r.input.split('/').pop()} ${r.status} ${r.pages}`;

describe('renderBatch', { timeout: 10_000 }, () => {
  it('should render the others when one fails, hangs or crashes its worker, in input order', async () => {
    const dir = await workspace({ 'a.md': 'A', 'b.md': 'FAIL', 'c.md': 'HANG', 'd.md': 'CRASH', 'e.md': 'E\nE', 'f.md': 'F', 'g.md': 'G' });
    const emitted: string[] = [];
    const result = await batch(dir, { timeoutMs: 1_000, onRecord: (r) => emitted.push(brief(r)) });
    expect(result.records.map(brief)).toEqual(['a.md rendered 1', 'b.md failed 0', 'c.md failed 0', 'd.md failed 0', 'e.md rendered 2', 'f.md rendered 1', 'g.md rendered 1']);
    expect(emitted).toEqual(result.records.map(brief));
    const [, failed, hung, crashed] = result.records;
    expect(failed!.diagnostics.map((d) => d.message)).toEqual(['the fake engine refuses this']);
    expect(hung!.diagnostics[0]!.message).toBe('rendering took longer than the time budget of 1 s');
    expect(crashed!.diagnostics[0]!.message).toMatch(/^the worker rendering this release crashed/);
    expect(result.summary).toMatchObject({ rendered: 4, skipped: 0, failed: 3, pages: 5, interrupted: false });
    expect((await readdir(join(dir, 'out'))).sort()).toEqual(['.pressroom-manifest.json', 'a.pdf', 'e.pdf', 'f.pdf', 'g.pdf']);
  });

  it('should start a time budget when the render begins, not while it waits in the pool for a worker', async () => {
    // Four renders of 900 ms on two workers (the batch keeps two renders going per worker): the third and fourth
    // begin at ~900 ms and end at ~1,800 ms, past a budget of 1.5 s had it been counted from when they were handed over.
    const dir = await workspace(Object.fromEntries(['a', 'b', 'c', 'd'].map((n) => [`${n}.md`, `${n.toUpperCase()} BUSY 900`])));
    const result = await batch(dir, { timeoutMs: 1_500 });
    expect(result.records.map(brief)).toEqual(['a.md rendered 1', 'b.md rendered 1', 'c.md rendered 1', 'd.md rendered 1']);
  });

  it('should render a release that waited in a worker a crash or a timeout took down, failing only the culprit', async () => {
    // Each worker is given two renders at once, so releases may wait in the worker a crashes or b hangs in (which
    // depends on the order the lanes hand them over): they must render either way. Sent only once, they fail.
    const dir = await workspace({ 'a.md': 'BUSY 300 CRASH', 'b.md': 'BUSY 100 HANG', 'c.md': 'BUSY 300', 'd.md': 'BUSY 300', 'e.md': 'E', 'f.md': 'F' });
    const result = await batch(dir, { timeoutMs: 1_000 });
    expect(result.records.map(brief)).toEqual(['a.md failed 0', 'b.md failed 0', 'c.md rendered 1', 'd.md rendered 1', 'e.md rendered 1', 'f.md rendered 1']);
    expect(result.records[0]!.diagnostics[0]!.message).toMatch(/^the worker rendering this release crashed/);
    expect(result.records[1]!.diagnostics[0]!.message).toBe('rendering took longer than the time budget of 1 s');
  });

  it('should skip up-to-date PDFs, re-render a changed input or a missing PDF, and re-render all with force', async () => {
    const dir = await workspace({ 'a.md': 'A', 'b.md': 'B', 'c.md': 'C' });
    expect((await batch(dir)).summary).toMatchObject({ rendered: 3, skipped: 0 });
    const again = await batch(dir);
    expect(again.records.map(brief)).toEqual(['a.md skipped 1', 'b.md skipped 1', 'c.md skipped 1']);
    await appendFile(join(dir, 'in/b.md'), '\nmore');
    await writeFile(join(dir, 'out/c.pdf'), 'edited');
    const changed = await batch(dir);
    expect(changed.records.map(brief)).toEqual(['a.md skipped 1', 'b.md rendered 2', 'c.md rendered 1']);
    expect(await readFile(join(dir, 'out/c.pdf'), 'utf8')).toBe('%PDF-1.7 C\n%%EOF');
    expect((await batch(dir, { force: true })).summary).toMatchObject({ rendered: 3, skipped: 0 });
    // A forced run records what it rendered, so the next run need not render it again.
    expect((await batch(dir)).summary).toMatchObject({ rendered: 0, skipped: 3 });
  });

  it('should render in this thread with one job, in input order, writing every PDF before it returns', async () => {
    const dir = await workspace(Object.fromEntries(Array.from({ length: 12 }, (_, i) => [`r${String(i).padStart(2, '0')}.md`, i === 3 ? 'FAIL' : `R${i}`])));
    const emitted: string[] = [];
    const result = await batch(dir, { jobs: 1, onRecord: (r) => emitted.push(brief(r)) });
    expect(emitted).toEqual(result.records.map(brief));
    expect(result.records.map((r) => r.status)).toEqual(Array.from({ length: 12 }, (_, i) => (i === 3 ? 'failed' : 'rendered')));
    for (const r of result.records.filter((r) => r.status === 'rendered')) expect(await readFile(r.output!, 'utf8')).toMatch(/^%PDF-1.7 R\d+/);
  });

  it('should start nothing more once stopped, and finish what is in flight', async () => {
    // Renders slower than writes, as real ones are: otherwise the lanes could start every input before the first is written.
    const dir = await workspace(Object.fromEntries(Array.from({ length: 20 }, (_, i) => [`r${String(i).padStart(2, '0')}.md`, `R${i} SLOW`])));
    const stop = new AbortController();
    const result = await batch(dir, { stop: stop.signal, onRecord: () => stop.abort() });
    expect(result.summary.interrupted).toBe(true);
    expect(result.records.length).toBeLessThan(20);
    expect(result.records.every((r) => r.status === 'rendered')).toBe(true);
    const pdfs = (await readdir(join(dir, 'out'))).filter((f) => f.endsWith('.pdf'));
    expect(pdfs.length).toBe(result.records.length);
  });

  it('should abandon renders in flight when aborted, failing them as interrupted', async () => {
    // Three hang on two workers: one of them waits, not yet begun, when the abort comes.
    const dir = await workspace({ 'a.md': 'HANG', 'b.md': 'HANG', 'c.md': 'HANG' });
    const abort = new AbortController();
    setTimeout(() => abort.abort(), 300);
    const result = await batch(dir, { stop: abort.signal, abort: abort.signal });
    expect(result.records.map(brief)).toEqual(['a.md failed 0', 'b.md failed 0', 'c.md failed 0']);
    for (const r of result.records) expect(r.diagnostics[0]!.message).toBe('rendering was interrupted');
    expect(result.summary.interrupted).toBe(true);
  });

  it('should emit every record in order and count them all when it keeps none', async () => {
    const dir = await workspace({ 'a.md': 'A', 'b.md': 'FAIL', 'c.md': 'C\nC', 'd.md': 'D' });
    const emitted: string[] = [];
    const kept = await batch(dir, { onRecord: (r) => emitted.push(brief(r)) });
    const streamed: string[] = [];
    const result = await batch(dir, { force: true, keepRecords: false, onRecord: (r) => streamed.push(brief(r)) });
    expect(result.records).toEqual([]);
    expect(streamed).toEqual(emitted);
    expect(streamed).toEqual(['a.md rendered 1', 'b.md failed 0', 'c.md rendered 2', 'd.md rendered 1']);
    expect({ ...result.summary, ms: 0 }).toEqual({ ...kept.summary, ms: 0 });
    expect(result.summary).toMatchObject({ rendered: 3, skipped: 0, failed: 1, pages: 4 });
  });

  it('should report inputs that match nothing as failed records', async () => {
    const dir = await workspace({ 'a.md': 'A' });
    await writeFile(join(dir, 'in/b.md'), 'B');
    const result = await renderBatch([join(dir, 'in'), join(dir, 'nope.md')], { output: join(dir, 'out'), jobs: 2, engineModule: ENGINE });
    expect(result.records.map((r) => [r.input, r.status])).toEqual([[join(dir, 'nope.md'), 'failed'], [join(dir, 'in/a.md'), 'rendered'], [join(dir, 'in/b.md'), 'rendered']]);
    expect(result.summary).toMatchObject({ rendered: 2, failed: 1 });
  });
});
