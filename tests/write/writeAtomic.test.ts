// writeAtomic: the PDF appears whole or not at all, and a failure leaves no temp file behind.
import { mkdir, mkdtemp, readdir, readFile, readlink, stat, symlink, writeFile, chmod } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PressroomError } from '../../src/diagnostics/PressroomError.js';
import { AtomicFile, writeAtomic } from '../../src/write/writeAtomic.js';

const bytes = (text: string) => new TextEncoder().encode(text);
const tempFolder = () => mkdtemp(join(tmpdir(), 'pressroom-write-'));

/** Runs `action`, expecting a PressroomError; returns its diagnostics. */
async function failureOf(action: Promise<unknown>) {
  const err = await action.then(() => undefined, (e: unknown) => e);
  expect(err).toBeInstanceOf(PressroomError);
  return (err as PressroomError).diagnostics;
}

describe('writeAtomic', () => {
  it('should write a new file with exactly the bytes given', async () => {
    const dir = await tempFolder();
    await writeAtomic(join(dir, 'a.pdf'), bytes('%PDF-1.7 new'));
    expect(await readFile(join(dir, 'a.pdf'), 'utf8')).toBe('%PDF-1.7 new');
    expect(await readdir(dir)).toEqual(['a.pdf']);
  });

  it('should replace an existing file and keep its permissions', async () => {
    const dir = await tempFolder();
    const target = join(dir, 'a.pdf');
    await writeFile(target, 'old and longer than the new content');
    await chmod(target, 0o640);
    await writeAtomic(target, bytes('new'));
    expect(await readFile(target, 'utf8')).toBe('new');
    expect((await stat(target)).mode & 0o777).toBe(0o640);
    expect(await readdir(dir)).toEqual(['a.pdf']);
  });

  it('should replace a symlink at the target instead of writing through it', async () => {
    const dir = await tempFolder();
    await writeFile(join(dir, 'elsewhere.pdf'), 'untouched');
    await symlink(join(dir, 'elsewhere.pdf'), join(dir, 'a.pdf'));
    await writeAtomic(join(dir, 'a.pdf'), bytes('new'));
    expect(await readFile(join(dir, 'elsewhere.pdf'), 'utf8')).toBe('untouched');
    expect(await readFile(join(dir, 'a.pdf'), 'utf8')).toBe('new');
    await expect(readlink(join(dir, 'a.pdf'))).rejects.toThrow();
  });

  it('should create the folder when asked to', async () => {
    const dir = await tempFolder();
    await writeAtomic(join(dir, 'x', 'y', 'a.pdf'), bytes('new'), { createFolder: true });
    expect(await readFile(join(dir, 'x', 'y', 'a.pdf'), 'utf8')).toBe('new');
  });

  it('should remove the folders it made for a file that is discarded, and only those', async () => {
    const dir = await tempFolder();
    await mkdir(join(dir, 'kept'));
    const file = await AtomicFile.open(join(dir, 'kept', 'x', 'y', 'report.json'), { createFolder: true });
    file.write('{');
    await file.discard();
    expect(await readdir(dir)).toEqual(['kept']);
    expect(await readdir(join(dir, 'kept'))).toEqual([]);
  });

  it('should leave a folder it made that another file came into meanwhile', async () => {
    const dir = await tempFolder();
    const file = await AtomicFile.open(join(dir, 'x', 'y', 'report.json'), { createFolder: true });
    await writeFile(join(dir, 'x', 'other.pdf'), 'other');
    await file.discard();
    expect(await readdir(join(dir, 'x'))).toEqual(['other.pdf']);
  });

  it('should fail naming the target when its folder is missing, and write nothing', async () => {
    const dir = await tempFolder();
    const target = join(dir, 'missing', 'a.pdf');
    const diagnostics = await failureOf(writeAtomic(target, bytes('new')));
    expect(diagnostics).toEqual([
      expect.objectContaining({ severity: 'error', file: target, message: `cannot write the file: the folder ${join(dir, 'missing')} does not exist` }),
    ]);
    expect(await readdir(dir)).toEqual([]);
  });

  it('should fail when the target is a folder, and leave no temp file', async () => {
    const dir = await tempFolder();
    const target = join(dir, 'a.pdf');
    await mkdir(target);
    const diagnostics = await failureOf(writeAtomic(target, bytes('new')));
    expect(diagnostics).toEqual([expect.objectContaining({ file: target, message: 'cannot write the file: a folder has that name' })]);
    expect(await readdir(dir)).toEqual(['a.pdf']);
    expect(await readdir(target)).toEqual([]);
  });

  it('should fail when a path part is a file, not a folder', async () => {
    const dir = await tempFolder();
    await writeFile(join(dir, 'file'), 'x');
    const target = join(dir, 'file', 'a.pdf');
    const diagnostics = await failureOf(writeAtomic(target, bytes('new')));
    expect(diagnostics[0].message).toBe(`cannot write the file: ${join(dir, 'file')} is not a folder`);
    expect(await readdir(dir)).toEqual(['file']);
  });

  // Root may write anywhere, so a read-only folder only fails for other users.
  it.skipIf(process.getuid?.() === 0 || process.platform === 'win32')('should fail on a read-only folder and keep the old file', async () => {
    const dir = await tempFolder();
    const target = join(dir, 'a.pdf');
    await writeFile(target, 'old');
    await chmod(dir, 0o555);
    try {
      const diagnostics = await failureOf(writeAtomic(target, bytes('new')));
      expect(diagnostics[0].message).toBe(`cannot write the file: the folder ${dir} is not writable`);
      expect(await readFile(target, 'utf8')).toBe('old');
      expect(await readdir(dir)).toEqual(['a.pdf']);
    } finally {
      await chmod(dir, 0o755);
    }
  });
});
