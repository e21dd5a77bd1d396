// Prints the filled XSL-FO of a release (for Apache FOP reference renders): npx tsx scripts/fill-fo.ts <release> > out.fo
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PressroomError } from '../src/diagnostics/PressroomError.js';
import { compileLayout } from '../src/fill/compileLayout.js';
import { fillLayout } from '../src/fill/fillLayout.js';
import { loadLayout } from '../src/load/loadLayout.js';
import { loadSource } from '../src/load/loadSource.js';
import { parseRelease } from '../src/release/parseRelease.js';

/** The project's layouts folder, next to this script's folder. */
const LAYOUTS_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', 'layouts');

/** Loads the release, fills its layout and writes the FO text to stdout; errors go to stderr with exit code 1. */
async function main(argv: string[]): Promise<void> {
  if (argv.length !== 1) {
    process.stderr.write('usage: npx tsx scripts/fill-fo.ts <release> > out.fo\n');
    process.exit(2);
  }
  try {
    const release = parseRelease(await loadSource(argv[0]));
    const layout = compileLayout(await loadLayout(LAYOUTS_DIR, release.layout));
    process.stdout.write(fillLayout(layout, release).text);
  } catch (err) {
    process.stderr.write(err instanceof PressroomError ? `${err.message}\n` : `${(err as Error).stack ?? String(err)}\n`);
    process.exit(1);
  }
}

await main(process.argv.slice(2));
