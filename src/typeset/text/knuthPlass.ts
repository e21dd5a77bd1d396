// Knuth–Plass total-fit line breaking over boxes, glue and penalties (Knuth & Plass 1981), with a hyphen ladder limit.

/** An item of a paragraph as the breaker sees it. */
export type KPItem =
  | { type: 'box'; width: number }
  | { type: 'glue'; width: number; stretch: number; shrink: number }
  | { type: 'penalty'; width: number; penalty: number; flagged: boolean; /** Allowed only in passes that allow it. */ optional?: 'hyphen' | 'address' };

/** A penalty that forces a break (TeX's −10000). */
export const FORCED = -Infinity;
/** A penalty that forbids a break. */
export const FORBIDDEN = Infinity;

/** What shapes the breaking. */
export interface KPParams {
  /** Width available to line `index` (0-based). */
  lineWidth(index: number): number;
  /** Largest adjustment ratio allowed (1 = spaces stretched by their full stretchability). */
  tolerance: number;
  /** Stretch every line has besides its glue (ragged text's invisible right-hand glue); 0 for justified text. */
  lineStretch: number;
  /** Most consecutive lines that may end with a flagged (hyphen) break; Infinity for no limit. */
  ladderLimit: number;
  /** Whether hyphenation points may be used. */
  allowHyphens: boolean;
  /** Whether URLs and e-mail addresses may be broken. */
  allowAddressBreaks: boolean;
}

/** A chosen break: the item index where the line ends, and the line's adjustment ratio. */
export interface KPBreak {
  position: number;
  ratio: number;
}

/** Demerits added per line, for two hyphenated lines in a row, and for lines of very different tightness (TeX's values). */
const LINE_PENALTY = 10;
const DOUBLE_HYPHEN_DEMERITS = 3000;
const FITNESS_DEMERITS = 100;

interface Node {
  position: number;
  line: number;
  fitness: number;
  hyphens: number;
  totalWidth: number;
  totalStretch: number;
  totalShrink: number;
  demerits: number;
  ratio: number;
  previous: Node | null;
}

/** Finds the breaks with the least total demerits, or null when no set of breaks stays within the tolerance. */
export function knuthPlass(items: KPItem[], params: KPParams): KPBreak[] | null {
  let active: Node[] = [{ position: -1, line: 0, fitness: 1, hyphens: 0, totalWidth: 0, totalStretch: 0, totalShrink: 0, demerits: 0, ratio: 0, previous: null }];
  let width = 0;
  let stretch = 0;
  let shrink = 0;
  for (let i = 0; i < items.length; i++) {
    const item = items[i];
    if (item.type === 'box') {
      width += item.width;
      continue;
    }
    const breakable =
      item.type === 'glue'
        ? i > 0 && items[i - 1].type === 'box'
        : item.penalty < FORBIDDEN && (item.optional === undefined || (item.optional === 'hyphen' ? params.allowHyphens : params.allowAddressBreaks));
    if (breakable) active = considerBreak(items, i, active, width, stretch, shrink, params);
    if (active.length === 0) return null;
    if (item.type === 'glue') {
      width += item.width;
      stretch += item.stretch;
      shrink += item.shrink;
    }
  }
  const best = active.filter((n) => n.position === items.length - 1).reduce<Node | null>((b, n) => (!b || n.demerits < b.demerits ? n : b), null);
  if (!best) return null;
  const breaks: KPBreak[] = [];
  for (let n: Node | null = best; n && n.position >= 0; n = n.previous) breaks.push({ position: n.position, ratio: n.ratio });
  return breaks.reverse();
}

/**
 * Tries a break at item `b` from every active node (the running sums up to `b` given); deactivates nodes that can no
 * longer reach it. Most breaks change nothing: then `active` itself is returned, and no array is made.
 */
function considerBreak(items: KPItem[], b: number, active: Node[], width: number, stretch: number, shrink: number, params: KPParams): Node[] {
  const item = items[b];
  const penalty = item.type === 'penalty' ? item.penalty : 0;
  const flagged = item.type === 'penalty' && item.flagged;
  const breakWidth = item.type === 'penalty' ? item.width : 0;
  // The nodes kept, once one is dropped (until then, the first ones of `active`).
  let kept: Node[] | null = null;
  // The best new node per (line, fitness, hyphens), in the order first found: few, so a list beats a keyed map.
  let candidates: Node[] | null = null;
  for (let n = 0; n < active.length; n++) {
    const node = active[n];
    const lineWidth = params.lineWidth(node.line);
    const natural = width - node.totalWidth + breakWidth;
    const ratio = adjustmentRatio(natural, lineWidth, stretch - node.totalStretch + params.lineStretch, shrink - node.totalShrink);
    // A node whose line is already too long (ratio < -1) can never reach further breaks; forced breaks end every line.
    if (ratio >= -1 && penalty !== FORCED) kept?.push(node);
    else kept ??= active.slice(0, n);
    if (ratio < -1 || ratio > params.tolerance) continue;
    const hyphens = flagged ? node.hyphens + 1 : 0;
    if (hyphens > params.ladderLimit) continue;
    const badness = 100 * Math.abs(ratio) ** 3;
    let demerits = (LINE_PENALTY + badness) ** 2;
    if (penalty >= 0 && penalty < FORBIDDEN) demerits += penalty ** 2;
    else if (penalty > FORCED) demerits -= penalty ** 2;
    if (flagged && node.hyphens > 0) demerits += DOUBLE_HYPHEN_DEMERITS;
    const fitness = ratio < -0.5 ? 0 : ratio <= 0.5 ? 1 : ratio <= 1 ? 2 : 3;
    if (Math.abs(fitness - node.fitness) > 1) demerits += FITNESS_DEMERITS;
    demerits += node.demerits;
    const line = node.line + 1;
    candidates ??= [];
    const k = candidates.findIndex((c) => c.line === line && c.fitness === fitness && c.hyphens === hyphens);
    if (k < 0 || demerits < candidates[k].demerits) {
      const candidate: Node = { position: b, line, fitness, hyphens, totalWidth: 0, totalStretch: 0, totalShrink: 0, demerits, ratio, previous: node };
      sumsAfter(items, b, width, stretch, shrink, candidate);
      if (k < 0) candidates.push(candidate);
      else candidates[k] = candidate;
    }
  }
  if (candidates === null) return penalty === FORCED ? [] : (kept ?? active);
  // The caller replaces `active` with what is returned, so it may grow in place.
  const next = kept ?? active;
  for (const c of candidates) next.push(c);
  return next;
}

/** How much the line's glue must stretch (> 0) or shrink (< 0) to fill the width; Infinity if it cannot stretch. */
function adjustmentRatio(natural: number, width: number, stretch: number, shrink: number): number {
  if (natural < width) return stretch > 0 ? (width - natural) / stretch : Infinity;
  if (natural > width) return shrink > 0 ? (width - natural) / shrink : -Infinity;
  return 0;
}

/** Sets the node's running sums to those just after a break at `b`: glue and penalties after a break are discarded up to the next box. */
function sumsAfter(items: KPItem[], b: number, width: number, stretch: number, shrink: number, node: Node): void {
  let totalWidth = width;
  let totalStretch = stretch;
  let totalShrink = shrink;
  for (let i = b; i < items.length; i++) {
    const item = items[i];
    if (item.type === 'box') break;
    if (item.type === 'glue') {
      totalWidth += item.width;
      totalStretch += item.stretch;
      totalShrink += item.shrink;
    } else if (item.penalty === FORCED && i > b) break;
  }
  node.totalWidth = totalWidth;
  node.totalStretch = totalStretch;
  node.totalShrink = totalShrink;
}
