// Turns a laid-out line at a position into page items: text runs, rules, images, link areas.
import type { LineFlowItem } from '../flow/items.js';
import { INLINE_ELEMENTS } from '../../fo/subset.js';
import type { FoElement } from '../../fo/types.js';
import type { PlacedFrag } from '../text/breakLines.js';
import type { Frag } from '../text/words.js';

/** Underline position below the baseline and thickness, as fractions of the font size (common typographic values). */
const UNDERLINE_OFFSET = 0.12;
const UNDERLINE_THICKNESS = 0.05;
import type { PageItem, TextItem } from '../types.js';

/** Resolves page numbers when the line is placed. */
export type PlacedNumber = (source: string, refId: string | null) => string;

/** Appends the items of `item` (not what is beside it) with its top at `top`, its region starting at `left`. */
export function placeLine(item: LineFlowItem, left: number, top: number, out: PageItem[], numberAt: PlacedNumber): void {
  const baseline = top + item.line.baseline;
  const x0 = left + item.x;
  let run: TextItem | null = null;
  for (const placed of item.line.frags) {
    run = placeFrag(placed, x0, baseline, out, run, numberAt);
  }
  placeSpans(item.line.frags, x0, (f) => f.style.link, (url, x, end, first) => out.push({ kind: 'link', x, y: top, width: end - x, height: item.line.height, url, path: first.style.path }));
  // Underlines run unbroken under a decorated span, across (stretched) spaces.
  placeSpans(item.line.frags, x0, (f) => (f.style.underline ? f.style.color : null), (color, x, end, frag) => {
    const y = baseline + frag.style.size * UNDERLINE_OFFSET;
    out.push({ kind: 'line', x1: x, y1: y, x2: end, y2: y, thickness: frag.style.size * UNDERLINE_THICKNESS, color, style: 'solid' });
  });
}

/** Places one frag; consecutive text frags of one style that touch are merged into one run (fewer PDF operators). */
function placeFrag(placed: PlacedFrag, x0: number, baseline: number, out: PageItem[], run: TextItem | null, numberAt: PlacedNumber): TextItem | null {
  const { frag } = placed;
  const x = x0 + placed.x;
  const y = baseline - frag.style.shift;
  switch (frag.kind) {
    case 'text':
    case 'number': {
      const text = (frag.kind === 'number' ? numberAt(frag.source, frag.refId) : frag.text) + (placed.spaceAfter > 0 ? ' ' : '');
      const s = frag.style;
      const width = frag.width + placed.spaceAfter;
      // Merge only where the run's own advance lands exactly here (so not across stretched, justified spaces).
      if (run && run.font === s.face && run.size === s.size && run.color === s.color && run.y === y && sameStructure(run, s) && Math.abs(run.x + run.width - x) < 0.01) {
        run.text += text;
        run.width += width;
        return run;
      }
      const item: TextItem = { kind: 'text', x, y, text, font: s.face, size: s.size, color: s.color, width, path: s.path };
      out.push(item);
      return item;
    }
    case 'leader':
      if (frag.pattern === 'rule' && frag.width > 0) {
        const ruleY = baseline - frag.style.size * 0.3;
        out.push({ kind: 'line', x1: x, y1: ruleY, x2: x + frag.width, y2: ruleY, thickness: frag.thickness, color: frag.style.color, style: 'solid', path: frag.style.path });
      }
      return null;
    case 'graphic':
      out.push({ kind: 'image', x, y: y - frag.height, width: frag.width, height: frag.height, src: frag.src, path: frag.style.path });
      return null;
  }
}

/** Text runs merge only inside one block and one link (or none): tagged PDF marks content per block and per link. */
function sameStructure(run: TextItem, style: Frag['style']): boolean {
  if (run.path === style.path) return true;
  return blockOf(run.path) === blockOf(style.path) && linkOf(run.path) === linkOf(style.path);
}

function blockOf(path: readonly FoElement[]): FoElement | undefined {
  for (let i = path.length - 1; i >= 0; i--) if (!INLINE_ELEMENTS.has(path[i].name)) return path[i];
  return undefined;
}

function linkOf(path: readonly FoElement[]): FoElement | undefined {
  return path.find((e) => e.name === 'basic-link');
}

/** Calls `emit` once per run of consecutive frags with the same non-null key (a link's URL, an underline's colour). */
function placeSpans(frags: PlacedFrag[], x0: number, keyOf: (f: Frag) => string | null, emit: (key: string, x: number, end: number, first: Frag) => void): void {
  let current: { key: string; x: number; end: number; first: Frag } | null = null;
  const flush = () => current && emit(current.key, current.x, current.end, current.first);
  for (const { frag, x } of frags) {
    const key = keyOf(frag);
    if (key && current && current.key === key) current.end = x0 + x + frag.width;
    else {
      flush();
      current = key ? { key, x: x0 + x, end: x0 + x + frag.width, first: frag } : null;
    }
  }
  flush();
}
