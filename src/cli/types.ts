// What the CLI's commands share: where they print and the exit codes they end with.

/** Every input succeeded. */
export const EXIT_OK = 0;
/** At least one input failed (the others were still processed). */
export const EXIT_FAILED = 1;
/** The command line itself was wrong: unknown command or option, missing argument. */
export const EXIT_USAGE = 2;

/** Where the CLI writes: results to `out` (stdout), diagnostics to `err` (stderr). */
export interface CliIo {
  /** Writes text to standard output. */
  out(text: string): void;
  /** Writes text to standard error. */
  err(text: string): void;
}

/** What a command's handler is given: where to print, and how to report its exit code to `main`. */
export interface CliContext {
  io: CliIo;
  /** Records the command's exit code; `main` returns it. */
  finish(code: number): void;
}
