// Writes files that appear all at once: a temp file beside the target, synced, then renamed over it.
import { randomBytes } from 'node:crypto';
import { closeSync, fchmodSync, fsync, lstatSync, openSync, renameSync, writeSync } from 'node:fs';
import { mkdir, open, rmdir, unlink } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { PressroomError, errorAt } from '../diagnostics/PressroomError.js';

/** Random bytes in a temp file's name: with the pid, enough that two writers never pick the same name. */
const TEMP_NAME_RANDOM_BYTES = 6;

/** How to write. */
export interface WriteOptions {
  /** Create the target's folder (and its parents) when missing; otherwise a missing folder is an error. */
  createFolder?: boolean;
  /**
   * Sync the folder after the rename, so the new name survives a crash (default true). A batch writing many files
   * into one folder passes false and syncs each folder once (syncFolder), before it records the files as written.
   */
  syncFolder?: boolean;
}

/**
 * Writes `bytes` to `target` so that readers see either the old file or the complete new one, never a part.
 *
 * The bytes go to a hidden temp file in the target's folder (same file system, so the rename is atomic),
 * which is synced to disk and then renamed over the target. On any failure the temp file is removed and a
 * PressroomError naming the target is thrown; the target is left as it was.
 *
 * A symlink at the target is replaced by the new file: the link itself is renamed over, the file it pointed
 * to is never written through. An existing target's permission bits are kept.
 * A process killed mid-write (SIGKILL, power loss) can leave a `.name.<pid>.<random>.tmp` file behind,
 * never a partial target.
 */
export async function writeAtomic(target: string, bytes: Uint8Array, options: WriteOptions = {}): Promise<void> {
  const file = await AtomicFile.open(target, options);
  try {
    file.write(bytes);
  } catch (err) {
    await file.discard();
    throw err;
  }
  await file.commit(options);
}

/** A hidden temp file's path beside `target` (same folder, so the rename that replaces the target is atomic). */
function tempPathFor(target: string): string {
  return join(dirname(target), `.${basename(target)}.${process.pid}.${randomBytes(TEMP_NAME_RANDOM_BYTES).toString('hex')}.tmp`);
}

/**
 * A file written piece by piece, which appears at its target all at once: the pieces go to a temp file beside it,
 * which `commit` syncs and renames over the target (as writeAtomic does) and `discard` removes. For output too long
 * to hold in memory whole, such as a batch's report. Errors are PressroomErrors naming the target.
 */
export class AtomicFile {
  readonly #temp: string;
  #fd: number | undefined;
  /** The first of the folders `open` made for the target, if it made any: a discard removes them again. */
  readonly #madeFolder: string | undefined;

  private constructor(
    readonly target: string,
    temp: string,
    fd: number,
    madeFolder: string | undefined,
  ) {
    this.#temp = temp;
    this.#fd = fd;
    this.#madeFolder = madeFolder;
  }

  /**
   * Opens the temp file for `target` (creating its folder when asked); throws when the target cannot be written. `wx`
   * never opens an existing file or follows a planted symlink; a directory at the target is refused.
   */
  static async open(target: string, options: Pick<WriteOptions, 'createFolder'> = {}): Promise<AtomicFile> {
    const temp = tempPathFor(target);
    let madeFolder: string | undefined;
    try {
      if (options.createFolder) madeFolder = await mkdir(dirname(target), { recursive: true });
      const existingMode = modeOfExistingFile(target);
      const fd = openSync(temp, 'wx');
      try {
        if (existingMode !== undefined) fchmodSync(fd, existingMode);
      } catch (err) {
        closeSync(fd);
        throw err;
      }
      return new AtomicFile(target, temp, fd, madeFolder);
    } catch (err) {
      await unlink(temp).catch(() => undefined);
      await removeFoldersMade(dirname(target), madeFolder);
      throw describeWriteError(target, err);
    }
  }

  /** Appends bytes, or text as UTF-8, to the temp file. */
  write(data: Uint8Array | string): void {
    const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
    try {
      for (let written = 0; written < bytes.byteLength; ) written += writeSync(this.#openFd(), bytes, written);
    } catch (err) {
      throw describeWriteError(this.target, err);
    }
  }

  /**
   * Syncs the temp file and renames it over the target, then syncs the folder (unless `syncFolder` is false). Only the
   * sync waits on the disk: the other steps touch the page cache and take microseconds, so they are made in this
   * thread, where each asynchronous call was a round trip through libuv's thread pool (a batch writes thousands).
   */
  async commit(options: Pick<WriteOptions, 'syncFolder'> = {}): Promise<void> {
    const fd = this.#openFd();
    // From here the descriptor is this call's alone: a discard while the sync runs must not close it too.
    this.#fd = undefined;
    try {
      try {
        await new Promise<void>((resolve, reject) => fsync(fd, (err) => (err ? reject(err) : resolve())));
      } finally {
        closeSync(fd);
      }
      renameSync(this.#temp, this.target);
      if (options.syncFolder !== false) await syncFolder(dirname(this.target));
    } catch (err) {
      await this.discard();
      throw describeWriteError(this.target, err);
    }
  }

  /** Removes the temp file, and the folders `open` made for it; the target stays as it was. */
  async discard(): Promise<void> {
    if (this.#fd !== undefined) closeSync(this.#fd);
    this.#fd = undefined;
    await unlink(this.#temp).catch(() => undefined);
    await removeFoldersMade(dirname(this.target), this.#madeFolder);
  }

  #openFd(): number {
    if (this.#fd === undefined) throw new Error(`${this.target} is already committed or discarded`);
    return this.#fd;
  }
}

/**
 * Removes `folder` and its parents up to `firstMade` (the first folder mkdir made for it), each only while empty: a
 * file that never came to be leaves no folders behind (a batch whose -o is refused after its report was begun).
 */
async function removeFoldersMade(folder: string, firstMade: string | undefined): Promise<void> {
  if (firstMade === undefined) return;
  const last = resolve(firstMade);
  for (let dir = resolve(folder); dir.startsWith(last); dir = dirname(dir)) {
    // Not empty (another file came meanwhile), or gone: what is left stays.
    if (!(await rmdir(dir).then(() => true, () => false)) || dir === last) return;
  }
}

/** The permission bits of the regular file at `target`, undefined when there is none; a directory is an error. */
function modeOfExistingFile(target: string): number | undefined {
  const info = lstatSync(target, { throwIfNoEntry: false });
  if (info?.isDirectory()) throw Object.assign(new Error('target is a directory'), { code: 'EISDIR' });
  return info?.isFile() ? info.mode & 0o7777 : undefined;
}

/** Syncs a folder so a rename in it survives a crash; some systems cannot open folders, which is fine. */
export async function syncFolder(folder: string): Promise<void> {
  const handle = await open(folder, 'r').catch(() => undefined);
  if (!handle) return;
  await handle.sync().catch(() => undefined);
  await handle.close();
}

/** Turns an I/O error into a PressroomError naming the target, in words. */
function describeWriteError(target: string, err: unknown): Error {
  if (err instanceof PressroomError) return err;
  const code = (err as NodeJS.ErrnoException).code;
  const folder = dirname(target);
  const [message, hint] = WRITE_ERRORS[code ?? '']?.(folder) ?? [`cannot write the file (${code ?? (err instanceof Error ? err.message : String(err))})`, 'check the output path and its folder'];
  return new PressroomError([errorAt({ file: target }, message, hint)]);
}

/** Message and hint for the I/O error codes a write meets in practice. */
const WRITE_ERRORS: Record<string, (folder: string) => [message: string, hint: string]> = {
  ENOENT: (folder) => [`cannot write the file: the folder ${folder} does not exist`, 'create the folder first, or choose another output with -o'],
  ENOTDIR: (folder) => [`cannot write the file: ${folder} is not a folder`, 'choose another output with -o'],
  EISDIR: () => ['cannot write the file: a folder has that name', 'remove the folder, or choose another output with -o'],
  EACCES: (folder) => [`cannot write the file: the folder ${folder} is not writable`, 'check its permissions, or choose another output with -o'],
  EPERM: (folder) => [`cannot write the file: the folder ${folder} is not writable`, 'check its permissions, or choose another output with -o'],
  EROFS: (folder) => [`cannot write the file: the folder ${folder} is on a read-only file system`, 'choose another output with -o'],
  ENOSPC: () => ['cannot write the file: the disk is full', 'free some space and render again'],
  EDQUOT: () => ['cannot write the file: the disk quota is used up', 'free some space and render again'],
};
