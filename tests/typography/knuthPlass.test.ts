// Knuth–Plass on classic cases, with boxes, glue and penalties given directly (widths in points, a 100 pt measure).
import { describe, expect, it } from 'vitest';
import { FORBIDDEN, FORCED, knuthPlass, type KPBreak, type KPItem, type KPParams } from '../../src/typeset/text/knuthPlass.js';

/** A 5 pt space that stretches by half and shrinks by a third (as breakLines makes them). */
const SPACE: KPItem = { type: 'glue', width: 5, stretch: 2.5, shrink: 5 / 3 };
/** TeX's \parfillskip: the last line is never stretched, and the paragraph ends with a forced break. */
const END: KPItem[] = [{ type: 'penalty', width: 0, penalty: FORBIDDEN, flagged: false }, { type: 'glue', width: 0, stretch: 1e9, shrink: 0 }, { type: 'penalty', width: 0, penalty: FORCED, flagged: false }];
const HYPHEN: KPItem = { type: 'penalty', width: 5, penalty: 50, flagged: true, optional: 'hyphen' };

/** Words given as [first part, second part after a hyphenation point (0: none)], joined by spaces, closed by END. */
function paragraph(words: [number, number][]): KPItem[] {
  const items: KPItem[] = [];
  words.forEach(([a, b], k) => {
    if (k > 0) items.push(SPACE);
    items.push({ type: 'box', width: a });
    if (b > 0) items.push(HYPHEN, { type: 'box', width: b });
  });
  return items.concat(END);
}

function params(p: Partial<KPParams> = {}): KPParams {
  return { lineWidth: () => 100, tolerance: 1, lineStretch: 0, ladderLimit: Infinity, allowHyphens: true, allowAddressBreaks: false, ...p };
}

/** The longest run of consecutive lines ending at a flagged (hyphen) break. */
function longestHyphenRun(items: KPItem[], breaks: KPBreak[]): number {
  let run = 0;
  let longest = 0;
  for (const b of breaks) {
    const item = items[b.position];
    run = item.type === 'penalty' && item.flagged ? run + 1 : 0;
    longest = Math.max(longest, run);
  }
  return longest;
}

/** First fit over the same boxes at natural width, for comparison: the adjustment ratio of each of its lines but the last. */
function firstFitRatios(widths: number[]): number[] {
  const lines: number[][] = [[]];
  let used = 0;
  for (const w of widths) {
    const line = lines[lines.length - 1];
    if (line.length > 0 && used + 5 + w > 100) {
      lines.push([w]);
      used = w;
    } else {
      used += (line.length > 0 ? 5 : 0) + w;
      line.push(w);
    }
  }
  return lines.slice(0, -1).map((l) => (100 - l.reduce((s, w) => s + w, 0) - 5 * (l.length - 1)) / (2.5 * (l.length - 1)));
}

describe('knuthPlass', () => {
  it('should shrink an early line rather than leave the very loose line first fit makes', () => {
    const widths = [20, 20, 20, 28, 60, 35];
    // First fit: "20 20 20" (70 pt of 100, two spaces stretched by 6 times their stretchability), then "28 60".
    expect(firstFitRatios(widths)).toEqual([6, 2.8]);
    const items = paragraph(widths.map((w) => [w, 0]));
    const breaks = knuthPlass(items, params())!;
    // Total fit: "20 20 20 28" (103 pt, shrunk: ratio −3/5), then "60 35" as the last line.
    expect(breaks.map((b) => b.position)).toEqual([7, items.length - 1]);
    expect(breaks[0].ratio).toBeCloseTo(-0.6, 9);
    expect(Math.abs(breaks[1].ratio)).toBeLessThan(1e-6);
  });

  it('should give every line of an exactly fitting paragraph a ratio of 0', () => {
    // Three lines of 30 + 5 + 30 + 5 + 30 = 100 pt.
    const items = paragraph(Array.from({ length: 9 }, () => [30, 0] as [number, number]));
    const breaks = knuthPlass(items, params())!;
    expect(breaks.map((b) => b.position)).toEqual([5, 11, items.length - 1]);
    for (const b of breaks.slice(0, -1)) expect(b.ratio).toBe(0);
  });

  it('should break at a forced penalty, and not stretch the line it ends when that line has fill', () => {
    const items: KPItem[] = [{ type: 'box', width: 30 }, SPACE, { type: 'box', width: 30 }, ...END.slice(0, 2), { type: 'penalty', width: 0, penalty: FORCED, flagged: false }, { type: 'box', width: 30 }, ...END];
    const breaks = knuthPlass(items, params())!;
    expect(breaks.map((b) => b.position)).toEqual([5, items.length - 1]);
  });

  it('should never break at a forbidden penalty (a no-break space)', () => {
    const boxes: KPItem[] = [{ type: 'box', width: 45 }, SPACE, { type: 'box', width: 45 }];
    // "45 45" (ratio 5/2.5 = 2), then "45".
    const free = [...boxes, SPACE, { type: 'box', width: 45 } as KPItem, ...END];
    expect(knuthPlass(free, params({ tolerance: 2 }))!.map((b) => b.position)).toEqual([3, free.length - 1]);
    // "45 45~45": the only place left to break leaves "45" alone on a justified line, which cannot stretch.
    const tied = [...boxes, { type: 'penalty', width: 0, penalty: FORBIDDEN, flagged: false } as KPItem, SPACE, { type: 'box', width: 45 } as KPItem, ...END];
    expect(knuthPlass(tied, params({ tolerance: 1000 }))).toBeNull();
  });

  it('should use hyphenation points only when hyphens are allowed', () => {
    const items = paragraph([[40, 0], [45, 45], [30, 0]]);
    // Without hyphens "40" alone cannot stretch (one box, no glue) and "40 90" is too long: no solution.
    expect(knuthPlass(items, params({ allowHyphens: false, tolerance: 50 }))).toBeNull();
    // With them: "40 45-" (95 pt incl. the hyphen, ratio 5/2.5 = 2), then "45 30".
    const breaks = knuthPlass(items, params({ tolerance: 2 }))!;
    expect(breaks.map((b) => b.position)).toEqual([3, items.length - 1]);
    expect(breaks[0].ratio).toBeCloseTo(2, 9);
  });

  it('should respect a hyphen ladder limit of 1 and of 2 where the unconstrained optimum hyphenates lines in a row', () => {
    // Found by search: with no limit the best breaks end two consecutive lines with hyphens.
    const items = paragraph([[25, 25], [35, 15], [20, 10], [20, 20], [20, 0], [35, 0], [25, 0], [10, 0], [25, 20], [35, 0], [20, 15], [25, 10], [15, 15], [30, 0], [25, 0], [10, 10]]);
    const run = (ladderLimit: number) => longestHyphenRun(items, knuthPlass(items, params({ tolerance: 2, ladderLimit }))!);
    expect(run(Infinity)).toBe(2);
    expect(run(2)).toBe(2);
    expect(run(1)).toBe(1);
  });

  it('should return null when no set of breaks stays within the tolerance', () => {
    // A box wider than the measure.
    expect(knuthPlass(paragraph([[120, 0]]), params({ tolerance: 50 }))).toBeNull();
    // "50 60" is too long and "50" alone has no glue to stretch: infeasible at any tolerance.
    expect(knuthPlass(paragraph([[50, 0], [60, 0]]), params({ tolerance: 1000 }))).toBeNull();
    // Two 30 pt words on a 100 pt line need ratio 35/2.5 = 14 (only the last line may be short).
    expect(knuthPlass(paragraph([[30, 0], [30, 0], [80, 0]]), params({ tolerance: 10 }))).toBeNull();
    expect(knuthPlass(paragraph([[30, 0], [30, 0], [80, 0]]), params({ tolerance: 14 }))).not.toBeNull();
  });

  it('should let ragged lines use the line stretch instead of their spaces', () => {
    const items: KPItem[] = [{ type: 'box', width: 30 }, { type: 'glue', width: 5, stretch: 0, shrink: 0 }, { type: 'box', width: 80 }, ...END];
    expect(knuthPlass(items, params({ tolerance: 1 }))).toBeNull();
    // 30 pt ragged edge shared with a 30 pt invisible stretch: ratio 70/30 > 1; with 100 pt of it, 0.7.
    const breaks = knuthPlass(items, params({ tolerance: 1, lineStretch: 100 }))!;
    expect(breaks[0].ratio).toBeCloseTo(0.7, 9);
  });
});
