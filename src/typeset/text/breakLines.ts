// Breaks measured words into lines (first fit), aligns and justifies them, and splits words wider than a line.
import type { FoElement, FoProps } from '../../fo/types.js';
import type { LayoutContext } from '../context.js';
import type { TextStyle } from './pieces.js';
import type { Frag, Word } from './words.js';

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
  footnotes: FoElement[];
  /** The natural width exceeded the available width (reported as a warning). */
  overfull: boolean;
}

/** What shapes a paragraph's lines. */
export interface ParagraphShape {
  /** Available width for every line. */
  width: number;
  props: FoProps;
  /** The style of the block itself: its font gives the minimum line height (the "strut"). */
  strut: TextStyle;
}

const segmenter = new Intl.Segmenter('und', { granularity: 'grapheme' });

/** Breaks words into line boxes. */
export function breakLines(words: Word[], shape: ParagraphShape, ctx: LayoutContext): LineBox[] {
  const lines: LineBox[] = [];
  let current: Word[] = [];
  let currentWidth = 0;
  const available = () => shape.width - (lines.length === 0 ? shape.props.textIndent : 0);
  const flush = (last: boolean) => {
    lines.push(makeLine(current, available(), shape, last, lines.length === 0));
    current = [];
    currentWidth = 0;
  };
  for (const word of words.flatMap((w) => splitWide(w, shape.width - Math.max(0, shape.props.textIndent), ctx))) {
    const gap = current.length ? current[current.length - 1].space?.width ?? 0 : 0;
    if (current.length && currentWidth + gap + word.width > available() + 1e-6) flush(false);
    currentWidth += (current.length ? current[current.length - 1].space?.width ?? 0 : 0) + word.width;
    current.push(word);
    if (word.forcedBreak) flush(true);
  }
  if (current.length || lines.length === 0) flush(true);
  return lines;
}

/** Places the words of one line: alignment, justification, line height and baseline. */
function makeLine(words: Word[], width: number, shape: ParagraphShape, last: boolean, first: boolean): LineBox {
  const natural = words.reduce((w, word, i) => w + word.width + (i < words.length - 1 ? word.space?.width ?? 0 : 0), 0);
  const spaces = words.slice(0, -1).filter((w) => w.space).length;
  const align = last ? lastLineAlign(shape.props) : shape.props.textAlign;
  const slack = width - natural;
  // In a justified line, leaders without a length take the slack (as FOP's do); otherwise the spaces do.
  const elastic = words.flatMap((w) => w.frags).filter((f): f is Frag & { kind: 'leader' } => f.kind === 'leader' && f.elastic);
  const leaderGrowth = align === 'justify' && elastic.length > 0 && slack > 0 ? slack / elastic.length : 0;
  const stretch = align === 'justify' && !leaderGrowth && spaces > 0 && slack > 0 ? slack / spaces : 0;
  let x = (first ? shape.props.textIndent : 0) + (align === 'center' ? slack / 2 : align === 'end' ? slack : 0);
  if (slack < 0) x = first ? shape.props.textIndent : 0;
  const frags: PlacedFrag[] = [];
  words.forEach((word, i) => {
    word.frags.forEach((original, k) => {
      const frag = leaderGrowth && original.kind === 'leader' && original.elastic ? { ...original, width: original.width + leaderGrowth } : original;
      frags.push({ frag, x, spaceAfter: k === word.frags.length - 1 && i < words.length - 1 ? word.space?.width ?? 0 : 0 });
      x += frag.width;
    });
    if (i < words.length - 1 && word.space) x += word.space.width + stretch;
  });
  const { height, baseline } = lineMetrics(words, shape.strut);
  return { height, baseline, frags, footnotes: words.flatMap((w) => w.footnotes), overfull: slack < -0.01 };
}

/** text-align-last: "relative" follows text-align, except that justify becomes start. */
function lastLineAlign(props: FoProps): FoProps['textAlign'] {
  if (props.textAlignLast !== 'relative') return props.textAlignLast;
  return props.textAlign === 'justify' ? 'start' : props.textAlign;
}

/** The line box: each style's line-height centred on its glyphs (half-leading), the block's strut included. */
function lineMetrics(words: Word[], strut: TextStyle): { height: number; baseline: number } {
  let above = 0;
  let below = 0;
  const include = (style: TextStyle, extraAbove = 0) => {
    const a = style.face.ascent * style.size;
    const d = style.face.descent * style.size;
    const half = (style.lineHeight - (a + d)) / 2;
    above = Math.max(above, a + half + style.shift + extraAbove);
    below = Math.max(below, d + half - style.shift);
  };
  include(strut);
  for (const w of words) for (const f of w.frags) include(f.style, f.kind === 'graphic' ? Math.max(0, f.height - f.style.face.ascent * f.style.size) : 0);
  return { height: above + below, baseline: above };
}

/** Splits a word wider than the line at grapheme boundaries (never inside a surrogate pair or combining sequence). */
function splitWide(word: Word, width: number, ctx: LayoutContext): Word[] {
  if (word.width <= width || width <= 0) return [word];
  const out: Word[] = [];
  let frags: Frag[] = [];
  let used = 0;
  const push = () => {
    if (frags.length) out.push({ frags, width: used, space: null, forcedBreak: false, footnotes: [] });
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
    let chunk = '';
    for (const { segment } of segmenter.segment(frag.text)) {
      const w = ctx.metrics.widthOf(frag.style.face, chunk + segment) * frag.style.size;
      if (used + w > width && (chunk || frags.length)) {
        if (chunk) frags.push(textFrag(frag, chunk, ctx));
        used += chunk ? ctx.metrics.widthOf(frag.style.face, chunk) * frag.style.size : 0;
        push();
        chunk = segment;
      } else chunk += segment;
    }
    if (chunk) {
      const f = textFrag(frag, chunk, ctx);
      frags.push(f);
      used += f.width;
    }
  }
  push();
  const lastWord = out[out.length - 1];
  Object.assign(lastWord, { space: word.space, forcedBreak: word.forcedBreak });
  out[0].footnotes = word.footnotes;
  return out;
}

function textFrag(frag: Frag & { kind: 'text' }, text: string, ctx: LayoutContext): Frag {
  return { kind: 'text', text, style: frag.style, width: ctx.metrics.widthOf(frag.style.face, text) * frag.style.size };
}
