// expandInputs: files, folders and globs become one sorted list of release files; bad inputs become diagnostics.
import { execFileSync } from 'node:child_process';
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { expandInputs } from '../../src/load/expandInputs.js';

/** A temp folder holding the given files (each with placeholder content). */
async function folderWith(files: string[]): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'pressroom-inputs-'));
  for (const f of files) {
    await mkdir(dirname(join(dir, f)), { recursive: true });
    await writeFile(join(dir, f), 'x');
  }
  return dir;
}

describe('expandInputs', () => {
  it('should take a file as given, rooted at its own folder', async () => {
    const cwd = await folderWith(['releases/a.md']);
    expect(await expandInputs(['releases/a.md'], { cwd })).toEqual({ inputs: [{ path: 'releases/a.md', root: 'releases' }], diagnostics: [] });
  });

  it('should recurse into folders for release extensions only, skipping hidden files', async () => {
    const cwd = await folderWith(['r/b.md', 'r/a.json', 'r/sub/c.yaml', 'r/sub/d.yml', 'r/e.markdown', 'r/notes.txt', 'r/f.pdf', 'r/.hidden.md', 'r/.git/g.md']);
    const { inputs, diagnostics } = await expandInputs(['r'], { cwd });
    expect(diagnostics).toEqual([]);
    expect(inputs.map((i) => i.path)).toEqual(['r/a.json', 'r/b.md', 'r/e.markdown', 'r/sub/c.yaml', 'r/sub/d.yml']);
    expect(new Set(inputs.map((i) => i.root))).toEqual(new Set(['r']));
  });

  it('should expand a glob from its fixed folders, keeping release files only', async () => {
    const cwd = await folderWith(['r/2007/a.md', 'r/2008/b.md', 'r/2008/b.pdf', 'other/c.md']);
    const { inputs, diagnostics } = await expandInputs(['r/**/*'], { cwd });
    expect(diagnostics).toEqual([]);
    expect(inputs).toEqual([
      { path: 'r/2007/a.md', root: 'r' },
      { path: 'r/2008/b.md', root: 'r' },
    ]);
  });

  it('should accept absolute paths and globs', async () => {
    const dir = await folderWith(['r/a.md', 'r/b.md']);
    const { inputs } = await expandInputs([`${dir}/r/*.md`]);
    expect(inputs).toEqual([
      { path: join(dir, 'r/a.md'), root: join(dir, 'r') },
      { path: join(dir, 'r/b.md'), root: join(dir, 'r') },
    ]);
  });

  it('should sort the releases and list each file once, however it was named', async () => {
    const cwd = await folderWith(['r/b.md', 'r/a.md']);
    const { inputs } = await expandInputs(['r/b.md', './r/b.md', 'r', 'r/*.md'], { cwd });
    expect(inputs.map((i) => i.path)).toEqual(['r/a.md', 'r/b.md']);
  });

  it('should report a missing path and a glob without matches, and go on with the others', async () => {
    const cwd = await folderWith(['r/a.md', 'empty/readme.txt']);
    const { inputs, diagnostics } = await expandInputs(['nope.md', 'r/*.json', 'empty', 'r/a.md'], { cwd });
    expect(inputs.map((i) => i.path)).toEqual(['r/a.md']);
    expect(diagnostics.map((d) => `${d.file}: ${d.message}`)).toEqual([
      'nope.md: no such file or folder',
      'r/*.json: the glob matches no release files',
      'empty: the folder holds no release files',
    ]);
    expect(diagnostics.every((d) => d.severity === 'error' && d.hint)).toBe(true);
  });

  it('should refuse a pipe, naming it as one, and point to standard input', async () => {
    const cwd = await folderWith([]);
    execFileSync('mkfifo', [join(cwd, 'pipe.md')]);
    const { inputs, diagnostics } = await expandInputs(['pipe.md'], { cwd });
    expect(inputs).toEqual([]);
    expect(diagnostics.map((d) => `${d.file}: ${d.message} (${d.hint})`)).toEqual(['pipe.md: not a release file but a pipe, socket or device (pass a release file, or `-` and the release on standard input)']);
  });

  it('should pass `-` through as standard input', async () => {
    expect((await expandInputs(['-'])).inputs).toEqual([{ path: '-', root: '.' }]);
  });
});
