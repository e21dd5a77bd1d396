// Hyphenation in layout: remain/push/ladder properties, soft hyphens, and words never hyphenated (URLs, e-mail addresses, ALL CAPS).
// The fake font sets 20 characters on a 100 pt line (5 pt each at 10 pt).
import { describe, expect, it } from 'vitest';
import { textsOf } from '../typeset/foDocument.js';
import { hyphenatedBlock, layoutWithPatterns } from './layoutHyphenated.js';

/** 15 characters of short words, so that "international" (in-ter-na-tion-al) must be split to fill the line. */
const LEAD = 'aaaa bbbb ccccc';

describe('hyphenation in justified text', () => {
  it('should hyphenate a word to fill a justified line, drawing the hyphen', () => {
    expect(layoutWithPatterns(hyphenatedBlock(`${LEAD} international`)).lines).toEqual(['aaaa bbbb ccccc in-', 'ternational']);
  });

  it('should look words up in the patterns only when the paragraph cannot be set well without hyphenation', () => {
    // TeX's first pass: lines that need no hyphen leave their words whole (shaped and drawn as one, kerning kept).
    const asked: string[] = [];
    expect(layoutWithPatterns(hyphenatedBlock('aaaa bbbb ccccc dddd international'), { onPatternLookup: (w) => asked.push(w) }).lines).toEqual(['aaaa bbbb ccccc dddd', 'international']);
    expect(asked).toEqual([]);
    // One paragraph that needs a hyphen has every word long enough looked up (the second pass may break any of them).
    expect(layoutWithPatterns(hyphenatedBlock(`${LEAD} international`), { onPatternLookup: (w) => asked.push(w) }).lines).toEqual(['aaaa bbbb ccccc in-', 'ternational']);
    expect(asked).toEqual(['ccccc', 'international']);
  });

  it('should keep hyphenation-remain-character-count letters before the hyphen', () => {
    // "in-" leaves 2; with 3 required the next point "inter-" no longer fits, so the word moves down whole.
    expect(layoutWithPatterns(hyphenatedBlock(`${LEAD} international`, 'hyphenation-remain-character-count="3"')).lines).toEqual(['aaaa bbbb ccccc', 'international']);
  });

  it('should carry hyphenation-push-character-count letters to the next line', () => {
    expect(layoutWithPatterns(hyphenatedBlock('xxxxxxx international yyyy')).lines).toEqual(['xxxxxxx internation-', 'al yyyy']);
    // "al" is 2 letters: with 3 required, the break moves to "interna-".
    expect(layoutWithPatterns(hyphenatedBlock('xxxxxxx international yyyy', 'hyphenation-push-character-count="3"')).lines).toEqual(['xxxxxxx interna-', 'tional yyyy']);
  });

  it('should not hyphenate without hyphenate="true", nor in a language without patterns', () => {
    expect(layoutWithPatterns(`<fo:block text-align="justify" language="en">${LEAD} international</fo:block>`).lines).toEqual(['aaaa bbbb ccccc', 'international']);
    expect(layoutWithPatterns(`<fo:block text-align="justify" language="xx" hyphenate="true">${LEAD} international</fo:block>`, { languages: ['xx'] }).lines).toEqual(['aaaa bbbb ccccc', 'international']);
  });

  it('should never hyphenate a word in all capitals', () => {
    expect(layoutWithPatterns(hyphenatedBlock(`${LEAD} INTERNATIONAL`)).lines).toEqual(['aaaa bbbb ccccc', 'INTERNATIONAL']);
  });

  it('should break a URL only at its separators, with no hyphen', () => {
    expect(layoutWithPatterns(hyphenatedBlock(`${LEAD} www.international.eu`)).lines).toEqual(['aaaa bbbb ccccc', 'www.international.eu']);
  });

  it('should break an e-mail address only before its @ or dots, with no hyphen added to it', () => {
    const { lines } = layoutWithPatterns(hyphenatedBlock(`${LEAD} someone@international.eu`));
    expect(lines.slice(-2)).toEqual(['ccc someone', '@international.eu']);
  });

  it('should not hyphenate the path of a long URL', () => {
    const { lines } = layoutWithPatterns(hyphenatedBlock(`${LEAD} http://www.example.org/representation/international`));
    // Today: ["aaaa bbbb cc-", "ccc http://", "www.example.org/rep-", "resentation/interna-", "tional"].
    expect(lines.filter((l) => /[a-z]-$/.test(l) && l.includes('/'))).toEqual([]);
  });
});

describe('soft hyphens', () => {
  it('should break at a soft hyphen the author typed, showing a hyphen, even without automatic hyphenation', () => {
    expect(layoutWithPatterns(`<fo:block text-align="justify">${LEAD} in\u00ADter\u00ADna\u00ADtional</fo:block>`).lines).toEqual(['aaaa bbbb ccccc in-', 'ternational']);
  });

  it('should not draw a soft hyphen that is not at a line end, and not count its width', () => {
    const { layout, lines } = layoutWithPatterns(`<fo:block>aaaa soft\u00ADhyphen</fo:block>`);
    expect(lines).toEqual(['aaaa softhyphen']);
    const texts = textsOf(layout);
    expect(texts.map((t) => t.text).join('')).not.toContain('\u00AD');
    expect(texts.reduce((w, t) => w + t.width, 0)).toBe(15 * 5);
  });
});

describe('hyphen ladder', () => {
  /** A text whose total-fit breaks in a 40-character measure hyphenate three lines, none in a row. */
  const TEXT = 'the representatives of international organisations discussed communication and administration responsibilities concerning international representation and the organisation of parliamentary communication between governmental institutions';

  it('should respect hyphenation-ladder-count in total fit', () => {
    for (const ladder of ['1', '2']) {
      const { layout } = layoutWithPatterns(hyphenatedBlock(TEXT, `font-size="5pt" line-height="6pt" hyphenation-ladder-count="${ladder}"`));
      const [p] = layout.stats.paragraphs;
      expect(p.hyphenated).toBeGreaterThan(0);
      expect(p.longestHyphenRun).toBeLessThanOrEqual(Number(ladder));
    }
  });

  it('should respect hyphenation-ladder-count="1" in first fit, the fallback of total fit', () => {
    // First fit sets "of international or-", "ganisations dis-": two hyphenated lines in a row.
    const { layout } = layoutWithPatterns(hyphenatedBlock('the representatives of international organisations discussed communication', 'hyphenation-ladder-count="1"'), { lineBreaking: 'first-fit' });
    expect(layout.stats.paragraphs[0].longestHyphenRun).toBeLessThanOrEqual(1);
  });
});

describe('first-fit line breaking', () => {
  it('should still justify the lines of a justified paragraph', () => {
    const { layout } = layoutWithPatterns(hyphenatedBlock('aaaa bbbb ccc dddd eeee ffff'), { lineBreaking: 'first-fit' });
    // "aaaa bbbb ccc dddd" is 90 pt: justified, its last word should end at the right edge (20 + 100 pt).
    const first = textsOf(layout).filter((t) => t.y === textsOf(layout)[0].y);
    const last = first[first.length - 1];
    expect(last.x + 20).toBeCloseTo(120, 6);
  });

  it('should not make overfull lines when a hyphen is added', () => {
    // "xxxxxxxxxxxxxxxxx in" fills the 20 characters exactly; the hyphen makes it 21 (and a warning).
    const { layout, ctx } = layoutWithPatterns(hyphenatedBlock('xxxxxxxxxxxxxxxxx international'), { lineBreaking: 'first-fit' });
    expect(ctx.warnings).toEqual([]);
    expect(layout.stats.overfullLines).toBe(0);
  });
});
