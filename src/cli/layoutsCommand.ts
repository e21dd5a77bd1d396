// `pressroom layouts`: lists the layouts a release can name, one line each.
import type { CommandModule } from 'yargs';
import { DEFAULT_LAYOUTS_DIR } from '../render.js';
import { LAYOUTS_OPTION } from './options.js';
import { printFailure } from './printDiagnostics.js';
import { EXIT_FAILED, EXIT_OK, type CliContext, type CliIo } from './types.js';

/** Spaces between the columns of the listing. */
const COLUMN_GAP = '  ';

/** The arguments of `layouts`, as yargs parses them. */
export interface LayoutsArgs {
  /** `--layouts`: the layouts folder. */
  layouts?: string;
}

/** The `layouts` command for yargs. */
export function layoutsCommand(ctx: CliContext): CommandModule<object, LayoutsArgs> {
  return {
    command: 'layouts',
    describe: 'list the layouts: name, version, description',
    builder: (y) => y.option('layouts', LAYOUTS_OPTION),
    handler: async (args) => ctx.finish(await runLayouts(ctx.io, args)),
  };
}

/** Prints `name  version  description` per layout, names padded to one width; returns the exit code. */
export async function runLayouts(io: CliIo, args: LayoutsArgs): Promise<number> {
  const dir = args.layouts ?? DEFAULT_LAYOUTS_DIR;
  try {
    const { listLayouts } = await import('../load/loadLayout.js');
    const listing = await listLayouts(dir);
    const layouts = listing.flatMap((l) => ('error' in l ? [] : [l]));
    const nameWidth = Math.max(0, ...layouts.map((l) => l.name.length));
    const versionWidth = Math.max(0, ...layouts.map((l) => l.version.length));
    for (const l of layouts) io.out(`${[l.name.padEnd(nameWidth), l.version.padEnd(versionWidth), l.description].join(COLUMN_GAP).trimEnd()}\n`);
    // A broken layout is reported (the good ones are listed all the same) and makes the exit code 1.
    const broken = listing.flatMap((l) => ('error' in l ? [l] : []));
    for (const b of broken) printFailure(io, b.name, b.error);
    return broken.length ? EXIT_FAILED : EXIT_OK;
  } catch (err) {
    printFailure(io, dir, err);
    return EXIT_FAILED;
  }
}
