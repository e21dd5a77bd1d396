// `pressroom validate <inputs..>`: checks releases against the release format without rendering them.
import type { CommandModule } from 'yargs';
import { expandInputs } from '../load/expandInputs.js';
import { loadInput } from '../load/loadInput.js';
import { fillRelease } from '../render.js';
import { LAYOUTS_OPTION } from './options.js';
import { printDiagnostics, printFailure } from './printDiagnostics.js';
import { EXIT_FAILED, EXIT_OK, type CliContext, type CliIo } from './types.js';

/** The arguments of `validate`, as yargs parses them. */
export interface ValidateArgs {
  /** Files, folders, globs, or `-` for stdin. */
  inputs: string[];
  /** `--layouts`: the layouts folder. */
  layouts?: string;
}

/** The `validate` command for yargs. */
export function validateCommand(ctx: CliContext): CommandModule<object, ValidateArgs> {
  return {
    command: 'validate <inputs..>',
    describe: 'check releases against the release format and fill their layout; prints "ok <file>" or what is wrong',
    builder: (y) =>
      y
        .positional('inputs', { type: 'string', array: true, demandOption: true, default: undefined, describe: 'release files, folders or quoted globs; - reads stdin' })
        .option('layouts', LAYOUTS_OPTION)
        .example('$0 validate releases/', 'checks every release below releases/'),
    handler: async (args) => ctx.finish(await runValidate(ctx.io, args)),
  };
}

/** Validates every input, reporting each; returns the exit code. */
export async function runValidate(io: CliIo, args: ValidateArgs): Promise<number> {
  // 1. Find the release files; inputs that name none are reported.
  const expanded = await expandInputs(args.inputs);
  printDiagnostics(io, expanded.diagnostics);
  // 2. Read and validate each in turn.
  let failed = expanded.diagnostics.length > 0;
  for (const { path } of expanded.inputs) {
    try {
      const source = await loadInput(path);
      // The fields, the body and the layout it names (which must exist and compile).
      await fillRelease(source, { layoutsDir: args.layouts });
      io.out(`ok ${source.path}\n`);
    } catch (err) {
      printFailure(io, path, err);
      failed = true;
    }
  }
  return failed ? EXIT_FAILED : EXIT_OK;
}
