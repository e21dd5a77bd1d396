// Lays out small FO snippets with the fixed-width fake font and real hyphenation patterns, for exact-number typography tests.
import { parseFo } from '../../src/fo/parseFo.js';
import { loadHyphenation } from '../../src/load/loadHyphenation.js';
import type { LayoutContext } from '../../src/typeset/context.js';
import type { Hyphenators } from '../../src/typeset/hyphenation.js';
import { layoutDocument } from '../../src/typeset/layoutDocument.js';
import type { PageLayout } from '../../src/typeset/types.js';
import { createFakeMetrics } from '../helpers/fakeMetrics.js';
import { foDocument, linesOf, type FoOptions } from '../typeset/foDocument.js';

/** Options of a run: FO options, the languages to load patterns for, and the line breaking. */
export interface HyphenatedRun extends FoOptions {
  languages?: string[];
  lineBreaking?: 'total-fit' | 'first-fit';
  /** Told of every word the patterns are asked to hyphenate. */
  onPatternLookup?: (word: string) => void;
}

/** Lays out `snippet` (in the 100 pt wide, 20-characters-a-line fake page) with hyphenation patterns loaded. */
export function layoutWithPatterns(snippet: string, o: HyphenatedRun = {}): { layout: PageLayout; ctx: LayoutContext; lines: string[] } {
  const doc = parseFo('test.fo', foDocument(snippet, { ...o, maxPages: undefined } as FoOptions));
  const ctx: LayoutContext = {
    metrics: createFakeMetrics(),
    images: new Map(),
    file: 'test.fo',
    warnings: [],
    maxPages: 50,
    hyphenators: watched(loadHyphenation(o.languages ?? ['en']), o.onPatternLookup),
    lineBreaking: o.lineBreaking ?? 'total-fit',
  };
  const layout = layoutDocument(doc, ctx);
  const lines = layout.pages.flatMap((_, p) => linesOf(layout, p + 1));
  return { layout, ctx, lines };
}

/** The hyphenators, each telling `onLookup` of the words it is asked for. */
function watched(hyphenators: Hyphenators, onLookup: ((word: string) => void) | undefined): Hyphenators {
  if (!onLookup) return hyphenators;
  return new Map([...hyphenators].map(([language, hyphenate]) => [language, (word: string) => (onLookup(word), hyphenate(word))]));
}

/** A justified, hyphenated English block around `text`, with extra attributes. */
export function hyphenatedBlock(text: string, attrs = ''): string {
  return `<fo:block text-align="justify" language="en" hyphenate="true" ${attrs}>${text}</fo:block>`;
}
