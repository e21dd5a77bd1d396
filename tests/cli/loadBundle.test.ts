// The bundle loader: a CommonJS bundle runs as a module, and its code cache is used only for the very bundle it was made for.
import { isAscii } from 'node:buffer';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadBundle } from '../../src/cli/loadBundle.js';
// From dist/: the bundle is found beside the compiled loader (the workers run it from there).
import { bundledEngine } from '../../dist/cli/loadBundle.js';
import { PressroomError, isPressroomError } from '../../src/diagnostics/PressroomError.js';
import { loadSource } from '../../src/load/loadSource.js';

/** A bundle whose first line names it, as scripts/bundle-cli.mjs writes them, computing `value` in a function. */
const bundleText = (name: string, addend: number) => `// bundle ${name}\nmodule.exports.value = (() => 41 + ${addend})();\nmodule.exports.where = [typeof require, __filename, __dirname];\n`;

describe('loadBundle', () => {
  it('should run the bundle as a CommonJS module, then reuse the code cache it saved', () => {
    const dir = mkdtempSync(join(tmpdir(), 'pressroom-bundle-'));
    const file = join(dir, 'cli.cjs');
    writeFileSync(file, bundleText('a', 1));
    const first = loadBundle(file, `${file}.cache`);
    expect(first.exports.value).toBe(42);
    expect(first.exports.where).toEqual(['function', file, dir]);
    expect(first.cacheAccepted).toBe(false);
    expect(first.saveCache()).toBe(true);
    const second = loadBundle(file, `${file}.cache`);
    expect(second.cacheAccepted).toBe(true);
    expect(second.exports.value).toBe(42);
  });

  it('should be given an ASCII bundle by the build (non-ASCII characters escaped)', () => {
    // `npm test` builds first.
    const bundle = readFileSync(fileURLToPath(new URL('../../dist/cli.cjs', import.meta.url)));
    expect(isAscii(bundle)).toBe(true);
    expect(bundle.toString('latin1')).toContain('\\u00ab');
  });

  it('should not use the cache of another bundle of the same length (V8 would: it checks only the length)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'pressroom-bundle-'));
    const file = join(dir, 'cli.cjs');
    // A rebuild: another hash on the first line, even with the file's old time.
    writeFileSync(file, bundleText('a', 1));
    loadBundle(file, `${file}.cache`).saveCache();
    const { mtime } = statSync(file);
    writeFileSync(file, bundleText('b', 2));
    utimesSync(file, mtime, mtime);
    expect(readFileSync(file, 'utf8').length).toBe(bundleText('a', 1).length);
    const rebuilt = loadBundle(file, `${file}.cache`);
    expect(rebuilt.cacheAccepted).toBe(false);
    expect(rebuilt.exports.value).toBe(43);
    // An edit by hand: the same first line, a later time.
    rebuilt.saveCache();
    writeFileSync(file, bundleText('b', 3));
    utimesSync(file, mtime, new Date(mtime.getTime() + 1000));
    const edited = loadBundle(file, `${file}.cache`);
    expect(edited.cacheAccepted).toBe(false);
    expect(edited.exports.value).toBe(44);
  });

  it('should compile from source when the cache file is damaged or cannot be written', () => {
    const dir = mkdtempSync(join(tmpdir(), 'pressroom-bundle-'));
    const file = join(dir, 'cli.cjs');
    writeFileSync(file, bundleText('a', 1));
    writeFileSync(`${file}.cache`, `// bundle a\n${'x'.repeat(100)}`);
    const damaged = loadBundle(file, `${file}.cache`);
    expect(damaged.cacheAccepted).toBe(false);
    expect(damaged.exports.value).toBe(42);
    expect(loadBundle(file, join(dir, 'no/such/folder/cli.cjs.cache')).saveCache()).toBe(false);
  });

  it('should accept, in a new process, the code caches the build trained: one as the CLI starts, one under a batch\'s heap flags', () => {
    // V8 refuses a cache made under other flags. A batch sets heap flags (setHeapFlags) before its workers start, and
    // they compile with the second cache; had the build made either under the wrong flags, every start would refuse it.
    const dist = (path: string) => JSON.stringify(new URL(`../../dist/${path}`, import.meta.url).href);
    const accepted = (setup: string, suffix: string) => {
      const script = `const m = await import(${dist('cli/loadBundle.js')}); ${setup} console.log(m.loadBundle(m.BUNDLE_FILE, m.BUNDLE_FILE + m.${suffix}).cacheAccepted);`;
      const run = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8', timeout: 60_000 });
      expect(run.stderr).toBe('');
      return run.stdout.trim();
    };
    expect(accepted('', 'CACHE_SUFFIX')).toBe('true');
    expect(accepted(`(await import(${dist('batch/heapFlags.js')})).setHeapFlags();`, 'BATCH_CACHE_SUFFIX')).toBe('true');
    // And each is refused under the other's flags: the two are not the same cache under two names.
    expect(accepted(`(await import(${dist('batch/heapFlags.js')})).setHeapFlags();`, 'CACHE_SUFFIX')).toBe('false');
  });

  it('should give the batch workers the bundle\'s engine, whose release errors are still told apart from bugs', async () => {
    // The build made dist/cli.cjs (npm test builds first): its engine renders, and its PressroomError is another
    // class than this module's, which isPressroomError recognises by its name and diagnostics.
    const engine = (await bundledEngine())!;
    expect(engine).toBeTypeOf('function');
    const seed = await engine(await loadSource('fixtures/releases/161a07.md'), {});
    expect(Buffer.from(seed.pdf.subarray(0, 5)).toString('latin1')).toBe('%PDF-');
    const bad = { ...(await loadSource('fixtures/releases/161a07.md')), text: '---\ntitle: x\n---\nbody\n' };
    const error = await engine(bad, {}).then(() => undefined, (err: unknown) => err);
    expect(error).not.toBeInstanceOf(PressroomError);
    expect(isPressroomError(error)).toBe(true);
    expect(isPressroomError(new Error('a bug'))).toBe(false);
  });
});
