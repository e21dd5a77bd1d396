// Tells whether an external command-line tool (fop, qpdf, pdftotext, pdffonts) is installed, for tests that skip without it.
import { spawnSync } from 'node:child_process';

/** Answers per tool name, so `which` runs once per process and tool. */
const known = new Map<string, boolean>();

/** True when `name` is found on the PATH. */
export function hasTool(name: string): boolean {
  let found = known.get(name);
  if (found === undefined) {
    found = spawnSync('which', [name], { stdio: 'ignore' }).status === 0;
    known.set(name, found);
  }
  return found;
}

/** Tools whose absence was already announced in this process. */
const warned = new Set<string>();

/**
 * The reason to append to the name of a test skipped because `name` is missing (empty when it is installed);
 * the first call per tool also prints it, so a skipped run says why.
 */
export function missingToolReason(name: string): string {
  if (hasTool(name)) return '';
  const reason = `skipped: \`${name}\` is not installed (CI installs it; see .ci/run)`;
  if (!warned.has(name)) console.warn(`pressroom tests: ${reason}`);
  warned.add(name);
  return ` (${reason})`;
}
