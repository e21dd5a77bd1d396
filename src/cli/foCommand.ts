// `pressroom fo <input>`: prints the filled XSL-FO of one release, for layout authors.
import type { CommandModule } from 'yargs';
import { loadInput } from '../load/loadInput.js';
import { fillRelease } from '../render.js';
import { LAYOUTS_OPTION } from './options.js';
import { printFailure } from './printDiagnostics.js';
import { EXIT_FAILED, EXIT_OK, type CliContext, type CliIo } from './types.js';

/** The arguments of `fo`, as yargs parses them. */
export interface FoArgs {
  /** The release file, or `-` for stdin. */
  input: string;
  /** `--layouts`: the layouts folder. */
  layouts?: string;
}

/** The `fo` command for yargs. */
export function foCommand(ctx: CliContext): CommandModule<object, FoArgs> {
  return {
    command: 'fo <input>',
    describe: 'print the filled XSL-FO of a release (to debug a layout, or to render with Apache FOP)',
    builder: (y) =>
      y
        .positional('input', { type: 'string', demandOption: true, describe: 'the release file; - reads stdin' })
        .option('layouts', LAYOUTS_OPTION)
        .example('$0 fo release.md > release.fo', 'saves the XSL-FO the layout produces')
        .example('$0 fo release.md | fop -fo - -pdf ref.pdf', 'renders it with Apache FOP for comparison'),
    handler: async (args) => ctx.finish(await runFo(ctx.io, args)),
  };
}

/** Prints the filled FO on stdout; returns the exit code. */
export async function runFo(io: CliIo, args: FoArgs): Promise<number> {
  try {
    const filled = await fillRelease(await loadInput(args.input), { layoutsDir: args.layouts });
    io.out(filled.text.endsWith('\n') ? filled.text : `${filled.text}\n`);
    return EXIT_OK;
  } catch (err) {
    printFailure(io, args.input, err);
    return EXIT_FAILED;
  }
}
