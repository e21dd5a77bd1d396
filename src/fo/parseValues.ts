// Parsers for FO property values: lengths, colours, keywords. Each throws a plain Error with a message.

/** Points per unit: the PostScript point is the layout unit. */
const POINTS_PER: Record<string, number> = { pt: 1, mm: 72 / 25.4, cm: 72 / 2.54, in: 72, pc: 12, px: 0.75 };

/** Parses a length to points; `em` is relative to `fontSize`; percentages are refused here. */
export function parseLength(value: string, fontSize: number): number {
  const m = /^\s*([+-]?(?:\d+\.?\d*|\.\d+))\s*(pt|mm|cm|in|pc|px|em)?\s*$/.exec(value);
  if (!m) throw new Error(`"${value}" is not a length (use e.g. 10pt, 4mm, 1.2em)`);
  const n = Number(m[1]);
  const unit = m[2];
  if (!unit) {
    if (n === 0) return 0;
    throw new Error(`"${value}" has no unit (use e.g. ${value}pt)`);
  }
  const pt = unit === 'em' ? n * fontSize : n * POINTS_PER[unit];
  if (!Number.isFinite(pt)) throw new Error(`"${value}" is not a finite length`);
  return pt;
}

/** Parses a length or a percentage. */
export function parseLengthOrPercent(value: string, fontSize: number): { pt: number } | { percent: number } {
  const m = /^\s*([+-]?(?:\d+\.?\d*|\.\d+))%\s*$/.exec(value);
  return m ? { percent: Number(m[1]) } : { pt: parseLength(value, fontSize) };
}

const NAMED_COLORS: Record<string, string> = {
  black: '#000000', white: '#ffffff', red: '#ff0000', green: '#008000', blue: '#0000ff', gray: '#808080', grey: '#808080',
  silver: '#c0c0c0', navy: '#000080', maroon: '#800000', olive: '#808000', teal: '#008080', purple: '#800080', yellow: '#ffff00',
};

/** Parses a colour to `#rrggbb`; `transparent` gives null. */
export function parseColor(value: string): string | null {
  const v = value.trim().toLowerCase();
  if (v === 'transparent') return null;
  if (NAMED_COLORS[v]) return NAMED_COLORS[v];
  if (/^#[0-9a-f]{6}$/.test(v)) return v;
  if (/^#[0-9a-f]{3}$/.test(v)) return `#${v[1]}${v[1]}${v[2]}${v[2]}${v[3]}${v[3]}`;
  const rgb = /^rgb\(\s*(\d{1,3})\s*,\s*(\d{1,3})\s*,\s*(\d{1,3})\s*\)$/.exec(v);
  if (rgb) return `#${rgb.slice(1).map((c) => Math.min(255, Number(c)).toString(16).padStart(2, '0')).join('')}`;
  throw new Error(`"${value}" is not a colour (use #rrggbb)`);
}

/** Checks a keyword against the allowed ones. */
export function parseKeyword<T extends string>(value: string, allowed: readonly T[]): T {
  const v = value.trim() as T;
  if (!allowed.includes(v)) throw new Error(`"${value}" is not one of ${allowed.join(', ')}`);
  return v;
}

/** Parses a positive integer (widows, orphans, column-count). */
export function parseInteger(value: string, min: number): number {
  const n = Number(value.trim());
  if (!Number.isInteger(n) || n < min) throw new Error(`"${value}" is not a whole number of at least ${min}`);
  return n;
}

/** Splits a shorthand into its space-separated parts. */
export function splitShorthand(value: string): string[] {
  return value.trim().split(/\s+/).filter(Boolean);
}

/** Expands 1–4 values to top, right, bottom, left as in CSS. */
export function fourSides<T>(parts: T[]): [T, T, T, T] {
  if (parts.length < 1 || parts.length > 4) throw new Error('expected 1 to 4 values');
  const [t, r = t, b = t, l = r] = parts;
  return [t, r, b, l];
}

/** Takes the URL out of `url('…')`, `url(…)` or a bare value. */
export function parseUri(value: string): string {
  const m = /^\s*url\(\s*(['"]?)(.*?)\1\s*\)\s*$/.exec(value);
  return (m ? m[2] : value).trim();
}
