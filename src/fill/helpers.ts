// The Handlebars helpers every layout may use: pure functions of their arguments, registered in one place.
import type { HelperDelegate } from 'handlebars';
import { sharedRosterOn } from './rosterOn.js';
import { applyTypography } from './typography.js';

/** Month-name formatters per language, built once: Intl formatters are slow to create. */
const monthFormatters = new Map<string, Intl.DateTimeFormat>();

/** Formats an ISO date with tokens YYYY, MM, M, DD, D, MMMM (month name in `language`). */
export function formatDate(iso: string, pattern: string, language = 'en'): string {
  const [y, m, d] = iso.split('-').map(Number);
  const monthName = () => {
    let f = monthFormatters.get(language);
    if (!f) monthFormatters.set(language, (f = new Intl.DateTimeFormat(language, { month: 'long', timeZone: 'UTC' })));
    return f.format(new Date(Date.UTC(y, m - 1, d)));
  };
  return pattern.replace(/YYYY|MMMM|MM|M|DD|D/g, (t) => {
    switch (t) {
      case 'YYYY': return String(y).padStart(4, '0');
      case 'MMMM': return monthName();
      case 'MM': return String(m).padStart(2, '0');
      case 'M': return String(m);
      case 'DD': return String(d).padStart(2, '0');
      default: return String(d);
    }
  });
}

/** Picks the entry of a per-language map for a BCP 47 tag: exact tag, then its language, then `default`. */
export function localized(map: Record<string, unknown>, language: string): unknown {
  if (map === null || typeof map !== 'object') throw new Error('localized: the first argument must be a map of languages');
  const primary = language.split('-')[0].toLowerCase();
  const hit = map[language] ?? map[primary] ?? map.default;
  if (hit === undefined) throw new Error(`localized: no entry for language "${language}" and no default`);
  return hit;
}

/** Drops Handlebars' trailing options argument from a helper's arguments. */
const args = (a: unknown[]) => a.slice(0, -1);

/** The helpers, by the name templates call them. */
export const helpers: Record<string, HelperDelegate> = {
  formatDate: (...a: unknown[]) => {
    const [iso, pattern, language] = args(a) as [string, string, string | undefined];
    return formatDate(iso, pattern, typeof language === 'string' ? language : undefined);
  },
  localized: (...a: unknown[]) => localized(a[0] as Record<string, unknown>, String(a[1])),
  typography: (...a: unknown[]) => applyTypography(String(a[0]), String(a[1])),
  rosterOn: (...a: unknown[]) => sharedRosterOn(a[0] as unknown[], String(a[1]), String(a[2])),
  length: (...a: unknown[]) => (Array.isArray(a[0]) ? a[0].length : 0),
  eq: (...a: unknown[]) => a[0] === a[1],
  gt: (...a: unknown[]) => Number(a[0]) > Number(a[1]),
  add: (...a: unknown[]) => Number(a[0]) + Number(a[1]),
};
