// The render command's wiring, in process, with the engine replaced by a fake: outputs, messages, exit codes.
import { mkdir, mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { runRender } from '../../src/cli/renderCommand.js';
import type { CliIo } from '../../src/cli/types.js';
import { PressroomError } from '../../src/diagnostics/PressroomError.js';

// The fake engine: a release whose text contains "FAIL" fails with a diagnostic, "CRASH" throws a bug; others give a 2-page "PDF" of their text.
vi.mock('../../src/render.js', async (importOriginal) => ({
  ...(await importOriginal<typeof import('../../src/render.js')>()),
  renderRelease: async (source: { path: string; text: string }) => {
    if (source.text.includes('FAIL')) throw new PressroomError([{ severity: 'error', file: source.path, line: 3, column: 5, message: 'the fake engine refuses this', hint: 'remove FAIL' }]);
    if (source.text.includes('CRASH')) throw new TypeError('boom');
    return { pdf: new TextEncoder().encode(`%PDF ${source.text}`), pages: 2, diagnostics: [] };
  },
}));

/** The summary line that ends every batch on stderr, with its figures made comparable. */
const SUMMARY = /(rendered \d+, skipped \d+, failed \d+; \d+ pages?) in [\d.]+ s \([\d.]+ docs\/s\)\n$/;

/** stderr without its summary line. */
const withoutSummary = (stderr: string) => stderr.replace(SUMMARY, '');

/** An io that collects what the command prints. */
function collectingIo(): CliIo & { stdout: string; stderr: string } {
  const io = { stdout: '', stderr: '', out: (t: string) => void (io.stdout += t), err: (t: string) => void (io.stderr += t) };
  return io;
}

/** A temp folder with `releases/` holding the given files. */
async function workspace(files: Record<string, string>): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'pressroom-render-'));
  for (const [name, text] of Object.entries(files)) {
    await mkdir(join(dir, 'releases', name, '..'), { recursive: true });
    await writeFile(join(dir, 'releases', name), text);
  }
  return dir;
}

describe('runRender', () => {
  it('should write each PDF beside its input when there is no -o', async () => {
    const dir = await workspace({ 'a.md': 'A', 'sub/b.json': 'B' });
    const io = collectingIo();
    expect(await runRender(io, { jobs: 1, inputs: [join(dir, 'releases')] })).toBe(0);
    expect(io.stdout).toBe(`wrote ${join(dir, 'releases/a.pdf')} (2 pages)\nwrote ${join(dir, 'releases/sub/b.pdf')} (2 pages)\n`);
    expect(await readFile(join(dir, 'releases/sub/b.pdf'), 'utf8')).toBe('%PDF B');
  });

  it('should mirror folders into -o DIR, creating them', async () => {
    const dir = await workspace({ 'a.md': 'A', 'sub/b.md': 'B' });
    const io = collectingIo();
    expect(await runRender(io, { jobs: 1, inputs: [join(dir, 'releases')], output: join(dir, 'out') })).toBe(0);
    expect(await readdir(join(dir, 'out'))).toEqual(['a.pdf', 'sub']);
    expect(await readdir(join(dir, 'out/sub'))).toEqual(['b.pdf']);
  });

  it('should render the others when one fails, print its diagnostics, exit 1 and write no PDF for it', async () => {
    const dir = await workspace({ 'a.md': 'A', 'b.md': 'FAIL', 'c.md': 'CRASH' });
    const io = collectingIo();
    expect(await runRender(io, { jobs: 1, inputs: [join(dir, 'releases')], output: join(dir, 'out/') })).toBe(1);
    expect(io.stdout).toBe(`wrote ${join(dir, 'out/a.pdf')} (2 pages)\n`);
    expect(withoutSummary(io.stderr)).toBe(`${join(dir, 'releases/b.md')}:3:5: error: the fake engine refuses this\n  hint: remove FAIL\n${join(dir, 'releases/c.md')}: internal error: boom\n`);
    expect(await readdir(join(dir, 'out'))).toEqual(['a.pdf']);
  });

  it('should keep the old PDF when a render fails', async () => {
    const dir = await workspace({ 'a.md': 'FAIL' });
    await writeFile(join(dir, 'releases/a.pdf'), 'old');
    expect(await runRender(collectingIo(), { jobs: 1, inputs: [join(dir, 'releases/a.md')] })).toBe(1);
    expect(await readFile(join(dir, 'releases/a.pdf'), 'utf8')).toBe('old');
  });

  it('should write one named file for -o FILE, and fail both inputs that would share a PDF', async () => {
    const dir = await workspace({ 'a.md': 'A', 'x.md': 'X', 'x.json': 'X' });
    const io = collectingIo();
    expect(await runRender(io, { jobs: 1, inputs: [join(dir, 'releases/a.md')], output: join(dir, 'named.pdf') })).toBe(0);
    expect(await readFile(join(dir, 'named.pdf'), 'utf8')).toBe('%PDF A');
    const clash = collectingIo();
    expect(await runRender(clash, { jobs: 1, inputs: [join(dir, 'releases/x.md'), join(dir, 'releases/x.json')] })).toBe(1);
    expect(clash.stdout).toBe('');
    expect(clash.stderr.split('\n').filter((l) => l.includes('error:'))).toHaveLength(2);
    expect(clash.stderr).toMatch(/rendered 0, skipped 0, failed 2; 0 pages in/);
  });

  it('should report a missing output folder for -o FILE as a failure of that release', async () => {
    const dir = await workspace({ 'a.md': 'A' });
    const io = collectingIo();
    expect(await runRender(io, { jobs: 1, inputs: [join(dir, 'releases/a.md')], output: join(dir, 'missing/a.pdf') })).toBe(1);
    expect(io.stderr).toMatch(/^.*missing\/a\.pdf: error: cannot write the file: the folder .*missing does not exist\n/);
  });
});
