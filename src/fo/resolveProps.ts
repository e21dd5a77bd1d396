// Resolves an element's attributes into FoProps: inheritance, shorthands, units and list functions, once.
import { deepFreeze } from './deepFreeze.js';
import type { BorderSide, FoProps, Sides } from './types.js';
import { fourSides, parseColor, parseInteger, parseKeyword, parseLength, parseLengthOrPercent, splitShorthand } from './parseValues.js';

/** Font size when nothing says otherwise (XSL's initial "medium"). */
const INITIAL_FONT_SIZE = 12;
/** `line-height="normal"`: the common 1.2 × font size. */
const NORMAL_LINE_HEIGHT = 1.2;
const NO_BORDER: BorderSide = { width: 0, style: 'none', color: '#000000' };

/** Properties of the (virtual) parent of the root: XSL's initial values (frozen: every document shares them). */
export const INITIAL_PROPS: FoProps = deepFreeze({
  fontFamily: ['Noto Sans'],
  fontSize: INITIAL_FONT_SIZE,
  fontWeight: 400,
  fontStyle: 'normal',
  color: '#000000',
  backgroundColor: null,
  lineHeight: INITIAL_FONT_SIZE * NORMAL_LINE_HEIGHT,
  lineHeightFactor: NORMAL_LINE_HEIGHT,
  textAlign: 'start',
  textAlignLast: 'relative',
  textIndent: 0,
  startIndent: 0,
  endIndent: 0,
  labelEndAt: null,
  spaceBefore: 0,
  spaceAfter: 0,
  padding: [0, 0, 0, 0],
  border: [NO_BORDER, NO_BORDER, NO_BORDER, NO_BORDER],
  keepWithNext: false,
  keepWithPrevious: false,
  keepTogether: false,
  widows: 2,
  orphans: 2,
  breakBefore: 'auto',
  breakAfter: 'auto',
  hyphenate: false,
  hyphenationRemain: 2,
  hyphenationPush: 2,
  hyphenationLadder: Infinity,
  hyphenationCharacter: '-',
  language: null,
  textDecoration: 'none',
  baselineShift: 0,
  id: null,
  width: null,
  height: null,
  provisionalDistanceBetweenStarts: 24,
  provisionalLabelSeparation: 6,
  leaderPattern: 'space',
  leaderLength: null,
  ruleThickness: 1,
  displayAlign: 'before',
});

/** Non-inherited properties, reset to their initial value on every element. */
const NOT_INHERITED: (keyof FoProps)[] = [
  'backgroundColor', 'spaceBefore', 'spaceAfter', 'padding', 'border', 'keepWithNext', 'keepWithPrevious',
  'breakBefore', 'breakAfter', 'textDecoration', 'baselineShift', 'id', 'width', 'height',
];

/** Thrown for a bad property value; the parser adds the element's position. */
export class PropertyError extends Error {
  constructor(readonly property: string, message: string) {
    super(message);
  }
}

const BORDER_STYLES = ['none', 'solid', 'dashed', 'dotted'] as const;
const SIDE_INDEX: Record<string, number> = { top: 0, before: 0, right: 1, end: 1, bottom: 2, after: 2, left: 3, start: 3 };
const KEEP = ['auto', 'always'] as const;

/** Resolves `attrs` of element `name` against the parent's props. */
export function resolveProps(attrs: Record<string, string>, parent: FoProps): FoProps {
  const p: FoProps = { ...parent };
  for (const key of NOT_INHERITED) (p as unknown as Record<string, unknown>)[key] = INITIAL_PROPS[key];
  const at = (name: string, fn: (v: string) => void) => {
    const v = attrs[name];
    if (v === undefined) return;
    try {
      fn(v);
    } catch (err) {
      throw new PropertyError(name, (err as Error).message);
    }
  };
  // Font size first: em lengths of this element are relative to it.
  at('font-size', (v) => {
    const l = parseLengthOrPercent(v, parent.fontSize);
    p.fontSize = 'percent' in l ? (parent.fontSize * l.percent) / 100 : l.pt;
    if (!(p.fontSize > 0)) throw new Error(`"${v}" is not a positive font size`);
  });
  const len = (v: string) => parseLength(v, p.fontSize);
  p.lineHeight = p.lineHeightFactor !== null ? p.lineHeightFactor * p.fontSize : parent.lineHeight;
  at('line-height', (v) => {
    if (v.trim() === 'normal') return void ((p.lineHeightFactor = NORMAL_LINE_HEIGHT), (p.lineHeight = NORMAL_LINE_HEIGHT * p.fontSize));
    if (/^\s*\d+(\.\d+)?\s*$/.test(v)) return void ((p.lineHeightFactor = Number(v)), (p.lineHeight = Number(v) * p.fontSize));
    const l = parseLengthOrPercent(v, p.fontSize);
    p.lineHeightFactor = null;
    p.lineHeight = 'percent' in l ? (p.fontSize * l.percent) / 100 : l.pt;
  });
  at('font-family', (v) => void (p.fontFamily = v.split(',').map((f) => f.trim().replace(/^['"]|['"]$/g, '')).filter(Boolean)));
  at('font-weight', (v) => void (p.fontWeight = v === 'bold' ? 700 : v === 'normal' ? 400 : v === 'bolder' ? 700 : v === 'lighter' ? 400 : parseInteger(v, 100)));
  at('font-style', (v) => void (p.fontStyle = parseKeyword(v, ['normal', 'italic', 'oblique']) === 'normal' ? 'normal' : 'italic'));
  at('color', (v) => void (p.color = parseColor(v) ?? p.color));
  at('background-color', (v) => void (p.backgroundColor = parseColor(v)));
  at('text-align', (v) => void (p.textAlign = ({ left: 'start', right: 'end', inside: 'start', outside: 'end' } as Record<string, FoProps['textAlign']>)[v] ?? parseKeyword(v, ['start', 'center', 'end', 'justify'])));
  at('text-align-last', (v) => void (p.textAlignLast = ({ left: 'start', right: 'end' } as Record<string, FoProps['textAlignLast']>)[v] ?? parseKeyword(v, ['relative', 'start', 'center', 'end', 'justify'])));
  at('text-indent', (v) => void (p.textIndent = len(v)));
  // Padding and borders before indents: margins add them to start-indent (XSL 1.1 §5.3.2).
  resolveBoxSides(attrs, p, len);
  resolveIndents(attrs, p, parent, len, at);
  at('space-before', (v) => void (p.spaceBefore = len(v)));
  at('space-after', (v) => void (p.spaceAfter = len(v)));
  at('keep-with-next', (v) => void (p.keepWithNext = parseKeyword(v, KEEP) === 'always'));
  at('keep-with-next.within-page', (v) => void (p.keepWithNext = parseKeyword(v, KEEP) === 'always'));
  at('keep-with-next.within-column', (v) => void (p.keepWithNext = parseKeyword(v, KEEP) === 'always'));
  at('keep-with-previous', (v) => void (p.keepWithPrevious = parseKeyword(v, KEEP) === 'always'));
  at('keep-with-previous.within-page', (v) => void (p.keepWithPrevious = parseKeyword(v, KEEP) === 'always'));
  at('keep-together', (v) => void (p.keepTogether = parseKeyword(v, KEEP) === 'always'));
  at('keep-together.within-page', (v) => void (p.keepTogether = parseKeyword(v, KEEP) === 'always'));
  at('keep-together.within-column', (v) => void (p.keepTogether = parseKeyword(v, KEEP) === 'always'));
  at('widows', (v) => void (p.widows = parseInteger(v, 1)));
  at('orphans', (v) => void (p.orphans = parseInteger(v, 1)));
  at('break-before', (v) => void (p.breakBefore = parseKeyword(v, ['auto', 'page', 'column'])));
  at('break-after', (v) => void (p.breakAfter = parseKeyword(v, ['auto', 'page', 'column'])));
  at('hyphenate', (v) => void (p.hyphenate = parseKeyword(v, ['true', 'false']) === 'true'));
  at('hyphenation-remain-character-count', (v) => void (p.hyphenationRemain = parseInteger(v, 1)));
  at('hyphenation-push-character-count', (v) => void (p.hyphenationPush = parseInteger(v, 1)));
  at('hyphenation-ladder-count', (v) => void (p.hyphenationLadder = v.trim() === 'no-limit' ? Infinity : parseInteger(v, 1)));
  at('hyphenation-character', (v) => {
    if ([...v].length !== 1) throw new Error(`"${v}" is not one character`);
    p.hyphenationCharacter = v;
  });
  at('language', (v) => void (p.language = v.trim() === 'none' ? null : v.trim()));
  at('xml:lang', (v) => void (p.language = v.trim()));
  at('text-decoration', (v) => void (p.textDecoration = parseKeyword(v, ['none', 'underline'])));
  at('baseline-shift', (v) => void (p.baselineShift = v === 'super' ? p.fontSize * 0.33 : v === 'sub' ? -p.fontSize * 0.2 : v === 'baseline' ? 0 : len(v)));
  at('id', (v) => void (p.id = v.trim()));
  at('width', (v) => {
    p.width = v === 'auto' ? null : parseLengthOrPercent(v, p.fontSize);
    if (p.width && !(('pt' in p.width ? p.width.pt : p.width.percent) > 0)) throw new Error(`"${v}" is not a positive width`);
  });
  at('height', (v) => void (p.height = v === 'auto' ? null : parseLengthOrPercent(v, p.fontSize)));
  at('provisional-distance-between-starts', (v) => void (p.provisionalDistanceBetweenStarts = len(v)));
  at('provisional-label-separation', (v) => void (p.provisionalLabelSeparation = len(v)));
  at('leader-pattern', (v) => void (p.leaderPattern = parseKeyword(v, ['space', 'rule'])));
  at('leader-length', (v) => void (p.leaderLength = parseLengthOrPercent(v, p.fontSize)));
  at('rule-thickness', (v) => void (p.ruleThickness = len(v)));
  at('rule-style', (v) => void parseKeyword(v, ['solid']));
  at('display-align', (v) => void (p.displayAlign = parseKeyword(v, ['auto', 'before', 'center', 'after']) === 'auto' ? 'before' : (v as FoProps['displayAlign'])));
  return p;
}

/** Padding and border shorthands and sides. */
function resolveBoxSides(attrs: Record<string, string>, p: FoProps, len: (v: string) => number): void {
  const padding = [...p.padding] as Sides<number>;
  const border = p.border.map((b) => ({ ...b })) as Sides<BorderSide>;
  const wrap = (name: string, fn: (v: string) => void) => {
    if (attrs[name] === undefined) return;
    try {
      fn(attrs[name]);
    } catch (err) {
      throw new PropertyError(name, (err as Error).message);
    }
  };
  wrap('padding', (v) => fourSides(splitShorthand(v).map(len)).forEach((n, i) => (padding[i] = n)));
  wrap('border', (v) => border.forEach((_, i) => (border[i] = parseBorder(v, len))));
  wrap('border-width', (v) => fourSides(splitShorthand(v).map(len)).forEach((n, i) => (border[i].width = n)));
  wrap('border-style', (v) => fourSides(splitShorthand(v)).forEach((s, i) => (border[i].style = parseKeyword(s, BORDER_STYLES))));
  wrap('border-color', (v) => fourSides(splitShorthand(v)).forEach((c, i) => (border[i].color = parseColor(c) ?? '#000000')));
  for (const [side, i] of Object.entries(SIDE_INDEX)) {
    wrap(`padding-${side}`, (v) => (padding[i] = len(v)));
    wrap(`border-${side}`, (v) => (border[i] = parseBorder(v, len)));
  }
  p.padding = padding;
  p.border = border;
}

/** Parses a border shorthand "0.5pt solid #003399" (any order). */
function parseBorder(value: string, len: (v: string) => number): BorderSide {
  const side: BorderSide = { width: 1, style: 'none', color: '#000000' };
  for (const part of splitShorthand(value)) {
    if ((BORDER_STYLES as readonly string[]).includes(part)) side.style = part as BorderSide['style'];
    else if (/^[\d.]/.test(part)) side.width = len(part);
    else if (part === 'thin') side.width = 0.5;
    else if (part === 'medium') side.width = 1;
    else if (part === 'thick') side.width = 2;
    else side.color = parseColor(part) ?? side.color;
  }
  if (side.style === 'none') side.width = 0;
  return side;
}

/** start-/end-indent, margins, and the list functions body-start() and label-end(). */
function resolveIndents(attrs: Record<string, string>, p: FoProps, parent: FoProps, len: (v: string) => number, at: (n: string, fn: (v: string) => void) => void): void {
  const margins: Partial<Record<'top' | 'right' | 'bottom' | 'left', number>> = {};
  at('margin', (v) => {
    const [t, r, b, l] = fourSides(splitShorthand(v).map(len));
    Object.assign(margins, { top: t, right: r, bottom: b, left: l });
  });
  for (const side of ['top', 'right', 'bottom', 'left'] as const) at(`margin-${side}`, (v) => void (margins[side] = len(v)));
  if (margins.top !== undefined) p.spaceBefore = margins.top;
  if (margins.bottom !== undefined) p.spaceAfter = margins.bottom;
  if (margins.left !== undefined) p.startIndent = parent.startIndent + margins.left + p.padding[3] + p.border[3].width;
  if (margins.right !== undefined) {
    p.endIndent = parent.endIndent + margins.right + p.padding[1] + p.border[1].width;
    p.labelEndAt = null;
  }
  at('start-indent', (v) => {
    p.startIndent = v.trim() === 'body-start()' ? parent.startIndent + parent.provisionalDistanceBetweenStarts : len(v);
  });
  at('end-indent', (v) => {
    if (v.trim() === 'label-end()') {
      p.labelEndAt = parent.startIndent + parent.provisionalDistanceBetweenStarts - parent.provisionalLabelSeparation;
    } else {
      p.endIndent = len(v);
      p.labelEndAt = null;
    }
  });
}
