// Loads TeX hyphenation patterns (the `hyphen` package) for the languages a document needs, once per process.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import type { Hyphenator, Hyphenators } from '../typeset/hyphenation.js';

const require = createRequire(import.meta.url);

type PatternFunction = (text: string, options?: { hyphenChar?: string; minWordLength?: number }) => string;
const createHyphenator = require('hyphen') as (patterns: unknown, options?: object) => PatternFunction;

/** Pattern sets by primary language (and a few tags): the member states' languages, as `hyphen` names them. */
const PATTERNS: Record<string, string> = {
  en: 'en-us', 'en-gb': 'en-gb', fr: 'fr', de: 'de-1996', it: 'it', es: 'es', pt: 'pt', nl: 'nl', pl: 'pl', cs: 'cs', sk: 'sk',
  sl: 'sl', hr: 'hr', bs: 'hr', 'sr-latn': 'sh-latn', 'sr-cyrl': 'sr-cyrl', bg: 'bg', mk: 'mk', ru: 'ru', uk: 'uk', el: 'el-monoton',
  tr: 'tr', hu: 'hu', ro: 'ro', fi: 'fi', sv: 'sv', da: 'da', nb: 'nb', no: 'nb', nn: 'nn', is: 'is', et: 'et', lv: 'lv', lt: 'lt',
  hy: 'hy', ka: 'ka', ca: 'ca', ga: 'ga', cy: 'cy', sq: 'sq', be: 'be', eu: 'eu', gl: 'gl', la: 'la',
};

/** The languages with hyphenation patterns (tags as accepted in `language`). */
export const HYPHENATION_LANGUAGES = [...Object.keys(PATTERNS), 'sr'].sort();

/** Every pattern set a language above may load (Serbian's two included). */
export const PATTERN_SETS: readonly string[] = [...new Set(Object.values(PATTERNS))].sort();

/**
 * Where `npm run build` writes each pattern set as JSON (scripts/prepare-hyphenation.mjs), beside the compiled
 * modules: the package's sets are JavaScript modules of one large literal, which a fresh process compiles and runs in
 * ~11 ms for English, where JSON.parse takes ~4. Absent when running from the sources.
 */
export const PREPARED_PATTERNS_DIR = fileURLToPath(new URL('../hyphenation/', import.meta.url));

/** A prepared set: the patterns, and the version of `hyphen` they were taken from. */
export interface PreparedPatterns {
  hyphen: string;
  patterns: unknown;
}

/** The installed `hyphen`'s version, read once. */
let hyphenVersion: string | undefined;

/**
 * A fresh copy of a set's patterns: the prepared JSON when it was made from the installed `hyphen` (a package
 * upgraded since the build is never served stale patterns), else a copy of the package's own module. A copy, because
 * the library writes every word it hyphenates into its patterns' exceptions: given the module's object, each
 * hyphenator made anew (see WORDS_PER_HYPHENATOR) added to the same object, which grew with a batch's vocabulary.
 */
export function patternsOf(patternSet: string, preparedDir = PREPARED_PATTERNS_DIR): unknown {
  hyphenVersion ??= (require('hyphen/package.json') as { version: string }).version;
  try {
    const prepared = JSON.parse(readFileSync(`${preparedDir}${patternSet}.json`, 'utf8')) as PreparedPatterns;
    if (prepared.hyphen === hyphenVersion) return prepared.patterns;
  } catch {
    // Not prepared (sources, or a build without them): the module below.
  }
  return structuredClone(require(`hyphen/patterns/${patternSet}.js`));
}

/** Hyphenators built so far, by pattern set. */
const built = new Map<string, Hyphenator>();

/**
 * Words a pattern hyphenator is asked before it is made anew: the `hyphen` library remembers every word it has
 * hyphenated, without bound, so over a long batch of varied text its memory would only grow. The layout stage keeps
 * its own bounded cache of hyphenation points in front of this (two generations of 10,000 words), so the library's
 * memory is a second copy: a small one will do (at 50,000 words it held ~4 MB of a worker's live heap). It keeps
 * the words in its patterns' exceptions, so every hyphenator is given patterns of its own (see patternsOf).
 */
const WORDS_PER_HYPHENATOR = 5_000;

/** A Unicode soft hyphen: what the pattern library inserts, and what we look for. */
const SOFT_HYPHEN = '\u00AD';

function build(patternSet: string): Hyphenator {
  let h = built.get(patternSet);
  if (!h) {
    // The patterns are read and compiled on the first word asked, not when the document is found to hyphenate: most
    // paragraphs are set without hyphenation (see FIRST_PASS in typeset/text/breakLines.ts), and a release whose
    // paragraphs all are never needs them (~12 ms of a cold render).
    // `html: false`: the words asked are letters only (see lettersOf in typeset/text/splitWord.ts), so the library's
    // scan for HTML tags, made anew for every call, finds nothing; without it a new word takes ~11 µs instead of ~18.
    const create = () => createHyphenator(patternsOf(patternSet), { hyphenChar: SOFT_HYPHEN, minWordLength: 1, html: false });
    let fn: PatternFunction | undefined;
    let asked = 0;
    h = (word: string) => {
      // A suffix after an apostrophe (Turkish İstanbul'da, English nation's) is not hyphenated, nor is the stem's last letter split off.
      const apostrophe = word.search(/['’]/);
      if (apostrophe > 0) return h!(word.slice(0, apostrophe)).filter((i) => apostrophe - i >= 2);
      if (!fn || ++asked > WORDS_PER_HYPHENATOR) [fn, asked] = [create(), 1];
      const marked = fn(lowercaseKeepingLength(word));
      const points: number[] = [];
      for (let i = 0, offset = 0; i < marked.length; i++) {
        if (marked[i] === SOFT_HYPHEN) points.push(offset);
        else offset++;
      }
      return points;
    };
    built.set(patternSet, h);
  }
  return h;
}

/**
 * Lower case, one character for one: the pattern library lower-cases by itself, and "İ".toLowerCase() is two
 * characters ("i" and a combining dot), which would shift every hyphenation point after it.
 */
function lowercaseKeepingLength(word: string): string {
  let out = '';
  for (const ch of word) {
    const lower = ch.toLowerCase();
    out += lower.length === ch.length ? lower : ch === '\u0130' ? 'i' : ch;
  }
  return out;
}

/** Serbian is written in both scripts: pick the patterns by the word's script (one hyphenator per process). */
let serbianHyphenator: Hyphenator | undefined;

function serbian(): Hyphenator {
  if (!serbianHyphenator) {
    const latin = build('sh-latn');
    const cyrillic = build('sr-cyrl');
    serbianHyphenator = (word) => (/[\u0400-\u04FF]/.test(word) ? cyrillic(word) : latin(word));
  }
  return serbianHyphenator;
}

/** Hyphenators for the given language tags; languages without patterns are left out (their words are not hyphenated). */
export function loadHyphenation(languages: Iterable<string>): Hyphenators {
  const out: Hyphenators = new Map();
  for (const tag of languages) {
    const lower = tag.toLowerCase();
    const primary = lower.split('-')[0];
    if (out.has(lower)) continue;
    if (primary === 'sr' && !PATTERNS[lower]) out.set(lower, serbian());
    else if (PATTERNS[lower]) out.set(lower, build(PATTERNS[lower]));
    else if (PATTERNS[primary]) out.set(lower, build(PATTERNS[primary]));
  }
  return out;
}
