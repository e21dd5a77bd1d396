// Who was on a roster on a given date, by the name they had then: used for member lists that follow history.
import type { RosterCollation } from './prebuilt.js';
import { PREBUILT_LAYOUTS } from './prebuiltLayouts.js';

/** A name an entry carried from a date on, per language (`from` null = since joining). */
interface RosterName {
  from: string | null;
  [language: string]: string | null;
}

/** One roster entry: when it joined and left (ISO dates), gaps in between, and its names over time. */
interface RosterEntry {
  joined: string;
  left?: string | null;
  gaps?: { left: string; rejoined: string }[];
  names: RosterName[];
}

/** How names are ordered: by the language's rules, ignoring case, accents' absence and punctuation. */
const COLLATOR_OPTIONS: Intl.CollatorOptions = { sensitivity: 'base', ignorePunctuation: true };

/** Collators per language, built once. */
const collators = new Map<string, Intl.Collator>();

/** The collator names in `language` (a primary subtag) are sorted with. */
export function rosterCollator(language: string): Intl.Collator {
  let collator = collators.get(language);
  if (!collator) collators.set(language, (collator = new Intl.Collator(language, COLLATOR_OPTIONS)));
  return collator;
}

/**
 * The names of the entries that were members on `date` (joined <= date < left, outside gaps),
 * each by the name it had on that date in `language` (else English), sorted in that language's order,
 * punctuation ignored (so a quoted name files under its first letter).
 */
export function rosterOn(roster: unknown[], date: string, language: string, collation: RosterCollation | undefined = PREBUILT_LAYOUTS.collation): string[] {
  if (!Array.isArray(roster)) throw new Error('rosterOn: the roster must be a list');
  const primary = language.split('-')[0].toLowerCase();
  const names = (roster as RosterEntry[])
    .filter((e) => isMember(e, date))
    .map((e) => nameOn(e, date, primary));
  // By the ranks the build computed when it has every name (the same order: see RosterCollation), else by a collator.
  const ranks = collation !== undefined && collation.icu === process.versions.icu ? collation.ranks.get(primary) : undefined;
  if (ranks && names.every((n) => ranks.has(n))) return names.sort((a, b) => ranks.get(a)! - ranks.get(b)!);
  return names.sort(rosterCollator(primary).compare);
}

/**
 * Ranks of every name the rosters in `data` (any value of a layout's data: lists of roster entries, found at any
 * depth) show, per language their names are given in: what the build prepares (see RosterCollation).
 */
export function rankRosterNames(data: unknown): Map<string, Map<string, number>> {
  const entries: RosterEntry[] = [];
  const visit = (value: unknown): void => {
    if (Array.isArray(value)) {
      if (value.length > 0 && value.every(isRosterEntry)) entries.push(...value);
      else value.forEach(visit);
    } else if (value !== null && typeof value === 'object') Object.values(value).forEach(visit);
  };
  visit(data);
  const languages = new Set(entries.flatMap((e) => e.names.flatMap((n) => Object.keys(n).filter((k) => k !== 'from'))));
  const ranks = new Map<string, Map<string, number>>();
  for (const language of languages) {
    // Each name an entry shows in this language, as nameOn picks it.
    const names = [...new Set(entries.flatMap((e) => e.names.map((n) => String(n[language] ?? n.en))))];
    const compare = rosterCollator(language).compare;
    names.sort(compare);
    const rank = new Map<string, number>();
    names.forEach((name, i) => rank.set(name, i > 0 && compare(names[i - 1], name) === 0 ? rank.get(names[i - 1])! : i));
    ranks.set(language, rank);
  }
  return ranks;
}

function isRosterEntry(value: unknown): value is RosterEntry {
  const e = value as RosterEntry;
  return value !== null && typeof value === 'object' && typeof e.joined === 'string' && Array.isArray(e.names) && e.names.every((n) => n !== null && typeof n === 'object');
}

function isMember(e: RosterEntry, date: string): boolean {
  if (!(e.joined <= date) || (e.left && date >= e.left)) return false;
  return !(e.gaps ?? []).some((g) => g.left <= date && date < g.rejoined);
}

function nameOn(e: RosterEntry, date: string, language: string): string {
  const current = e.names.filter((n) => n.from === null || n.from === undefined || n.from <= date).pop() ?? e.names[0];
  return String(current[language] ?? current.en);
}

/** Most rosters kept per roster list: one per date and language asked for; past this the list's cache starts over. */
const MAX_ROSTERS_PER_LIST = 512;
/** Rosters already computed, per roster list (layout data: loaded once, never changed) and date + language. */
const computed = new WeakMap<unknown[], Map<string, readonly string[]>>();

/**
 * rosterOn, remembered: a layout asks for the same roster on every release of a day (the sidebar and the footer's
 * count). The names are frozen, as every caller shares them; they depend only on the roster, date and language.
 */
export function sharedRosterOn(roster: unknown[], date: string, language: string): readonly string[] {
  if (!Array.isArray(roster)) return rosterOn(roster, date, language);
  let byDay = computed.get(roster);
  if (!byDay || byDay.size >= MAX_ROSTERS_PER_LIST) computed.set(roster, (byDay = new Map()));
  const key = `${date}\u0000${language}`;
  let names = byDay.get(key);
  if (!names) byDay.set(key, (names = frozenNames(rosterOn(roster, date, language))));
  return names;
}

/**
 * The names frozen, with their string form computed once. Handlebars compares each `{{#each}}` item with the parent
 * context by `!=` when a template uses `../`, so iterating the names (strings) in such a template turns the whole list
 * into a string once per name: a join of every name, per name, for every release. The string is the one
 * Array.prototype.toString gives, so nothing that converts the list sees a difference.
 */
function frozenNames(names: string[]): readonly string[] {
  const text = names.join(',');
  Object.defineProperty(names, Symbol.toPrimitive, { value: () => text });
  return Object.freeze(names);
}

