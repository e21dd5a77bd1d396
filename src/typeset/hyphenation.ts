// Hyphenation as layout sees it: per language, the places a word may break (TeX patterns behind it, loaded by the load stage).

/** Positions (UTF-16 offsets) inside `word` where it may be hyphenated. */
export type Hyphenator = (word: string) => number[];

/** Hyphenators by language tag as written in the FO (e.g. `en`, `sr-Cyrl`), looked up by `hyphenatorFor`. */
export type Hyphenators = Map<string, Hyphenator>;

/** The hyphenator for a BCP 47 tag: the exact tag, then the primary language. */
export function hyphenatorFor(hyphenators: Hyphenators | undefined, language: string | null): Hyphenator | undefined {
  if (!language || !hyphenators) return undefined;
  // Asked for every word: each tag is looked up once per set of hyphenators (a set is not changed once layout begins).
  let byTag = lookedUp.get(hyphenators);
  if (!byTag) lookedUp.set(hyphenators, (byTag = new Map()));
  if (byTag.has(language)) return byTag.get(language);
  const hyphenator = hyphenators.get(language.toLowerCase()) ?? hyphenators.get(language.split('-')[0].toLowerCase());
  byTag.set(language, hyphenator);
  return hyphenator;
}

const lookedUp = new WeakMap<Hyphenators, Map<string, Hyphenator | undefined>>();
