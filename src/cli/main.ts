// The `pressroom` command line: wires the commands into yargs and turns the outcome into an exit code.
import yargs, { type Argv } from 'yargs';
import { VERSION } from '../version.js';
import { checkCommand } from './checkCommand.js';
import { extractCommand } from './extractCommand.js';
import { foCommand } from './foCommand.js';
import { layoutsCommand } from './layoutsCommand.js';
import { printFailure } from './printDiagnostics.js';
import { renderCommand } from './renderCommand.js';
import { EXIT_FAILED, EXIT_OK, EXIT_USAGE, type CliContext, type CliIo } from './types.js';
import { validateCommand } from './validateCommand.js';

/** The process's own streams. */
export const processIo: CliIo = {
  out: (text) => void process.stdout.write(text),
  err: (text) => void process.stderr.write(text),
  outBytes: (bytes) => new Promise((resolve, reject) => process.stdout.write(bytes, (err) => (err ? reject(err) : resolve()))),
  outIsTTY: Boolean(process.stdout.isTTY),
  errIsTTY: Boolean(process.stderr.isTTY),
};

/** Widest help text on a terminal, in columns, so lines stay readable on wide screens (unwrapped when piped). */
const MAX_HELP_WIDTH = 100;

/**
 * Stands in for a lone `-` (stdin) while yargs parses: yargs-parser silently drops a bare `-` argument,
 * so `validate -` would validate nothing and succeed. The middleware below puts the `-` back.
 */
const STDIN_PLACEHOLDER = '\u0000stdin';

/** A mistake in the command line itself (unknown command or option, missing argument): exit code 2. */
class UsageError extends Error {}

/**
 * The render engine, for the batch's worker threads when they run from the bundle (see loadBundle.ts): imported on
 * first use, as every command's stages are, so the CLI's start-up does not pay for it.
 */
export const loadEngine = async () => (await import('../render.js')).renderRelease;

/** Runs the CLI on `argv` (without `node` and the script); resolves to the exit code: 0 ok, 1 an input failed, 2 usage error. */
export async function main(argv: string[], io: CliIo = processIo): Promise<number> {
  let code = EXIT_OK;
  const ctx: CliContext = { io, finish: (c) => void (code = c) };
  const parser = yargs(argv.map((a) => (a === '-' ? STDIN_PLACEHOLDER : a)))
    .scriptName('pressroom')
    .usage('$0 <command> [options]\n\nRenders press releases (Markdown with YAML front matter, JSON or YAML) into PDF.')
    .command(renderCommand(ctx))
    .command(foCommand(ctx))
    .command(validateCommand(ctx))
    .command(layoutsCommand(ctx))
    .command(checkCommand(ctx))
    .command(extractCommand(ctx))
    .middleware(restoreStdinArguments, true)
    .demandCommand(1, 'name a command: render, fo, validate, layouts, check or extract')
    .recommendCommands()
    .strict()
    .help()
    .alias('h', 'help')
    .version(VERSION)
    .locale('en')
    .wrap(process.stdout.isTTY ? Math.min(MAX_HELP_WIDTH, process.stdout.columns || MAX_HELP_WIDTH) : null)
    .exitProcess(false)
    .fail((message, err) => {
      // yargs reports its own validation with a message; an error thrown by a handler comes through as is.
      if (err && !message) throw err;
      throw new UsageError(message ?? err?.message ?? 'invalid command line');
    });
  skipHelpCache(parser);
  try {
    await parser.parseAsync();
    return code;
  } catch (err) {
    if (err instanceof UsageError) {
      io.err(`pressroom: ${err.message}\nRun "pressroom --help" (or "pressroom <command> --help") for usage.\n`);
      return EXIT_USAGE;
    }
    printFailure(io, 'pressroom', err);
    return EXIT_FAILED;
  }
}

/** The part of yargs' internals that skipHelpCache changes (yargs 17 and 18). */
export interface YargsUsageInternals {
  getInternalMethods?(): { getUsageInstance?(): { cacheHelpMessage?: () => void } };
}

/**
 * Before it runs a command's handler, yargs formats the whole help text, to print it should the handler fail; we
 * print our own errors, so that is 15–20 ms of every start (most of it Intl.Segmenter measuring text nobody sees).
 * yargs has no option for it, so its usage object is told not to. Should a yargs release rename these internals,
 * the help text is formatted again: slower, no different (tests/cli/main.test.ts checks they are still there).
 */
export function skipHelpCache(parser: Argv): void {
  const usage = (parser as YargsUsageInternals).getInternalMethods?.().getUsageInstance?.();
  if (typeof usage?.cacheHelpMessage === 'function') usage.cacheHelpMessage = () => undefined;
}

/** Puts back the `-` arguments hidden from yargs-parser (see STDIN_PLACEHOLDER), before validation and handlers. */
function restoreStdinArguments(args: Record<string, unknown>): void {
  const restore = (v: unknown) => (v === STDIN_PLACEHOLDER ? '-' : v);
  for (const [key, value] of Object.entries(args)) args[key] = Array.isArray(value) ? value.map(restore) : restore(value);
}

