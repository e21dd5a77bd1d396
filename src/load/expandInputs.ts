// Turns the inputs named on the command line (files, folders, globs, `-`) into the list of release files.
import { stat } from 'node:fs/promises';
import { dirname, join, normalize, resolve } from 'node:path';
import { errorAt } from '../diagnostics/PressroomError.js';
import type { Diagnostic } from '../diagnostics/types.js';
import { RELEASE_EXTENSIONS } from './decodeSource.js';

/** The input name that means "read the release from standard input". */
export const STDIN_INPUT = '-';

/** One release file found from the command line. */
export interface ReleaseInput {
  /** The file's path, spelt from the user's input (relative stays relative), or `-` for stdin. */
  path: string;
  /** The folder the input was found from (the folder named, a glob's fixed part, or a file's own folder): `-o DIR` mirrors the path below it. */
  root: string;
}

/** The releases found, and a diagnostic for each input that found none. */
export interface ExpandedInputs {
  /** Release files, sorted by path, each once. */
  inputs: ReleaseInput[];
  /** One error per input that is missing, matches nothing, or is a folder without releases. */
  diagnostics: Diagnostic[];
}

/** Options of the expansion. */
export interface ExpandOptions {
  /** The folder relative inputs and globs are read from (default: the working directory). */
  cwd?: string;
}

/** The glob library, imported only for folders and globs: a command line naming files never loads it. */
const globbing = () => import('tinyglobby');

/** Glob (below a folder) of the files a folder input contributes: every release extension, at any depth. */
const RELEASE_FILES_GLOB = `**/*.{${RELEASE_EXTENSIONS.map((e) => e.slice(1)).join(',')}}`;

/** Expands every input; a bad input gets a diagnostic and the others go on. */
export async function expandInputs(args: readonly string[], options: ExpandOptions = {}): Promise<ExpandedInputs> {
  const cwd = options.cwd ?? process.cwd();
  const found: ReleaseInput[] = [];
  const diagnostics: Diagnostic[] = [];
  for (const arg of args) {
    try {
      found.push(...(await expandOne(arg, cwd)));
    } catch (err) {
      if (!isInputProblem(err)) throw err;
      diagnostics.push(errorAt({ file: arg }, err.message, err.hint));
    }
  }
  return { inputs: sortUnique(found, cwd), diagnostics };
}

/** A problem with one input, described for the user. */
class InputProblem extends Error {
  constructor(message: string, readonly hint: string) {
    super(message);
  }
}

function isInputProblem(err: unknown): err is InputProblem {
  return err instanceof InputProblem;
}

/** The releases one input names: stdin, an existing file or folder, or a glob. */
async function expandOne(arg: string, cwd: string): Promise<ReleaseInput[]> {
  if (arg === STDIN_INPUT) return [{ path: STDIN_INPUT, root: '.' }];
  const info = await stat(resolve(cwd, arg)).catch(() => undefined);
  if (info?.isFile()) return [{ path: normalize(arg), root: dirname(normalize(arg)) }];
  if (info?.isDirectory()) return expandFolder(arg, cwd);
  // A pipe (`<(command)`), socket or device exists but is no release file: said so, rather than "no such file".
  if (info) throw new InputProblem('not a release file but a pipe, socket or device', 'pass a release file, or `-` and the release on standard input');
  if ((await globbing()).isDynamicPattern(arg)) return expandGlob(arg, cwd);
  throw new InputProblem('no such file or folder', 'check the path; quote a glob so the shell does not expand it');
}

/** Every release file below a folder, at any depth (hidden files and folders skipped). */
async function expandFolder(folder: string, cwd: string): Promise<ReleaseInput[]> {
  const root = normalize(folder);
  const { glob } = await globbing();
  const matches = await glob(RELEASE_FILES_GLOB, { cwd: resolve(cwd, root), onlyFiles: true, caseSensitiveMatch: false });
  if (matches.length === 0) throw new InputProblem('the folder holds no release files', `releases end in ${RELEASE_EXTENSIONS.join(', ')}`);
  return matches.map((m) => ({ path: join(root, m), root }));
}

/** The release files a glob matches, found from the glob's fixed leading folders. */
async function expandGlob(pattern: string, cwd: string): Promise<ReleaseInput[]> {
  const { glob, isDynamicPattern } = await globbing();
  const { base, rest } = splitGlob(pattern, isDynamicPattern);
  const matches = (await glob(rest, { cwd: resolve(cwd, base), onlyFiles: true, expandDirectories: false })).filter(isReleaseFile);
  if (matches.length === 0) throw new InputProblem('the glob matches no release files', `check the pattern; releases end in ${RELEASE_EXTENSIONS.join(', ')}`);
  return matches.map((m) => ({ path: join(base, m), root: base }));
}

/** Splits a glob into its fixed leading folders (`releases/2007`) and the part with wildcards (`**\/*.md`). */
function splitGlob(pattern: string, isDynamicPattern: (part: string) => boolean): { base: string; rest: string } {
  const parts = pattern.split('/');
  const firstDynamic = parts.findIndex((p) => isDynamicPattern(p));
  const fixed = parts.slice(0, firstDynamic);
  const base = fixed.length === 0 ? '.' : fixed.join('/') || '/';
  return { base: normalize(base), rest: parts.slice(firstDynamic).join('/') };
}

/** True for names with a release extension. */
function isReleaseFile(path: string): boolean {
  const lower = path.toLowerCase();
  return RELEASE_EXTENSIONS.some((e) => lower.endsWith(e));
}

/** Sorts by path and keeps the first of inputs that name the same file (`a.md` and `./a.md`). */
function sortUnique(found: ReleaseInput[], cwd: string): ReleaseInput[] {
  const seen = new Set<string>();
  const unique = found.filter((input) => {
    const key = input.path === STDIN_INPUT ? STDIN_INPUT : resolve(cwd, input.path);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  return unique.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}
