// Runs the CLI bundled into one file (dist/cli.cjs, by scripts/bundle-cli.mjs) with V8's code cache beside it.
//
// Why: a cold `pressroom render` spent most of its start-up finding, reading and compiling some 400 module files.
// One file is read at once, and the code cache (the bytecode of the functions a training render ran) lets V8 skip
// compiling them again. Node 20 has no compile cache for ES modules, so the bundle is CommonJS run through vm.Script,
// the one API that takes cached data. V8 refuses a cache made by another V8 version or other flags, but it checks the
// source only by its length (a same-length source would run the cached code of the old one): so the cache starts with
// the bundle's first line, which holds a hash of its content, and the size and time of the file it was made for.
import { readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Script, constants } from 'node:vm';
import { heapFlagsSet, setHeapFlags } from '../batch/heapFlags.js';
import type { loadEngine, main } from './main.js';

/** Where `npm run build` writes the bundle; its code cache is beside it, named CACHE_SUFFIX longer. */
export const BUNDLE_FILE = fileURLToPath(new URL('../cli.cjs', import.meta.url));
export const CACHE_SUFFIX = '.cache';
/**
 * The code cache for threads under a batch's heap flags (see setHeapFlags): V8 refuses a cache made under other flags,
 * so the build trains one for each.
 */
export const BATCH_CACHE_SUFFIX = '.batch.cache';

/** Runs the CLI on `argv`: the bundle when the build made one, else the compiled modules. Resolves to the exit code. */
export async function runCli(argv: string[]): Promise<number> {
  if (!bundleIsCurrent()) return (await import('./main.js')).main(argv);
  const bundle = loadBundle(BUNDLE_FILE, BUNDLE_FILE + CACHE_SUFFIX);
  const code = await (bundle.exports.main as typeof main)(argv);
  // A cache V8 refused (Node was upgraded since the build) or that is missing is written anew, after a render only:
  // that is the command whose start-up matters, and the cache then holds the code of the whole pipeline. Not after a
  // batch that set its heap flags: the cache would be made under them, and refused by the next start.
  if (!bundle.cacheAccepted && argv[0] === 'render' && !heapFlagsSet()) bundle.saveCache();
  return code;
}

/**
 * The render engine from the bundle, or undefined when there is no current bundle. The batch's workers use it: one
 * file compiled with the code cache starts a worker's first render in about a third of the time that importing the
 * ~400 compiled modules took (Node 20 has no compile cache for ES modules). Only the CLI's own renders write a cache.
 */
export async function bundledEngine(): Promise<Awaited<ReturnType<typeof loadEngine>> | undefined> {
  if (!bundleIsCurrent()) return undefined;
  // A worker of the pool: a batch renders release after release, under its heap flags (renderBatch has set them for
  // the process already; set here too, a pool made by createRunner alone has them all the same), and compiles with the
  // cache the build made under them.
  setHeapFlags();
  const bundle = loadBundle(BUNDLE_FILE, BUNDLE_FILE + BATCH_CACHE_SUFFIX);
  return (bundle.exports.loadEngine as typeof loadEngine)();
}

/** True when there is a bundle and it is not older than the compiled modules (a `tsc` alone after a build). */
function bundleIsCurrent(): boolean {
  const bundle = statSync(BUNDLE_FILE, { throwIfNoEntry: false });
  return bundle !== undefined && bundle.mtimeMs >= statSync(fileURLToPath(import.meta.url)).mtimeMs;
}

/** A bundle compiled and run. */
export interface LoadedBundle {
  /** What the bundle's module exports. */
  exports: Record<string, unknown>;
  /** True when a cache for this very bundle was read and V8 used it. */
  cacheAccepted: boolean;
  /** Writes the code cache of everything the bundle has compiled so far, atomically; false when it cannot. */
  saveCache(): boolean;
}

/** Runs `file` (a CommonJS bundle) as a module, compiled with the code cache in `cacheFile` when it fits. */
export function loadBundle(file: string, cacheFile: string): LoadedBundle {
  const source = readFileSync(file, 'utf8');
  const { size, mtimeMs } = statSync(file);
  const identity = Buffer.from(`${source.slice(0, source.indexOf('\n'))}\n${size} ${mtimeMs}\n`);
  const cache = readOrUndefined(cacheFile);
  const cachedData = cache?.subarray(0, identity.length).equals(identity) ? cache.subarray(identity.length) : undefined;
  // The wrapper Node gives every CommonJS module (on the first line, so line numbers stay the bundle's own).
  const script = new Script(`(function (exports, require, module, __filename, __dirname) {${source}\n})`, {
    filename: file,
    cachedData,
    // The bundle keeps an import() only for modules named at run time (a test's render engine): Node resolves them.
    importModuleDynamically: constants.USE_MAIN_CONTEXT_DEFAULT_LOADER,
  });
  const module = { exports: {} as Record<string, unknown> };
  (script.runInThisContext() as (...args: unknown[]) => void)(module.exports, createRequire(file), module, file, dirname(file));
  return {
    exports: module.exports,
    cacheAccepted: cachedData !== undefined && !script.cachedDataRejected,
    saveCache: () => writeAtomically(cacheFile, Buffer.concat([identity, script.createCachedData()])),
  };
}

function readOrUndefined(file: string): Buffer | undefined {
  try {
    return readFileSync(file);
  } catch {
    return undefined;
  }
}

/** Writes through a temporary file and a rename, so a process starting meanwhile never reads half a cache. */
function writeAtomically(file: string, bytes: Uint8Array): boolean {
  const temporary = `${file}.${process.pid}.tmp`;
  try {
    writeFileSync(temporary, bytes);
    renameSync(temporary, file);
    return true;
  } catch {
    rmSync(temporary, { force: true });
    return false;
  }
}
