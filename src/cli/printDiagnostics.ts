// Prints diagnostics and failures the way compilers do; the only place the CLI formats errors.
import { PressroomError, formatDiagnostic } from '../diagnostics/PressroomError.js';
import type { Diagnostic } from '../diagnostics/types.js';
import type { CliIo } from './types.js';

/** Prints each diagnostic as `file:line:col: severity: message`, with its hint on the next line. */
export function printDiagnostics(io: CliIo, diagnostics: readonly Diagnostic[]): void {
  for (const d of diagnostics) io.err(`${formatDiagnostic(d)}\n`);
}

/**
 * Prints why an input failed: a PressroomError's diagnostics, or `file: internal error: message` for anything
 * else (a bug, not the user's fault), with the stack trace only when PRESSROOM_DEBUG=1.
 */
export function printFailure(io: CliIo, file: string, err: unknown): void {
  if (err instanceof PressroomError) {
    printDiagnostics(io, err.diagnostics);
    return;
  }
  const message = err instanceof Error ? err.message : String(err);
  io.err(`${file}: internal error: ${message}\n`);
  if (process.env.PRESSROOM_DEBUG === '1' && err instanceof Error && err.stack) io.err(`${err.stack}\n`);
}
