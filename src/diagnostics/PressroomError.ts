// The one error type that stages throw: it carries the diagnostics that explain the failure.
import type { Diagnostic, SourcePlace } from './types.js';

/** Thrown by a stage when an input cannot go further; the CLI prints its diagnostics. */
export class PressroomError extends Error {
  /** The diagnostics that explain why the input failed (at least one error). */
  readonly diagnostics: Diagnostic[];

  constructor(diagnostics: Diagnostic[]) {
    super(diagnostics.map(formatDiagnostic).join('\n'));
    this.name = 'PressroomError';
    this.diagnostics = diagnostics;
  }
}

/**
 * Whether `err` is a PressroomError, also one thrown by another copy of this module: a batch worker runs the engine
 * from the CLI bundle (see cli/loadBundle.ts), whose classes are not this module's, so `instanceof` cannot tell.
 */
export function isPressroomError(err: unknown): err is PressroomError {
  return err instanceof PressroomError || (err instanceof Error && err.name === 'PressroomError' && Array.isArray((err as { diagnostics?: unknown }).diagnostics));
}

/** Builds an error diagnostic at a place. */
export function errorAt(place: SourcePlace, message: string, hint?: string, field?: string): Diagnostic {
  return { severity: 'error', ...place, message, ...(hint ? { hint } : {}), ...(field ? { field } : {}) };
}

/** Throws a PressroomError with one error diagnostic. */
export function fail(place: SourcePlace, message: string, hint?: string, field?: string): never {
  throw new PressroomError([errorAt(place, message, hint, field)]);
}

/** Formats a diagnostic the way compilers do: `file:line:col: error: message (hint)`. */
export function formatDiagnostic(d: Diagnostic): string {
  const where = [d.file, d.line, d.line !== undefined ? d.column ?? 1 : undefined].filter((p) => p !== undefined).join(':');
  const hint = d.hint ? `\n  hint: ${d.hint}` : '';
  return `${where}: ${d.severity}: ${d.message}${hint}`;
}
