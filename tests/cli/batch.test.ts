// The render command as a batch, spawned as a user runs it: summary, report, skip/force, stdout, Ctrl-C.
import { spawn, spawnSync } from 'node:child_process';
import { copyFile, mkdir, mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(fileURLToPath(new URL('.', import.meta.url)), '../..');
const BIN = join(ROOT, 'bin', 'pressroom.js');
const SEED = join(ROOT, 'fixtures/releases/161a07.md');
/** Generous for slow CI machines; each test stays well below it here. */
const TEST_TIMEOUT_MS = 30_000;

/** Runs `pressroom ...args`, stdout as bytes. */
function pressroom(args: string[], input?: string | Buffer) {
  const run = spawnSync(process.execPath, [BIN, ...args], { cwd: ROOT, input, timeout: TEST_TIMEOUT_MS, env: { ...process.env, PRESSROOM_DEBUG: '' } });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr.toString('utf8') };
}

/** The summary line that ends stderr. */
const summaryOf = (stderr: string) => stderr.trimEnd().split('\n').pop()!;

/** True for a complete PDF file: the header at the start, the end-of-file marker at the end. */
const isCompletePdf = (bytes: Buffer) => bytes.subarray(0, 5).toString('latin1') === '%PDF-' && bytes.toString('latin1').trimEnd().endsWith('%%EOF');

describe('pressroom render (batch)', { timeout: TEST_TIMEOUT_MS }, () => {
  it('should render the good inputs, fail the bad one, summarise all, write the report, then skip what is up to date', async () => {
    const out = await mkdtemp(join(tmpdir(), 'pressroom-batch-'));
    const args = ['render', 'fixtures/releases/161a07.md', 'fixtures/releases/plain-notice.json', 'fixtures/invalid/missing-title.md', '-o', out, '--report', join(out, 'report.json')];
    const first = pressroom(args);
    expect(first.code).toBe(1);
    expect(summaryOf(first.stderr)).toMatch(/^rendered 2, skipped 0, failed 1; \d+ pages? in [\d.]+ s \([\d.]+ docs\/s\)$/);
    const report = JSON.parse(await readFile(join(out, 'report.json'), 'utf8'));
    expect(report.summary).toMatchObject({ rendered: 2, skipped: 0, failed: 1, interrupted: false });
    expect(report.records.map((r: { input: string; status: string; output: string }) => [r.input, r.status, r.output])).toEqual([
      ['fixtures/invalid/missing-title.md', 'failed', join(out, 'missing-title.pdf')],
      ['fixtures/releases/161a07.md', 'rendered', join(out, '161a07.pdf')],
      ['fixtures/releases/plain-notice.json', 'rendered', join(out, 'plain-notice.pdf')],
    ]);
    expect(report.records[0].diagnostics[0]).toMatchObject({ severity: 'error', line: 2, column: 1, message: 'missing required field "title"' });
    expect(report.records[1].pages).toBeGreaterThan(0);
    expect(typeof report.records[1].ms).toBe('number');

    const second = pressroom(args.slice(0, 3).concat(['-o', out]));
    expect(second.code).toBe(0);
    expect(second.stdout.toString()).toContain(`up to date ${join(out, '161a07.pdf')}`);
    expect(summaryOf(second.stderr)).toMatch(/^rendered 0, skipped 2, failed 0;/);
    const forced = pressroom(args.slice(0, 3).concat(['-o', out, '--force', '--quiet']));
    expect(forced.stdout.toString()).toBe('');
    expect(summaryOf(forced.stderr)).toMatch(/^rendered 2, skipped 0, failed 0;/);
  });

  it('should refuse a report path it cannot write before rendering anything, as a usage error', async () => {
    const out = await mkdtemp(join(tmpdir(), 'pressroom-batch-'));
    await writeFile(join(out, 'file'), 'x');
    const run = pressroom(['render', 'fixtures/releases/161a07.md', '-o', join(out, 'pdfs'), '--report', join(out, 'file', 'report.json')]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(`${join(out, 'file', 'report.json')}: error: cannot write the file`);
    expect(await readdir(out)).toEqual(['file']);
  });

  it('should leave no report folder behind when -o is refused after the report was begun', async () => {
    const out = await mkdtemp(join(tmpdir(), 'pressroom-batch-'));
    const run = pressroom(['render', 'fixtures/releases/161a07.md', 'fixtures/releases/plain-notice.json', '-o', join(out, 'one.pdf'), '--report', join(out, 'new', 'deeper', 'report.json')]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('-o names one PDF file, but there are 2 releases');
    expect(await readdir(out)).toEqual([]);
  });

  it('should write the PDF to stdout for a release on stdin, and for -o -', async () => {
    const fromStdin = pressroom(['render', '-'], await readFile(SEED));
    expect(fromStdin.code).toBe(0);
    expect(isCompletePdf(fromStdin.stdout)).toBe(true);
    expect(summaryOf(fromStdin.stderr)).toMatch(/^rendered 1, skipped 0, failed 0; 1 page in/);
    const dashO = pressroom(['render', 'fixtures/releases/161a07.md', '-o', '-']);
    expect(dashO.code).toBe(0);
    expect(isCompletePdf(dashO.stdout)).toBe(true);
  });

  it('should read a list of paths from stdin with --stdin-list', async () => {
    const out = await mkdtemp(join(tmpdir(), 'pressroom-batch-'));
    const run = pressroom(['render', '--stdin-list', '-o', out, '--jobs', '1'], 'fixtures/releases/161a07.md\n\nfixtures/releases/plain-notice.json\n');
    expect(run.code).toBe(0);
    expect((await readdir(out)).filter((f) => f.endsWith('.pdf')).sort()).toEqual(['161a07.pdf', 'plain-notice.pdf']);
  });

  it('should finish what is in flight on Ctrl-C, leave only complete PDFs, exit 130, and complete only the rest on a re-run', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'pressroom-interrupt-'));
    await mkdir(join(dir, 'in'));
    const COPIES = 30;
    for (let i = 0; i < COPIES; i++) await copyFile(SEED, join(dir, 'in', `r${String(i).padStart(2, '0')}.md`));
    const child = spawn(process.execPath, [BIN, 'render', join(dir, 'in'), '-o', join(dir, 'out'), '--jobs', '1'], { cwd: ROOT });
    let stdout = '';
    let stderr = '';
    child.stderr.on('data', (c: Buffer) => void (stderr += c.toString()));
    child.stdout.on('data', (c: Buffer) => {
      if (!stdout.includes('wrote ') && (stdout += c.toString()).includes('wrote ')) child.kill('SIGINT');
      else stdout += c.toString();
    });
    const code = await new Promise<number | null>((done) => child.on('close', done));
    expect(code).toBe(130);
    expect(stderr).toContain('interrupted: finishing the releases in progress');
    expect(summaryOf(stderr)).toMatch(/^interrupted: rendered \d+, skipped 0, failed 0;/);
    const files = await readdir(join(dir, 'out'));
    expect(files.filter((f) => f.endsWith('.tmp'))).toEqual([]);
    const pdfs = files.filter((f) => f.endsWith('.pdf'));
    expect(pdfs.length).toBeGreaterThan(0);
    expect(pdfs.length).toBeLessThan(COPIES);
    for (const f of pdfs) expect(isCompletePdf(await readFile(join(dir, 'out', f))), f).toBe(true);

    const rerun = pressroom(['render', join(dir, 'in'), '-o', join(dir, 'out'), '--quiet']);
    expect(rerun.code).toBe(0);
    expect(summaryOf(rerun.stderr)).toMatch(new RegExp(`^rendered ${COPIES - pdfs.length}, skipped ${pdfs.length}, failed 0;`));
  });
});
