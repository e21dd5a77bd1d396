// Layout files prepared at build time, found by content: Handlebars templates precompiled to JavaScript, and layout
// data (YAML) parsed to JSON. A cold render spent ~45 ms parsing and compiling the templates of its layout (Handlebars
// compiles each partial on first use) and ~15 ms parsing layout data. The build (scripts/bundle-cli.mjs) prepares the
// shipped layouts into the CLI bundle, where V8's code cache holds the compiled templates too; everywhere else (the
// library, a user's own layouts, a shipped layout edited since the build) files are compiled and parsed as before.
// Entries are keyed by a hash of the file's exact text and of everything else the result depends on, so an edited
// file simply misses and is compiled afresh: nothing prepared can go stale.
import { createHash } from 'node:crypto';
import Handlebars from 'handlebars';

/** The options every layout template is compiled with (strict: a missing field is an error, not empty text). */
export const TEMPLATE_OPTIONS: Readonly<CompileOptions> = Object.freeze({ strict: true, preventIndent: true });

type CompileOptions = Parameters<typeof Handlebars.precompile>[1] & object;

/** What the build prepared, by key (templateKey, dataKey). */
export interface PrebuiltLayouts {
  /** Template specifications, as Handlebars.precompile writes them (evaluated), for Handlebars' `template()`. */
  templates: ReadonlyMap<string, TemplateSpecification>;
  /** Layout data files as JSON text. */
  data: ReadonlyMap<string, string>;
  /** The order of the names in the layouts' rosters, per language (see rosterOn.ts); optional for older callers. */
  collation?: RosterCollation;
}

/**
 * Every name the shipped rosters show in a language, ranked as `Intl.Collator` orders them: equal ranks for names it
 * finds equal. Sorting names by rank gives the very order the collator gives, without building one: the first
 * collator of a process costs 6–9 ms (ICU loads its collation data), a twentieth of a cold render. Valid only with
 * the ICU version it was made with.
 */
export interface RosterCollation {
  /** `process.versions.icu` of the build. */
  icu: string;
  /** Per language: rank of each name. */
  ranks: ReadonlyMap<string, ReadonlyMap<string, number>>;
}

/** A precompiled template, as Handlebars.precompile produces it (an object of functions and flags). */
export type TemplateSpecification = Parameters<typeof Handlebars.template>[0];

/** Nothing prepared: what the library and tests start with, unless they pass their own. */
export const NO_PREBUILT_LAYOUTS: PrebuiltLayouts = { templates: new Map(), data: new Map(), collation: { icu: '', ranks: new Map() } };

/**
 * The key of a template's text (partials' final newline already dropped): the Handlebars version that compiled it,
 * the options, and the text. A precompiled spec runs only with the Handlebars it was made by; the bundle holds both.
 */
export function templateKey(text: string): string {
  return hash(`handlebars ${Handlebars.VERSION}\0${JSON.stringify(TEMPLATE_OPTIONS)}\0${text}`);
}

/** The key of a layout data file's text (always parsed by yaml with the same options, see load/loadLayout.ts). */
export function dataKey(text: string): string {
  return hash(`layout data (yaml core schema, unique keys)\0${text}`);
}

function hash(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}
