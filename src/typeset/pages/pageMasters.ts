// Page masters: page size, regions and their rectangles, and which master each page of a sequence uses.
import { fail } from '../../diagnostics/PressroomError.js';
import { fourSides, parseInteger, parseLength, splitShorthand } from '../../fo/parseValues.js';
import type { FoElement } from '../../fo/types.js';

/** A rectangle on the page, y downwards from the top. */
export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** A region of a page master: where its content goes. */
export interface Region {
  /** `xsl-region-body`, `xsl-region-before`… unless the layout named it. */
  name: string;
  kind: 'body' | 'before' | 'after' | 'start' | 'end';
  /** The content rectangle (inside the region's padding and borders). */
  rect: Rect;
  element: FoElement;
  columnCount: number;
  columnGap: number;
}

/** A simple-page-master, resolved. */
export interface PageMaster {
  name: string;
  width: number;
  height: number;
  body: Region;
  sides: Region[];
}

/** The masters of a layout-master-set. */
export interface Masters {
  simple: Map<string, PageMaster>;
  sequences: Map<string, FoElement>;
}

/** Smallest page side we accept: below this no text fits, and a layout asking for it is a mistake. */
const MIN_PAGE_SIDE = 72;
/** A4, XSL's page size when the master gives none here (the specification leaves "auto" to the implementation). */
const A4 = { width: 595.28, height: 841.89 };

/** Reads every page master of the layout-master-set. */
export function readMasters(set: FoElement, file: string): Masters {
  const simple = new Map<string, PageMaster>();
  const sequences = new Map<string, FoElement>();
  for (const child of set.children) {
    if (child.kind !== 'element') continue;
    const name = child.attrs['master-name'];
    if (!name) fail({ file }, `fo:${child.name} needs a master-name (filled FO line ${child.position.line})`);
    if (child.name === 'simple-page-master') simple.set(name, readSimpleMaster(child, name, file));
    else sequences.set(name, child);
  }
  return { simple, sequences };
}

function lengthAttr(el: FoElement, name: string, fallback: number, file: string): number {
  const v = el.attrs[name];
  if (v === undefined || v === 'auto') return fallback;
  try {
    return parseLength(v, el.props.fontSize);
  } catch (err) {
    return fail({ file }, `invalid ${name} on fo:${el.name} (filled FO line ${el.position.line}): ${(err as Error).message}`);
  }
}

/** Margins as top, right, bottom, left: the margin shorthand, then margin-* sides. */
function marginsOf(el: FoElement, file: string): [number, number, number, number] {
  const m = el.attrs.margin ? fourSides(splitShorthand(el.attrs.margin).map((v) => parseLength(v, el.props.fontSize))) : [0, 0, 0, 0];
  return [lengthAttr(el, 'margin-top', m[0], file), lengthAttr(el, 'margin-right', m[1], file), lengthAttr(el, 'margin-bottom', m[2], file), lengthAttr(el, 'margin-left', m[3], file)];
}

function readSimpleMaster(el: FoElement, name: string, file: string): PageMaster {
  const width = lengthAttr(el, 'page-width', A4.width, file);
  const height = lengthAttr(el, 'page-height', A4.height, file);
  if (!(width >= MIN_PAGE_SIDE && height >= MIN_PAGE_SIDE)) fail({ file }, `page master "${name}" is ${width.toFixed(1)}×${height.toFixed(1)}pt; pages must be at least ${MIN_PAGE_SIDE}pt on each side`, 'set page-width and page-height, e.g. 210mm and 297mm');
  const [mt, mr, mb, ml] = marginsOf(el, file);
  const content: Rect = { x: ml, y: mt, width: width - ml - mr, height: height - mt - mb };
  const regions = el.children.filter((c): c is FoElement => c.kind === 'element');
  const find = (n: string) => regions.find((r) => r.name === n);
  const extent = (r: FoElement | undefined) => (r ? lengthAttr(r, 'extent', 0, file) : 0);
  const precedence = (r: FoElement | undefined) => r?.attrs.precedence === 'true';
  const [before, after, start, end] = [find('region-before'), find('region-after'), find('region-start'), find('region-end')];
  const bodyEl = find('region-body');
  if (!bodyEl) fail({ file }, `page master "${name}" has no fo:region-body`, 'add <fo:region-body/>');
  const [bt, br, bb, bl] = marginsOf(bodyEl, file);
  const region = (element: FoElement, kind: Region['kind'], rect: Rect): Region => {
    const p = element.props;
    const inner = { x: rect.x + p.padding[3] + p.border[3].width, y: rect.y + p.padding[0] + p.border[0].width, width: rect.width - p.padding[1] - p.padding[3] - p.border[1].width - p.border[3].width, height: rect.height - p.padding[0] - p.padding[2] - p.border[0].width - p.border[2].width };
    if (!(inner.width > 0 && inner.height > 0)) fail({ file }, `region ${kind} of page master "${name}" has no room (${inner.width.toFixed(1)}×${inner.height.toFixed(1)}pt)`, 'check the page margins and region extents');
    return { name: element.attrs['region-name'] ?? `xsl-region-${kind}`, kind, rect: inner, element, columnCount: element.attrs['column-count'] ? parseInteger(element.attrs['column-count'], 1) : 1, columnGap: lengthAttr(element, 'column-gap', 12, file) };
  };
  const body = region(bodyEl, 'body', { x: content.x + bl, y: content.y + bt, width: content.width - bl - br, height: content.height - bt - bb });
  const sides: Region[] = [];
  // Before/after span the full width when they have precedence; otherwise start/end take the full height.
  const [eb, ea, es, ee] = [extent(before), extent(after), extent(start), extent(end)];
  if (before) sides.push(region(before, 'before', precedence(before) ? { x: content.x, y: content.y, width: content.width, height: eb } : { x: content.x + es, y: content.y, width: content.width - es - ee, height: eb }));
  if (after) sides.push(region(after, 'after', precedence(after) ? { x: content.x, y: content.y + content.height - ea, width: content.width, height: ea } : { x: content.x + es, y: content.y + content.height - ea, width: content.width - es - ee, height: ea }));
  const top = content.y + (precedence(before) ? eb : 0);
  const sideHeight = content.height - (precedence(before) ? eb : 0) - (precedence(after) ? ea : 0);
  if (start) sides.push(region(start, 'start', { x: content.x, y: top, width: es, height: sideHeight }));
  if (end) sides.push(region(end, 'end', { x: content.x + content.width - ee, y: top, width: ee, height: sideHeight }));
  return { name, width, height, body, sides };
}

/** The master for page `index` (0-based) of a page-sequence whose master-reference is `reference`. */
export function masterForPage(masters: Masters, reference: string, index: number, file: string): PageMaster {
  const simple = masters.simple.get(reference);
  if (simple) return simple;
  const sequence = masters.sequences.get(reference);
  if (!sequence) fail({ file }, `no page master named "${reference}"`, 'check master-reference against the master-name of the layout-master-set');
  let first = 0;
  for (const sub of sequence.children) {
    if (sub.kind !== 'element') continue;
    const repeats = sub.name === 'single-page-master-reference' ? 1 : sub.attrs['maximum-repeats'] && sub.attrs['maximum-repeats'] !== 'no-limit' ? parseInteger(sub.attrs['maximum-repeats'], 0) : Infinity;
    if (index < first + repeats) {
      const ref = sub.name === 'repeatable-page-master-alternatives' ? chooseAlternative(sub, index, file) : sub.attrs['master-reference'];
      const master = ref ? masters.simple.get(ref) : undefined;
      if (!master) fail({ file }, `no simple-page-master named "${ref}"`, 'check master-reference');
      return master;
    }
    first += repeats;
  }
  return fail({ file }, `page-sequence-master "${reference}" has no master for page ${index + 1}`, 'end it with a repeatable reference');
}

/** Picks the first conditional-page-master-reference whose page-position fits the page. */
function chooseAlternative(alternatives: FoElement, index: number, file: string): string | undefined {
  for (const c of alternatives.children) {
    if (c.kind !== 'element') continue;
    const position = c.attrs['page-position'] ?? 'any';
    if (position === 'last' || position === 'only') fail({ file }, `page-position="${position}" is not supported (filled FO line ${c.position.line})`, 'use first, rest or any');
    if (position === 'any' || (position === 'first' && index === 0) || (position === 'rest' && index > 0)) return c.attrs['master-reference'];
  }
  return undefined;
}
