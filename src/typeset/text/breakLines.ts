// Breaks measured words into lines: Knuth–Plass total fit (with hyphenation when needed), first fit as the fallback that never fails.
import type { FoProps } from '../../fo/types.js';
import type { LayoutContext } from '../context.js';
import { FORBIDDEN, FORCED, knuthPlass, type KPBreak, type KPItem } from './knuthPlass.js';
import type { FootnoteRef, TextStyle } from './pieces.js';
import { graphemesOf } from './graphemes.js';
import { hyphenationPieces } from './splitWord.js';
import { textFrag, type Frag, type Word } from './words.js';

/** A frag placed on a line, x from the line's content start. */
export interface PlacedFrag {
  frag: Frag;
  x: number;
  /** Natural width of the space that follows the frag on this line (0 if none); drawn as a real space so text extraction keeps words apart. */
  spaceAfter: number;
}

/** One line of a paragraph. */
export interface LineBox {
  /** Height of the line box. */
  height: number;
  /** Distance from the top of the line box to the baseline. */
  baseline: number;
  frags: PlacedFrag[];
  /** Footnote bodies referenced on this line. */
  footnotes: FootnoteRef[];
  /** The natural width exceeded the available width (reported as a warning). */
  overfull: boolean;
  /** How much the spaces were stretched (> 0) or shrunk (< 0), relative to their stretchability; 0 for ragged lines. */
  ratio: number;
  /** The line ends with a hyphen added at a hyphenation point. */
  hyphenated: boolean;
  /** Spaces on the line (for evenness figures). */
  spaces: number;
}

/** What shapes a paragraph's lines. */
export interface ParagraphShape {
  /** Available width for every line. */
  width: number;
  props: FoProps;
  /** The style of the block itself: its font gives the minimum line height (the "strut"). */
  strut: TextStyle;
}

/** Inter-word space may stretch by half its width and shrink by a third (TeX's choice for text fonts). */
const SPACE_STRETCH = 1 / 2;
const SPACE_SHRINK = 1 / 3;
/** Ragged lines: an invisible stretch of 3 em at the line end lets total fit even out the ragged edge (TeX's ragged-right). */
const RAGGED_STRETCH_EM = 3;
/**
 * Passes: first without hyphenation (TeX's \pretolerance pass: most paragraphs end here, and their words are never
 * looked up in the patterns), then with it, then passes that accept loose lines before breaking URLs and e-mail
 * addresses (a short ragged line is better than a broken address).
 */
type Pass = { tolerance: number; hyphens: boolean; addresses: boolean };
const FIRST_PASS: Pass[] = [{ tolerance: 1, hyphens: false, addresses: false }];
const LATER_PASSES: Pass[] = [
  { tolerance: 2, hyphens: true, addresses: false },
  { tolerance: 50, hyphens: true, addresses: false },
  { tolerance: 50, hyphens: true, addresses: true },
];
/** Penalties: a hyphenation break, and a break inside a URL or after an explicit hyphen. */
const HYPHEN_PENALTY = 50;
const PLAIN_BREAK_PENALTY = 0;
/** Paragraphs longer than this many words are broken first fit: total fit's cost grows with length and gains little there. */
const MAX_TOTAL_FIT_WORDS = 20_000;


/** Breaks words into line boxes. */
export function breakLines(words: Word[], shape: ParagraphShape, ctx: LayoutContext): LineBox[] {
  if (words.length === 0) return [makeLine([], shape, { ratio: 0, last: true, first: true, hyphen: null })];
  const justified = shape.props.textAlign === 'justify';
  const widest = shape.width - Math.max(0, shape.props.textIndent);
  const totalFitWanted = (ctx.lineBreaking ?? 'total-fit') === 'total-fit' && words.length <= MAX_TOTAL_FIT_WORDS;
  const tooWide = words.some((w) => w.width > widest);
  // 1. Total fit without hyphenation, the words whole (a word wider than a line needs the later passes).
  let all = words;
  let breaks = totalFitWanted && !tooWide ? totalFit(all, shape, justified, ctx, FIRST_PASS) : null;
  if (!breaks) {
    // 2. The words cut at their hyphenation points, and words still wider than a line between graphemes (every box
    // fits); then total fit in passes of growing tolerance, and first fit when it finds nothing (or is not wanted).
    all = words.some((w) => w.hyphenatable) ? words.flatMap((w) => hyphenationPieces(w, ctx)) : words;
    if (tooWide) all = all.flatMap((w) => splitWide(w, widest, ctx));
    breaks = totalFitWanted ? totalFit(all, shape, justified, ctx, LATER_PASSES) : null;
  }
  const chosen = breaks ?? firstFit(all, shape, justified, ctx);
  // 3. Make the lines.
  const lines: LineBox[] = [];
  let start = 0;
  chosen.forEach((b, i) => {
    const end = Math.min(all.length, Math.floor(b.position / 2) + 1);
    const lineWords = all.slice(start, end);
    const lastWord = lineWords[lineWords.length - 1];
    const last = i === chosen.length - 1 || (lastWord?.forcedBreak ?? false);
    const hyphen = lastWord && lastWord.hyphenAfter && !last ? hyphenFrag(lastWord, ctx) : null;
    // A last line is never stretched, but it may have been shrunk to fit.
    lines.push(makeLine(lineWords, shape, { ratio: justified ? (last ? Math.min(0, b.ratio) : b.ratio) : 0, last, first: i === 0, hyphen }));
    start = end;
  });
  return lines;
}

/** The paragraph as boxes, glue and penalties: item 2k is word k, item 2k+1 what follows it. */
function itemsOf(words: Word[], justified: boolean, ctx: LayoutContext): KPItem[] {
  const items: KPItem[] = [];
  words.forEach((w, k) => {
    items.push({ type: 'box', width: w.width });
    if (k === words.length - 1) items.push({ type: 'penalty', width: 0, penalty: FORCED, flagged: false });
    else if (w.forcedBreak) items.push({ type: 'penalty', width: 0, penalty: FORCED, flagged: false });
    else if (w.space) items.push({ type: 'glue', width: w.space.width, stretch: justified ? w.space.width * SPACE_STRETCH : 0, shrink: justified ? w.space.width * SPACE_SHRINK : 0 });
    else if (w.hyphenAfter) items.push({ type: 'penalty', width: w.frags.length ? hyphenFrag(w, ctx).width : 0, penalty: HYPHEN_PENALTY, flagged: true, optional: 'hyphen' });
    else if (w.addressBreakAfter) items.push({ type: 'penalty', width: 0, penalty: PLAIN_BREAK_PENALTY, flagged: false, optional: 'address' });
    else items.push({ type: 'penalty', width: 0, penalty: PLAIN_BREAK_PENALTY, flagged: endsWithHyphen(w) });
  });
  return items;
}

/** Knuth–Plass over the words; the last line of each forced segment is not stretched (TeX's \parfillskip). */
function totalFit(words: Word[], shape: ParagraphShape, justified: boolean, ctx: LayoutContext, passes: readonly Pass[]): KPBreak[] | null {
  const items = itemsOf(words, justified, ctx);
  // Lines ending at a forced break (the last of a paragraph, or before a line break) may be short: give them infinite stretch.
  const withFill: KPItem[] = [];
  const positions: number[] = [];
  items.forEach((item, i) => {
    if (item.type === 'penalty' && item.penalty === FORCED) {
      // TeX's \penalty10000 \hskip 0pt plus 1fil: no break before the fill, which is not a break itself.
      withFill.push({ type: 'penalty', width: 0, penalty: FORBIDDEN, flagged: false }, { type: 'glue', width: 0, stretch: 1e9, shrink: 0 });
      positions.push(-1, -1);
    }
    withFill.push(item);
    positions.push(i);
  });
  const lineStretch = justified ? 0 : RAGGED_STRETCH_EM * shape.strut.size;
  for (const pass of passes) {
    const found = knuthPlass(withFill, {
      lineWidth: (line) => shape.width - (line === 0 ? shape.props.textIndent : 0),
      tolerance: pass.tolerance,
      lineStretch,
      ladderLimit: shape.props.hyphenationLadder,
      allowHyphens: pass.hyphens,
      allowAddressBreaks: pass.addresses,
    });
    if (found) return found.map((b) => ({ position: positions[b.position], ratio: b.ratio > 1e6 ? 0 : b.ratio }));
  }
  return null;
}

/**
 * First fit: as many words as fit on each line (the fallback that always succeeds). It counts the hyphen a
 * hyphenation break adds, keeps to the hyphen ladder, and gives justified lines their stretch ratio.
 */
function firstFit(words: Word[], shape: ParagraphShape, justified: boolean, ctx: LayoutContext): KPBreak[] {
  const breaks: KPBreak[] = [];
  let start = 0;
  let hyphenRun = 0;
  while (start < words.length) {
    const available = shape.width - (breaks.length === 0 ? shape.props.textIndent : 0);
    let natural = 0;
    let chosen = -1;
    let chosenNatural = 0;
    for (let j = start; j < words.length; j++) {
      natural += (j > start ? words[j - 1].space?.width ?? 0 : 0) + words[j].width;
      const end = j === words.length - 1 || words[j].forcedBreak;
      const hyphen = !end && words[j].hyphenAfter ? hyphenFrag(words[j], ctx).width : 0;
      if (j > start && natural + hyphen > available + 1e-6) break;
      if (end || !words[j].hyphenAfter || hyphenRun < shape.props.hyphenationLadder) {
        chosen = j;
        chosenNatural = natural + hyphen;
      }
      if (end) break;
    }
    if (chosen < 0) chosen = start;
    const last = chosen === words.length - 1 || words[chosen].forcedBreak;
    const stretch = words.slice(start, chosen).reduce((sum, w) => sum + (w.space ? w.space.width * SPACE_STRETCH : 0), 0);
    breaks.push({ position: 2 * chosen + 1, ratio: justified && !last && stretch > 0 ? Math.max(0, available - chosenNatural) / stretch : 0 });
    hyphenRun = !last && words[chosen].hyphenAfter ? hyphenRun + 1 : 0;
    start = chosen + 1;
  }
  return breaks;
}

function endsWithHyphen(w: Word): boolean {
  const last = w.frags[w.frags.length - 1];
  return last?.kind === 'text' && /[-\u2010]$/.test(last.text);
}

/** The hyphen drawn at the end of a hyphenated line, in the style of the word it ends. */
function hyphenFrag(w: Word, ctx: LayoutContext): Frag {
  const last = w.frags[w.frags.length - 1];
  const ch = last.style.hyphenation?.character ?? '-';
  return textFrag(ch, last.style, ctx);
}

/** Places the words of one line: alignment, justification by `ratio`, line height and baseline. */
function makeLine(words: Word[], shape: ParagraphShape, how: { ratio: number; last: boolean; first: boolean; hyphen: Frag | null }): LineBox {
  const width = shape.width - (how.first ? shape.props.textIndent : 0);
  const n = words.length;
  const spaceOf = (w: Word, i: number) => (i < n - 1 && w.space ? w.space.width : 0);
  // One pass for the sums: natural width, spaces between words, elastic leaders. Each sum adds in the order it always
  // did (floating point): the lines stay bit-identical.
  let natural = 0;
  let spaces = 0;
  let elastic = 0;
  for (let i = 0; i < n; i++) {
    const w = words[i];
    natural = natural + w.width + spaceOf(w, i);
    if (i < n - 1 && w.space) spaces++;
    for (const f of w.frags) if (f.kind === 'leader' && f.elastic) elastic++;
  }
  natural += how.hyphen?.width ?? 0;
  const align = how.last ? lastLineAlign(shape.props) : shape.props.textAlign;
  // In a justified line, leaders without a length take the slack (as FOP's do); otherwise the spaces do.
  const slack = width - natural;
  const leaderGrowth = align === 'justify' && elastic > 0 && slack > 0 ? slack / elastic : 0;
  const spaceAdjust = (w: Word) => {
    if (!w.space || leaderGrowth) return 0;
    if (how.ratio < 0) return w.space.width * how.ratio * SPACE_SHRINK;
    if (align !== 'justify') return 0;
    return how.last ? (spaces > 0 ? Math.max(0, slack) / spaces : 0) : w.space.width * how.ratio * SPACE_STRETCH;
  };
  let adjusted = 0;
  if (!leaderGrowth) for (let i = 0; i < n - 1; i++) adjusted += spaceAdjust(words[i]);
  const used = natural + (leaderGrowth ? slack : adjusted);
  const free = width - used;
  let x = (how.first ? shape.props.textIndent : 0) + (free > 0 ? (align === 'center' ? free / 2 : align === 'end' ? free : 0) : 0);
  const frags: PlacedFrag[] = [];
  let footnotes: FootnoteRef[] = NO_FOOTNOTES;
  for (let i = 0; i < n; i++) {
    const word = words[i];
    const last = word.frags.length - 1;
    for (let k = 0; k <= last; k++) {
      const original = word.frags[k];
      const frag = leaderGrowth && original.kind === 'leader' && original.elastic ? { ...original, width: original.width + leaderGrowth } : original;
      frags.push({ frag, x, spaceAfter: k === last ? spaceOf(word, i) : 0 });
      x += frag.width;
    }
    if (i < n - 1 && word.space) x += word.space.width + spaceAdjust(word);
    if (word.footnotes.length) footnotes = footnotes.concat(word.footnotes);
  }
  if (how.hyphen) frags.push({ frag: how.hyphen, x, spaceAfter: 0 });
  const { height, baseline } = lineMetrics(words, shape.strut);
  return { height, baseline, frags, footnotes: footnotes === NO_FOOTNOTES ? [] : footnotes, overfull: free < -0.01, ratio: how.ratio, hyphenated: how.hyphen !== null, spaces };
}

/** Stands for "no footnotes yet" while a line is made (a fresh array is made only when one is found). */
const NO_FOOTNOTES: FootnoteRef[] = [];

/** text-align-last: "relative" follows text-align, except that justify becomes start. */
function lastLineAlign(props: FoProps): FoProps['textAlign'] {
  if (props.textAlignLast !== 'relative') return props.textAlignLast;
  return props.textAlign === 'justify' ? 'start' : props.textAlign;
}

/** The line box: each style's line-height centred on its glyphs (half-leading), the block's strut included. */
function lineMetrics(words: Word[], strut: TextStyle): { height: number; baseline: number } {
  const extent = { above: 0, below: 0 };
  include(extent, strut, 0);
  for (const w of words) for (const f of w.frags) include(extent, f.style, f.kind === 'graphic' ? Math.max(0, f.height - f.style.face.ascent * f.style.size) : 0);
  return { height: extent.above + extent.below, baseline: extent.above };
}

/** Grows the line's extent above and below the baseline to hold text of `style` (and `extraAbove`, a graphic's excess). */
function include(extent: { above: number; below: number }, style: TextStyle, extraAbove: number): void {
  const a = style.face.ascent * style.size;
  const d = style.face.descent * style.size;
  const half = (style.lineHeight - (a + d)) / 2;
  extent.above = Math.max(extent.above, a + half + style.shift + extraAbove);
  extent.below = Math.max(extent.below, d + half - style.shift);
}

/** Splits a word wider than the line at grapheme boundaries (never inside a surrogate pair or combining sequence). */
function splitWide(word: Word, width: number, ctx: LayoutContext): Word[] {
  if (word.width <= width || width <= 0) return [word];
  const out: Word[] = [];
  let frags: Frag[] = [];
  let used = 0;
  const push = () => {
    if (frags.length) out.push({ frags, width: used, space: null, forcedBreak: false, hyphenAfter: false, footnotes: [] });
    frags = [];
    used = 0;
  };
  for (const frag of word.frags) {
    if (frag.kind !== 'text') {
      if (used + frag.width > width) push();
      frags.push(frag);
      used += frag.width;
      continue;
    }
    // Grapheme by grapheme, each measured alone (cached): linear in the word's length, however long it is.
    let chunk = '';
    let chunkWidth = 0;
    for (const segment of graphemesOf(frag.text)) {
      const w = ctx.metrics.widthOf(frag.style.face, segment) * frag.style.size;
      if (used + chunkWidth + w > width && (chunk || frags.length)) {
        if (chunk) frags.push(textFrag(chunk, frag.style, ctx));
        used += chunk ? frags[frags.length - 1].width : 0;
        push();
        chunk = segment;
        chunkWidth = w;
      } else {
        chunk += segment;
        chunkWidth += w;
      }
    }
    if (chunk) {
      const f = textFrag(chunk, frag.style, ctx);
      frags.push(f);
      used += f.width;
    }
  }
  push();
  const lastWord = out[out.length - 1];
  Object.assign(lastWord, { space: word.space, forcedBreak: word.forcedBreak, hyphenAfter: word.hyphenAfter });
  out[0].footnotes = word.footnotes;
  return out;
}
