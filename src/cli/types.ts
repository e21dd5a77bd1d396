// What the CLI's commands share: where they print and the exit codes they end with.

/** Every input succeeded. */
export const EXIT_OK = 0;
/** At least one input failed (the others were still processed). */
export const EXIT_FAILED = 1;
/** The batch was interrupted (Ctrl-C): 128 + SIGINT, as shells report it. */
export const EXIT_INTERRUPTED = 130;
/** The command line itself was wrong: unknown command or option, missing argument. */
export const EXIT_USAGE = 2;

/** Where the CLI writes: results to `out` (stdout), diagnostics to `err` (stderr). */
export interface CliIo {
  /** Writes text to standard output. */
  out(text: string): void;
  /** Writes text to standard error. */
  err(text: string): void;
  /** Writes bytes (a PDF) to standard output; resolves once they are handed to the system. */
  outBytes?(bytes: Uint8Array): Promise<void>;
  /** True when standard output is a terminal (a PDF is never written there). */
  outIsTTY?: boolean;
  /** True when standard error is a terminal: a batch shows a progress bar there. */
  errIsTTY?: boolean;
}

/** What a command's handler is given: where to print, and how to report its exit code to `main`. */
export interface CliContext {
  io: CliIo;
  /** Records the command's exit code; `main` returns it. */
  finish(code: number): void;
}
