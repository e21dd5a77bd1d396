// Line breaking with the fixed-width fake font: alignment, justification, indents, long words, forced breaks, white space.
import { describe, expect, it } from 'vitest';
import { PAGE, layoutSnippet, linesOf, linesWithY, textsOf } from './foDocument.js';

/** Left edge of the body region. */
const LEFT = PAGE.margin;
/** Baseline of the first line: region top + half-leading + ascent (20 + 1 + 8). */
const FIRST_BASELINE = PAGE.margin + PAGE.baseline;
/** "aaaa bbbb cccc dddd" is 95 pt: "eeee" no longer fits in the 100 pt line. */
const FIVE_WORDS = 'aaaa bbbb cccc dddd eeee';

/** Text, x and baseline of every text item of page 1. */
function placed(snippet: string) {
  return textsOf(layoutSnippet(snippet).layout).map((t) => ({ text: t.text, x: t.x, y: t.y }));
}

describe('text-align', () => {
  it('should set start-aligned lines at the content start edge', () => {
    expect(placed(`<fo:block>${FIVE_WORDS}</fo:block>`)).toEqual([
      { text: 'aaaa bbbb cccc dddd', x: LEFT, y: FIRST_BASELINE },
      { text: 'eeee', x: LEFT, y: FIRST_BASELINE + PAGE.lineHeight },
    ]);
  });

  it('should centre a line in its slack', () => {
    // Line 1 has 5 pt slack, line 2 has 80 pt.
    expect(placed(`<fo:block text-align="center">${FIVE_WORDS}</fo:block>`)).toEqual([
      { text: 'aaaa bbbb cccc dddd', x: LEFT + 2.5, y: FIRST_BASELINE },
      { text: 'eeee', x: LEFT + 40, y: FIRST_BASELINE + PAGE.lineHeight },
    ]);
  });

  it('should set end-aligned lines against the end edge', () => {
    expect(placed(`<fo:block text-align="end">${FIVE_WORDS}</fo:block>`)).toEqual([
      { text: 'aaaa bbbb cccc dddd', x: LEFT + 5, y: FIRST_BASELINE },
      { text: 'eeee', x: LEFT + 80, y: FIRST_BASELINE + PAGE.lineHeight },
    ]);
  });

  it('should treat left and right as start and end', () => {
    expect(placed(`<fo:block text-align="right">aaaa</fo:block>`)).toEqual([{ text: 'aaaa', x: LEFT + 80, y: FIRST_BASELINE }]);
    expect(placed(`<fo:block text-align="left">aaaa</fo:block>`)).toEqual([{ text: 'aaaa', x: LEFT, y: FIRST_BASELINE }]);
  });

  it('should justify a line by sharing its slack between its spaces', () => {
    const items = placed(`<fo:block text-align="justify">${FIVE_WORDS}</fo:block>`);
    const firstLine = items.filter((i) => i.y === FIRST_BASELINE);
    expect(firstLine.map((i) => i.text)).toEqual(['aaaa ', 'bbbb ', 'cccc ', 'dddd']);
    // 5 pt slack over 3 spaces: each gap is 5 + 5/3 pt.
    const step = 20 + 5 + 5 / 3;
    firstLine.forEach((item, k) => expect(item.x).toBeCloseTo(LEFT + k * step, 9));
    // The last word ends exactly at the end edge.
    expect(firstLine[3].x + 20).toBeCloseTo(LEFT + PAGE.bodyWidth, 9);
  });

  it('should not justify the last line of a justified paragraph', () => {
    const items = placed(`<fo:block text-align="justify">${FIVE_WORDS} ffff</fo:block>`);
    expect(items.filter((i) => i.y === FIRST_BASELINE + PAGE.lineHeight)).toEqual([{ text: 'eeee ffff', x: LEFT, y: FIRST_BASELINE + PAGE.lineHeight }]);
  });

  it('should justify the last line too when text-align-last="justify"', () => {
    const items = placed(`<fo:block text-align="justify" text-align-last="justify">${FIVE_WORDS} ffff</fo:block>`);
    const last = items.filter((i) => i.y === FIRST_BASELINE + PAGE.lineHeight);
    expect(last.map((i) => [i.text, i.x])).toEqual([['eeee ', LEFT], ['ffff', LEFT + 80]]);
  });

  it('should not stretch a justified line ended by a forced break', () => {
    const items = placed(`<fo:block text-align="justify">aaaa bbbb<fo:block/>cccc</fo:block>`);
    expect(items).toEqual([
      { text: 'aaaa bbbb', x: LEFT, y: FIRST_BASELINE },
      { text: 'cccc', x: LEFT, y: FIRST_BASELINE + PAGE.lineHeight },
    ]);
  });
});

describe('text-indent', () => {
  it('should indent the first line only, and narrow it by the indent', () => {
    // The first line has 90 pt: "aaaa bbbb cccc" (70 pt) fits, " dddd" (95 pt) does not.
    expect(placed(`<fo:block text-indent="10pt">${FIVE_WORDS}</fo:block>`)).toEqual([
      { text: 'aaaa bbbb cccc', x: LEFT + 10, y: FIRST_BASELINE },
      { text: 'dddd eeee', x: LEFT, y: FIRST_BASELINE + PAGE.lineHeight },
    ]);
  });

  it('should hang the first line out with a negative indent inside a start-indent', () => {
    // start-indent 20pt leaves 80 pt lines; the first line starts 20 pt earlier and has 100 pt.
    expect(placed(`<fo:block start-indent="20pt" text-indent="-20pt">${FIVE_WORDS} ffff gggg</fo:block>`)).toEqual([
      { text: 'aaaa bbbb cccc dddd', x: LEFT, y: FIRST_BASELINE },
      { text: 'eeee ffff gggg', x: LEFT + 20, y: FIRST_BASELINE + PAGE.lineHeight },
    ]);
  });

  it('should add margin-left to the start edge of every line', () => {
    expect(placed(`<fo:block margin-left="15pt">aaaa</fo:block>`)).toEqual([{ text: 'aaaa', x: LEFT + 15, y: FIRST_BASELINE }]);
  });
});

describe('words longer than the column', () => {
  /** True when a string holds half of a surrogate pair. */
  const hasLoneSurrogate = (s: string) => /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(s);

  it('should break a long word into column-wide pieces', () => {
    const word = 'abcdefghijklmnopqrstuvwxy';
    const { layout, ctx } = layoutSnippet(`<fo:block>${word}</fo:block>`);
    expect(linesOf(layout)).toEqual(['abcdefghijklmnopqrst', 'uvwxy']);
    expect(ctx.warnings).toEqual([]);
  });

  it('should break astral letters between code points, never inside a surrogate pair', () => {
    // U+1D400 MATHEMATICAL BOLD CAPITAL A is a letter (no break opportunity between two), two UTF-16 units each.
    const word = '\u{1D400}'.repeat(25);
    const { layout } = layoutSnippet(`<fo:block>${word}</fo:block>`);
    const texts = textsOf(layout);
    expect(texts.map((t) => [...t.text].length)).toEqual([20, 5]);
    for (const t of texts) {
      expect(hasLoneSurrogate(t.text)).toBe(false);
      expect(t.x + t.width).toBeLessThanOrEqual(LEFT + PAGE.bodyWidth + 1e-9);
    }
    expect(texts.map((t) => t.text).join('')).toBe(word);
  });

  it('should keep a base letter and its combining accent together', () => {
    // "e\u0301" is one grapheme of two code points: 10 pt in the fake font, so 10 fit in a line.
    const word = 'e\u0301'.repeat(15);
    const { layout } = layoutSnippet(`<fo:block>${word}</fo:block>`);
    const texts = textsOf(layout);
    expect(texts.map((t) => t.text)).toEqual(['e\u0301'.repeat(10), 'e\u0301'.repeat(5)]);
    for (const t of texts) expect(t.text.startsWith('\u0301')).toBe(false);
  });

  it('should keep emoji whole and inside the column', () => {
    const word = 'x' + '\u{1F600}'.repeat(24) + 'y';
    const { layout } = layoutSnippet(`<fo:block>${word}</fo:block>`);
    const texts = textsOf(layout);
    for (const t of texts) {
      expect(hasLoneSurrogate(t.text)).toBe(false);
      expect(t.x).toBeGreaterThanOrEqual(LEFT);
      expect(t.x + t.width).toBeLessThanOrEqual(LEFT + PAGE.bodyWidth + 1e-9);
    }
    expect(texts.map((t) => t.text).join('')).toBe(word);
  });

  it('should keep an emoji ZWJ sequence in one piece', () => {
    const family = '\u{1F468}\u200D\u{1F469}\u200D\u{1F467}';
    const word = 'a'.repeat(18) + family + 'b';
    const { layout } = layoutSnippet(`<fo:block>${word}</fo:block>`);
    const texts = textsOf(layout).map((t) => t.text);
    expect(texts.join('')).toBe(word);
    expect(texts.some((t) => t.includes(family))).toBe(true);
    for (const t of texts) expect(hasLoneSurrogate(t)).toBe(false);
  });

  it('should break a long word that follows other words on a fresh line', () => {
    const { layout } = layoutSnippet(`<fo:block>ab ${'c'.repeat(30)} de</fo:block>`);
    expect(linesOf(layout)).toEqual(['ab', 'c'.repeat(20), 'c'.repeat(10) + ' de']);
  });
});

describe('forced line breaks', () => {
  it('should end a line at an empty fo:block inside a block', () => {
    const { layout } = layoutSnippet('<fo:block>one two<fo:block/>three</fo:block>');
    expect(linesWithY(layout)).toEqual([
      { y: FIRST_BASELINE, text: 'one two' },
      { y: FIRST_BASELINE + PAGE.lineHeight, text: 'three' },
    ]);
  });

  it('should not leave a space at the end of the broken line or the start of the next', () => {
    const { layout } = layoutSnippet('<fo:block>one two <fo:block/> three</fo:block>');
    expect(linesOf(layout)).toEqual(['one two', 'three']);
  });

  it('should give an empty line for two breaks in a row', () => {
    const { layout } = layoutSnippet('<fo:block>one<fo:block/><fo:block/>three</fo:block>');
    expect(linesWithY(layout)).toEqual([
      { y: FIRST_BASELINE, text: 'one' },
      { y: FIRST_BASELINE + 2 * PAGE.lineHeight, text: 'three' },
    ]);
  });
});

describe('white space', () => {
  it('should collapse runs of spaces, tabs and newlines into one space', () => {
    const { layout } = layoutSnippet('<fo:block>\n   one    two\n\n\t three   \n</fo:block>');
    expect(textsOf(layout).map((t) => [t.text, t.x])).toEqual([['one two three', LEFT]]);
  });

  it('should collapse spaces across inline boundaries', () => {
    const { layout } = layoutSnippet('<fo:block>one <fo:inline font-weight="bold"> two </fo:inline> three</fo:block>');
    expect(linesOf(layout)).toEqual(['one two three']);
    const bold = textsOf(layout).find((t) => t.font.weight === 700);
    expect(bold?.text.trim()).toBe('two');
    expect(bold?.x).toBe(LEFT + 4 * PAGE.charWidth);
  });

  it('should start no line with a space when a run of spaces falls at the break', () => {
    const { layout } = layoutSnippet('<fo:block>aaaa bbbb cccc dddd        \n\n   eeee     ffff</fo:block>');
    const lines = textsOf(layout);
    expect(linesOf(layout)).toEqual(['aaaa bbbb cccc dddd', 'eeee ffff']);
    for (const t of lines) expect(t.text.startsWith(' ')).toBe(false);
    expect(lines[1].x).toBe(LEFT);
  });

  it('should lay out nothing for a block of only white space', () => {
    const { layout } = layoutSnippet('<fo:block>   \n  </fo:block><fo:block>after</fo:block>');
    expect(linesWithY(layout)).toEqual([{ y: FIRST_BASELINE, text: 'after' }]);
  });
});

describe('line height', () => {
  it('should grow a line to hold a larger inline, baseline moved down', () => {
    // 20pt text with line-height 24pt: half-leading 2, ascent 16 → 18 above; the 10pt strut has 9 above.
    const { layout } = layoutSnippet('<fo:block>aa <fo:inline font-size="20pt" line-height="24pt">BB</fo:inline><fo:block/>cc</fo:block>');
    expect(linesWithY(layout)).toEqual([
      { y: PAGE.margin + 18, text: 'aa BB' },
      // The first line is 18 above + 6 below = 24 pt high.
      { y: PAGE.margin + 24 + PAGE.baseline, text: 'cc' },
    ]);
  });
});

describe('missing glyphs', () => {
  it('should refuse a character the font has no glyph for, naming it and its code point', () => {
    expect(() => layoutSnippet('<fo:block>a\u2603b</fo:block>', { missingGlyphs: [0x2603] })).toThrow(/"\u2603" \(U\+2603\)/);
  });

  it('should not refuse a character that the font has', () => {
    expect(() => layoutSnippet('<fo:block>a\u2603b</fo:block>', { missingGlyphs: [0x2604] })).not.toThrow();
  });
});

describe('block-container', () => {
  // Body 100 pt wide, 5 pt a character: a 50 pt container holds 10 characters a line, placed at its own start.
  it('should set its lines in its own width, from where it starts', () => {
    const { layout } = layoutSnippet('<fo:block-container width="50pt" margin-left="30pt"><fo:block start-indent="0pt">aaaa bbbb cccc dddd</fo:block></fo:block-container>');
    expect(linesOf(layout)).toEqual(['aaaa bbbb', 'cccc dddd']);
    expect(textsOf(layout).map((t) => t.x)).toEqual([PAGE.margin + 30, PAGE.margin + 30]);
  });
});
