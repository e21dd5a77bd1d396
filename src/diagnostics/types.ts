// Diagnostics: what every stage reports instead of printing, each with a place a user can find.

/** How serious a diagnostic is: an error stops the render of that input, a warning does not. */
export type Severity = 'error' | 'warning';

/** A place in a file: 1-based line and column. */
export interface SourcePlace {
  /** The file the place is in (a release, a layout template, a font). */
  file: string;
  /** 1-based line, when known. */
  line?: number;
  /** 1-based column, when known. */
  column?: number;
}

/** One message about an input, with where it happened and what to do about it. */
export interface Diagnostic extends SourcePlace {
  severity: Severity;
  /** A specific, lowercase message saying what is wrong. */
  message: string;
  /** What the user can do about it. */
  hint?: string;
  /** The field path in the release data (e.g. `contacts[1].email`), when the problem is in a field. */
  field?: string;
}
