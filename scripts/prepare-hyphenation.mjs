// Writes every hyphenation pattern set pressroom may load as JSON into dist/hyphenation/ (see PREPARED_PATTERNS_DIR in
// src/load/loadHyphenation.ts for why), each with the version of `hyphen` it was taken from. Run by `npm run build`
// after tsc and before the CLI bundle, whose training render then loads them as every render will.
import { mkdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';

const require = createRequire(import.meta.url);
const { PATTERN_SETS, PREPARED_PATTERNS_DIR } = await import(new URL('../dist/load/loadHyphenation.js', import.meta.url).href);
const hyphen = require('hyphen/package.json').version;
mkdirSync(PREPARED_PATTERNS_DIR, { recursive: true });
for (const set of PATTERN_SETS) {
  const patterns = require(`hyphen/patterns/${set}.js`);
  const json = JSON.stringify({ hyphen, patterns });
  // Only data that JSON gives back exactly; a set that is not is left to the package's module.
  if (!isDeepStrictEqual(JSON.parse(json).patterns, patterns)) throw new Error(`hyphenation patterns ${set} do not survive JSON`);
  writeFileSync(join(PREPARED_PATTERNS_DIR, `${set}.json`), json);
}
