// File-system faults through the CLI: exit code, the `file[:line:col]: error: message` line, and no PDF or temp file left behind. (Ctrl-C during a batch: tests/cli/batch.test.ts.)
import { spawnSync } from 'node:child_process';
import { chmodSync, copyFileSync, mkdirSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { errorsOf, ROOT } from './helpers.js';

const BIN = join(ROOT, 'bin', 'pressroom.js');
/** Each case spawns a fresh Node process that may render: generous, for slow CI machines. */
const SPAWN_TIMEOUT_MS = 60_000;
const IS_ROOT = process.getuid?.() === 0;
const NOTICE = join(ROOT, 'fixtures/releases/plain-notice.json');

/** Runs `pressroom ...args` from the repository root. */
function pressroom(args: string[]) {
  const run = spawnSync(process.execPath, [BIN, ...args], { cwd: ROOT, encoding: 'utf8', timeout: SPAWN_TIMEOUT_MS, env: { ...process.env, PRESSROOM_DEBUG: '' } });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

/** The error lines of stderr (no hints, no summary). */
const errorLines = (stderr: string) => stderr.split('\n').filter((l) => l.includes(': error: '));

/** Every file below `dir` (recursively), relative to it: to see that no PDF and no temp file was left. */
function filesBelow(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name).slice(dir.length + 1)).sort();
}

/** A fresh temporary folder. */
const temp = () => mkdtempSync(join(tmpdir(), 'pressroom-hostile-fs-'));

describe('file-system faults', { timeout: SPAWN_TIMEOUT_MS }, () => {
  it('should fail an input that is a folder holding no releases, and a glob with no match', () => {
    const dir = temp();
    mkdirSync(join(dir, 'empty.md'));
    const run = pressroom(['render', join(dir, 'empty.md'), `${dir}/nothing/**/*.md`, '-o', join(dir, 'out/')]);
    expect(run.code).toBe(1);
    expect(errorLines(run.stderr)).toEqual([`${join(dir, 'empty.md')}: error: the folder holds no release files`, `${dir}/nothing/**/*.md: error: the glob matches no release files`]);
    expect(filesBelow(dir)).toEqual([]);
  });

  it('should fail a release that is a folder when named as the one input of validate', () => {
    const dir = temp();
    mkdirSync(join(dir, 'x.md'));
    mkdirSync(join(dir, 'x.md', 'sub'));
    const run = pressroom(['validate', join(dir, 'x.md')]);
    expect(run.code).toBe(1);
    expect(errorLines(run.stderr)).toEqual([`${join(dir, 'x.md')}: error: the folder holds no release files`]);
  });

  it.skipIf(IS_ROOT)(`should fail an unreadable input, naming it${IS_ROOT ? ' (skipped: running as root, where chmod 000 does not stop reading)' : ''}`, () => {
    const dir = temp();
    copyFileSync(NOTICE, join(dir, 'u.json'));
    chmodSync(join(dir, 'u.json'), 0o000);
    const run = pressroom(['render', join(dir, 'u.json')]);
    expect(run.code).toBe(1);
    expect(errorLines(run.stderr)).toEqual([`${join(dir, 'u.json')}: error: the file cannot be read (permission denied)`]);
    expect(filesBelow(dir)).toEqual(['u.json']);
  });

  it('should fail -o FILE in a folder that does not exist, writing nothing', () => {
    const dir = temp();
    const run = pressroom(['render', NOTICE, '-o', join(dir, 'missing', 'x.pdf')]);
    expect(run.code).toBe(1);
    expect(errorLines(run.stderr)).toEqual([`${join(dir, 'missing', 'x.pdf')}: error: cannot write the file: the folder ${join(dir, 'missing')} does not exist`]);
    expect(filesBelow(dir)).toEqual([]);
  });

  it('should fail -o DIR/ when DIR is a file, leaving the file as it was', () => {
    const dir = temp();
    writeFileSync(join(dir, 'file'), 'not a folder');
    const run = pressroom(['render', NOTICE, '-o', `${join(dir, 'file')}/`]);
    expect(run.code).toBe(1);
    expect(errorLines(run.stderr)).toEqual([expect.stringMatching(new RegExp(`^${join(dir, 'file', 'plain-notice.pdf')}: error: cannot write the file`))]);
    expect(filesBelow(dir)).toEqual(['file']);
  });

  it.skipIf(IS_ROOT)(`should fail a read-only output folder, writing nothing${IS_ROOT ? ' (skipped: running as root, where a read-only folder is still writable)' : ''}`, () => {
    const dir = temp();
    mkdirSync(join(dir, 'ro'));
    chmodSync(join(dir, 'ro'), 0o555);
    const run = pressroom(['render', NOTICE, '-o', `${join(dir, 'ro')}/`]);
    expect(run.code).toBe(1);
    expect(errorLines(run.stderr)).toEqual([expect.stringMatching(new RegExp(`^${join(dir, 'ro', 'plain-notice.pdf')}: error: cannot write the file`))]);
    expect(filesBelow(dir)).toEqual([]);
  });

  it('should fail both inputs that map to the same PDF (n.md and n.json), and still render the others', () => {
    const dir = temp();
    copyFileSync(join(ROOT, 'fixtures/releases/161a07.md'), join(dir, 'n.md'));
    copyFileSync(NOTICE, join(dir, 'n.json'));
    copyFileSync(NOTICE, join(dir, 'other.json'));
    const run = pressroom(['render', dir, '--jobs', '1']);
    expect(run.code).toBe(1);
    expect(errorLines(run.stderr)).toEqual([
      `${join(dir, 'n.json')}: error: ${join(dir, 'n.md')} would also be written to ${join(dir, 'n.pdf')}`,
      `${join(dir, 'n.md')}: error: ${join(dir, 'n.json')} would also be written to ${join(dir, 'n.pdf')}`,
    ]);
    expect(run.stderr).toMatch(/rendered 1, skipped 0, failed 2;/);
    expect(filesBelow(dir)).toEqual(['.pressroom-manifest.json', 'n.json', 'n.md', 'other.json', 'other.pdf']);
  });

  /** Mounts a 16 kB tmpfs (root only): too small for any PDF. Returns undefined where mounting is not possible. */
  function tinyDisk(): { dir: string; unmount: () => void } | undefined {
    const dir = temp();
    if (spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=16k', 'tmpfs', dir]).status !== 0) return undefined;
    return { dir, unmount: () => spawnSync('umount', [dir]) };
  }

  it.skipIf(!IS_ROOT || process.platform !== 'linux')(`should fail a write to a full disk, leaving no PDF and no temp file${IS_ROOT ? '' : ' (skipped: needs root to mount a 16 kB tmpfs)'}`, (ctx) => {
    const disk = tinyDisk();
    if (!disk) return ctx.skip('mount -t tmpfs is not permitted here');
    try {
      const run = pressroom(['render', NOTICE, '-o', `${disk.dir}/`]);
      expect(run.code).toBe(1);
      expect(errorLines(run.stderr)).toEqual([`${join(disk.dir, 'plain-notice.pdf')}: error: cannot write the file: the disk is full`]);
      expect(filesBelow(disk.dir).filter((f) => f !== '.pressroom-manifest.json')).toEqual([]);
    } finally {
      disk.unmount();
    }
  });

  it('should refuse a folder given to the API as a release path', async () => {
    const { renderRelease } = await import('../../src/index.js');
    const dir = temp();
    expect(await errorsOf(() => renderRelease(dir))).toEqual([`${dir}: error: the input is a directory, not a release file`]);
  });

  it('should fail every hostile data fixture in one batch with its expected lines, exit 1, and write no PDF', () => {
    const dir = temp();
    const fixtures = ['wrong-types.md', 'proto-key.json', 'js-front-matter.md', 'surrogate-escape.json', 'deep-emphasis.md'];
    const run = pressroom(['render', ...fixtures.map((f) => `fixtures/hostile/data/${f}`), '-o', `${dir}/`]);
    expect(run.code).toBe(1);
    const expected = fixtures.sort().flatMap((f) => spawnSync('cat', [join(ROOT, 'fixtures/hostile/data', `${f}.expected`)], { encoding: 'utf8' }).stdout.trimEnd().split('\n'));
    expect(errorLines(run.stderr)).toEqual(expected);
    expect(run.stderr).toMatch(/rendered 0, skipped 0, failed 5;/);
    expect(filesBelow(dir).filter((f) => f.endsWith('.pdf') || f.includes('.tmp'))).toEqual([]);
  });
});
