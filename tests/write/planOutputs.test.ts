// planOutputs: each release's PDF goes beside it, mirrored into -o DIR, or to -o FILE; clashes are errors.
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PressroomError } from '../../src/diagnostics/PressroomError.js';
import { outputPathFor, planOutputs, resolveOutputTarget } from '../../src/write/planOutputs.js';

describe('outputPathFor', () => {
  it('should put the PDF beside its input when there is no -o', () => {
    expect(outputPathFor('releases/161a07.md', 'releases', { kind: 'beside' })).toBe('releases/161a07.pdf');
    expect(outputPathFor('data.release.json', '.', { kind: 'beside' })).toBe('data.release.pdf');
    expect(outputPathFor('README', '.', { kind: 'beside' })).toBe('README.pdf');
  });

  it('should mirror the path below the input root into the -o folder', () => {
    expect(outputPathFor('releases/2007/161a07.md', 'releases', { kind: 'folder', dir: 'out' })).toBe('out/2007/161a07.pdf');
    expect(outputPathFor('releases/161a07.md', 'releases', { kind: 'folder', dir: 'out/' })).toBe('out/161a07.pdf');
  });

  it('should write the named file for -o FILE', () => {
    expect(outputPathFor('releases/161a07.md', 'releases', { kind: 'file', file: 'press.pdf' })).toBe('press.pdf');
  });
});

describe('resolveOutputTarget', () => {
  it('should read -o as a folder when it exists, ends with a slash, or several releases share it', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'pressroom-out-'));
    expect(await resolveOutputTarget(undefined, 3)).toEqual({ kind: 'beside' });
    expect(await resolveOutputTarget(dir, 1)).toEqual({ kind: 'folder', dir });
    expect(await resolveOutputTarget('new/', 1)).toEqual({ kind: 'folder', dir: 'new/' });
    expect(await resolveOutputTarget(join(dir, 'new'), 2)).toEqual({ kind: 'folder', dir: join(dir, 'new') });
    expect(await resolveOutputTarget(join(dir, 'one.pdf'), 1)).toEqual({ kind: 'file', file: join(dir, 'one.pdf') });
  });

  it('should refuse one .pdf file for several releases', async () => {
    const err = await resolveOutputTarget('/nonexistent/press.pdf', 2).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(PressroomError);
    expect((err as PressroomError).diagnostics[0].message).toBe('-o names one PDF file, but there are 2 releases');
  });
});

describe('planOutputs', () => {
  it('should report both inputs that would write the same PDF, and keep the others', () => {
    const inputs = [
      { path: 'r/a.json', root: 'r' },
      { path: 'r/a.md', root: 'r' },
      { path: 'r/b.md', root: 'r' },
      { path: 's/b.md', root: 's' },
    ];
    const plan = planOutputs(inputs, { kind: 'folder', dir: 'out' });
    expect(plan.outputs).toEqual([]);
    expect(plan.diagnostics.map((d) => `${d.file}: ${d.message}`)).toEqual([
      'r/a.json: r/a.md would also be written to out/a.pdf',
      'r/a.md: r/a.json would also be written to out/a.pdf',
      'r/b.md: s/b.md would also be written to out/b.pdf',
      's/b.md: r/b.md would also be written to out/b.pdf',
    ]);
    const beside = planOutputs(inputs, { kind: 'beside' });
    expect(beside.outputs.map((o) => o.output)).toEqual(['r/b.pdf', 's/b.pdf']);
    expect(beside.diagnostics.map((d) => d.file)).toEqual(['r/a.json', 'r/a.md']);
  });

  it('should refuse stdin without -o FILE, and a PDF that would overwrite its input', () => {
    const plan = planOutputs([{ path: '-', root: '.' }, { path: 'x.pdf', root: '.' }], { kind: 'beside' });
    expect(plan.outputs).toEqual([]);
    expect(plan.diagnostics.map((d) => `${d.file}: ${d.message}`)).toEqual([
      '<stdin>: a release read from stdin needs a file to write',
      'x.pdf: the PDF would overwrite its own input',
    ]);
    expect(planOutputs([{ path: '-', root: '.' }], { kind: 'file', file: 'o.pdf' }).outputs).toEqual([{ input: { path: '-', root: '.' }, output: 'o.pdf' }]);
  });
});
