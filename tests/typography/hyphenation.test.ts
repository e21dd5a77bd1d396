// Hyphenation per language: TeX patterns (the `hyphen` package) through loadHyphenation, checked against known syllabifications.
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { HYPHENATION_LANGUAGES, PATTERN_SETS, loadHyphenation, patternsOf } from '../../src/load/loadHyphenation.js';

/** A word with its hyphenation points shown as "-". */
function hyphenated(language: string, word: string): string {
  const h = loadHyphenation([language]).get(language.toLowerCase());
  if (!h) throw new Error(`no patterns for ${language}`);
  const points = new Set(h(word));
  return [...word].map((c, i) => (points.has(i) ? `-${c}` : c)).join('');
}

/**
 * Known words per language, as the patterns should break them. Each was checked against the language's syllabification
 * rules (TeX patterns are conservative: a missing point is allowed, a wrong one is not; these lists are the exact output).
 */
const KNOWN: Record<string, string[]> = {
  en: ['hy-phen-ation', 'in-ter-na-tion-al', 'democ-ra-cy'],
  fr: ['gou-ver-ne-ment', 'dé-mo-cra-tie', 'eu-ro-péenne'],
  de: ['Men-schen-rech-te', 'Min-der-hei-ten-spra-chen', 'Ge-richts-hof'],
  it: ['de-mo-cra-zia', 'par-la-men-to', 'eu-ro-peo'],
  es: ['de-mo-cra-cia', 'par-la-men-to', 'de-re-chos'],
  pt: ['de-mo-cra-cia', 'par-la-men-to', 'li-ber-da-de'],
  nl: ['men-sen-rech-ten', 'de-mo-cra-tie', 're-ge-ring'],
  pl: ['de-mo-kra-cja', 'par-la-ment', 'pra-wa'],
  cs: ['de-mo-kra-cie', 'par-la-ment', 'svo-bo-da'],
  sk: ['de-mok-ra-cia', 'par-la-ment', 'slo-bo-da'],
  sl: ['de-mo-kra-ci-ja', 'par-la-ment', 'svo-bo-da'],
  hr: ['de-mo-kra-ci-ja', 'par-la-ment', 'slo-bo-da'],
  'sr-Latn': ['de-mo-kra-ti-ja', 'slo-bo-da', 'par-la-ment'],
  'sr-Cyrl': ['де-мо-кра-ти-ја', 'сло-бо-да'],
  bg: ['де-мок-ра-ция', 'пар-ла-мент', 'сво-бо-да'],
  mk: ['де-мок-ра-ти-ја', 'пар-ла-мент', 'сло-бо-да'],
  ru: ['де-мо-кра-тия', 'пар-ла-мент', 'сво-бо-да', 'пра-во-су-дие'],
  uk: ['де-мо-кра-тія', 'пар-ла-мент', 'сво-бо-да'],
  el: ['δη-μο-κρα-τία', 'κοι-νο-βού-λιο', 'ελευ-θε-ρία'],
  tr: ['de-mok-ra-si', 'par-la-men-to', 'öz-gür-lük'],
  hu: ['de-mok-rá-cia', 'par-la-ment', 'sza-bad-ság'],
  ro: ['de-mo-cra-ție', 'par-la-ment', 'li-ber-ta-te'],
  fi: ['de-mo-kra-tia', 'edus-kun-ta', 'va-paus'],
  sv: ['de-mo-kra-ti', 're-ge-ring', 'fri-het'],
  da: ['de-mo-kra-ti', 're-ge-ring', 'fri-hed'],
  nb: ['de-mo-kra-ti', 're-gje-ring', 'fri-het'],
  is: ['lýð-ræði', 'Al-þingi'],
  et: ['de-mok-raa-tia', 'par-la-ment', 'va-ba-dus'],
  lv: ['de-mok-rā-ti-ja', 'par-la-ments', 'brī-vī-ba'],
  lt: ['de-mo-kra-ti-ja', 'par-la-men-tas', 'lais-vė'],
  hy: ['Հա-յաստան', 'ժո-ղովրդա-վա-րություն'],
  ka: ['სა-ქარ-თვე-ლო', 'დე-მოკ-რა-ტია', 'თბი-ლი-სი'],
};

describe('hyphenation patterns per language', () => {
  it.each(Object.entries(KNOWN))('should hyphenate known %s words at their syllable boundaries', (language, words) => {
    for (const word of words) expect(hyphenated(language, word.replaceAll('-', '')), language).toBe(word);
  });

  it('should offer every language the issue names', () => {
    for (const tag of Object.keys(KNOWN).concat('sr')) expect(HYPHENATION_LANGUAGES.map((t) => t.toLowerCase()), tag).toContain(tag.toLowerCase());
  });

  it('should pick Serbian patterns by script when the tag is plain "sr"', () => {
    expect(hyphenated('sr', 'слобода')).toBe('сло-бо-да');
    expect(hyphenated('sr', 'sloboda')).toBe('slo-bo-da');
  });

  it('should find patterns by primary language for a regional tag (de-AT, fr-BE) and none for an unknown language', () => {
    expect(hyphenated('de-AT', 'Gerichtshof')).toBe('Ge-richts-hof');
    expect(hyphenated('fr-BE', 'gouvernement')).toBe('gou-ver-ne-ment');
    expect(loadHyphenation(['xx']).size).toBe(0);
  });

  it('should hyphenate words after a dotted capital İ at the right offsets ("İ".toLowerCase() is two code units)', () => {
    expect(hyphenated('tr', 'istanbul')).toBe('is-tan-bul');
    expect(hyphenated('tr', 'İstanbul')).toBe('İs-tan-bul');
  });

  it('should not break a Turkish name before its last letter when a suffix follows an apostrophe', () => {
    // Pattern points for "İstanbul'da" are 2, 5, 7, 8, 9: 7 splits "bul" as "bu-l", and layout allows it (4 characters follow).
    const h = loadHyphenation(['tr']).get('tr')!;
    expect(h("İstanbul'da")).not.toContain(7);
  });
});

describe('hyphenators over a long batch', () => {
  it('should give the same points after the pattern library was made anew to bound its memory (50,000 words)', () => {
    const h = loadHyphenation(['en']).get('en')!;
    const before = h('international');
    // Distinct words, so each reaches the library (which would otherwise remember all of them).
    for (let i = 0; i < 50_010; i++) h(`word${i.toString(36)}ing`);
    expect(h('international')).toEqual(before);
    expect(hyphenated('en', 'hyphenation')).toBe('hy-phen-ation');
  });

  it('should give Serbian one hyphenator per process, for both scripts', () => {
    const [a, b] = [loadHyphenation(['sr']).get('sr')!, loadHyphenation(['sr']).get('sr')!];
    expect(a).toBe(b);
    expect(hyphenated('sr', 'демократија')).toBe(hyphenated('sr-Cyrl', 'демократија'));
  });
});

describe('loading patterns', () => {
  it('reads the patterns of a language when its first word is hyphenated, not when the language is asked for', () => {
    // Latin: no other test, fixture or layout uses it, so nothing in this process has read its patterns.
    const require = createRequire(import.meta.url);
    const file = require.resolve('hyphen/patterns/la.js');
    const latin = loadHyphenation(['la']).get('la')!;
    expect(require.cache[file]).toBeUndefined();
    expect(latin('parlamentum').length).toBeGreaterThan(0);
    expect(require.cache[file]).toBeDefined();
  });
});

describe('hyphenation patterns prepared as JSON by the build', () => {
  const requireHere = createRequire(import.meta.url);
  const moduleOf = (set: string) => requireHere(`hyphen/patterns/${set}.js`) as unknown;
  const installed = (requireHere('hyphen/package.json') as { version: string }).version;
  // `npm test` builds first: the compiled modules' folder holds the prepared sets.
  const prepared = fileURLToPath(new URL('../../dist/hyphenation/', import.meta.url));

  it.skipIf(!existsSync(prepared))(`should hold every set, exactly the package's patterns${existsSync(prepared) ? '' : ' (skipped: run npm run build)'}`, () => {
    for (const set of PATTERN_SETS) {
      const json = JSON.parse(readFileSync(join(prepared, `${set}.json`), 'utf8')) as { hyphen: string; patterns: unknown };
      expect(json.hyphen, set).toBe(installed);
      expect(json.patterns, set).toEqual(moduleOf(set));
    }
  });

  it('should use a prepared set made from the installed hyphen, and never one made from another version', () => {
    const dir = `${mkdtempSync(join(tmpdir(), 'pressroom-patterns-'))}/`;
    // French patterns filed as English: seen when used.
    writeFileSync(join(dir, 'en-us.json'), JSON.stringify({ hyphen: installed, patterns: moduleOf('fr') }));
    expect(patternsOf('en-us', dir)).toEqual(moduleOf('fr'));
    writeFileSync(join(dir, 'en-us.json'), JSON.stringify({ hyphen: `${installed}-older`, patterns: moduleOf('fr') }));
    expect(patternsOf('en-us', dir)).toEqual(moduleOf('en-us'));
    // Missing or unreadable: the package's module, copied.
    expect(patternsOf('de-1996', dir)).toEqual(moduleOf('de-1996'));
    writeFileSync(join(dir, 'it.json'), '{ not json');
    expect(patternsOf('it', dir)).toEqual(moduleOf('it'));
    expect(patternsOf('it', dir)).not.toBe(moduleOf('it'));
  });

  it("should give each hyphenator patterns of its own, which the library's memo of words cannot grow", () => {
    const exceptions = () => Object.keys((moduleOf('en-us') as object[])[2]!).length;
    const before = exceptions();
    const h = loadHyphenation(['en']).get('en')!;
    for (let i = 0; i < 12_000; i++) h(`zebraquartz${i.toString(36)}ing`);
    // The package's own object is never handed to the library; each renewal starts from the set's exceptions alone.
    expect(exceptions()).toBe(before);
  });
});
