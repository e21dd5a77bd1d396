// Hyphenation as layout sees it: per language, the places a word may break (TeX patterns behind it, loaded by the load stage).

/** Positions (UTF-16 offsets) inside `word` where it may be hyphenated. */
export type Hyphenator = (word: string) => number[];

/** Hyphenators by language tag as written in the FO (e.g. `en`, `sr-Cyrl`), looked up by `hyphenatorFor`. */
export type Hyphenators = Map<string, Hyphenator>;

/** The hyphenator for a BCP 47 tag: the exact tag, then the primary language. */
export function hyphenatorFor(hyphenators: Hyphenators | undefined, language: string | null): Hyphenator | undefined {
  if (!language || !hyphenators) return undefined;
  return hyphenators.get(language.toLowerCase()) ?? hyphenators.get(language.split('-')[0].toLowerCase());
}
