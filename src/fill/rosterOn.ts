// Who was on a roster on a given date, by the name they had then: used for member lists that follow history.

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

/** Collators per language, built once. */
const collators = new Map<string, Intl.Collator>();

/**
 * The names of the entries that were members on `date` (joined <= date < left, outside gaps),
 * each by the name it had on that date in `language` (else English), sorted in that language's order,
 * punctuation ignored (so a quoted name files under its first letter).
 */
export function rosterOn(roster: unknown[], date: string, language: string): string[] {
  if (!Array.isArray(roster)) throw new Error('rosterOn: the roster must be a list');
  const primary = language.split('-')[0].toLowerCase();
  const names = (roster as RosterEntry[])
    .filter((e) => isMember(e, date))
    .map((e) => nameOn(e, date, primary));
  let collator = collators.get(primary);
  if (!collator) collators.set(primary, (collator = new Intl.Collator(primary, { sensitivity: 'base', ignorePunctuation: true })));
  return names.sort(collator.compare);
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

