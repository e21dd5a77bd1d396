// `pressroom render <inputs..> [-o DIR|FILE]`: renders each release and writes its PDF atomically.
import type { CommandModule } from 'yargs';
import { expandInputs } from '../load/expandInputs.js';
import { loadInput } from '../load/loadInput.js';
import { renderRelease, type RenderOptions } from '../render.js';
import { planOutputs, resolveOutputTarget, type OutputTarget } from '../write/planOutputs.js';
import { writeAtomic } from '../write/writeAtomic.js';
import { LAYOUTS_OPTION } from './options.js';
import { printDiagnostics, printFailure } from './printDiagnostics.js';
import { EXIT_FAILED, EXIT_OK, EXIT_USAGE, type CliContext, type CliIo } from './types.js';

/** The arguments of `render`, as yargs parses them. */
export interface RenderArgs {
  /** Files, folders, globs, or `-` for stdin. */
  inputs: string[];
  /** `-o`: a folder (mirrors the inputs' paths) or, for one release, the PDF file. */
  output?: string;
  /** `--layouts`: the layouts folder. */
  layouts?: string;
}

/** The `render` command for yargs. */
export function renderCommand(ctx: CliContext): CommandModule<object, RenderArgs> {
  return {
    command: 'render <inputs..>',
    describe: 'render releases to PDF, one PDF per release',
    builder: (y) =>
      y
        .positional('inputs', { type: 'string', array: true, demandOption: true, default: undefined, describe: 'release files, folders (searched for .md, .markdown, .json, .yaml, .yml) or quoted globs; - reads stdin' })
        .option('output', { alias: 'o', type: 'string', requiresArg: true, describe: 'folder to write the PDFs into (mirroring the inputs\' folders), or the PDF file for a single release; default: beside each input' })
        .option('layouts', LAYOUTS_OPTION)
        .check((args) => args.output !== '-' || 'a PDF is not written to stdout: give -o FILE.pdf')
        .example('$0 render release.md', 'writes release.pdf beside it')
        .example('$0 render releases/ -o out/', 'renders every release below releases/ into out/')
        .example("$0 render 'releases/**/*.md' -o out/", 'renders the releases a glob matches'),
    handler: async (args) => ctx.finish(await runRender(ctx.io, args)),
  };
}

/** Renders every input; a failed input is reported and the others still render. Returns the exit code. */
export async function runRender(io: CliIo, args: RenderArgs): Promise<number> {
  // 1. Find the release files; inputs that name none are reported.
  const expanded = await expandInputs(args.inputs);
  printDiagnostics(io, expanded.diagnostics);
  // 2. Decide where each PDF goes; an -o that cannot hold them all is a usage error.
  let target: OutputTarget;
  try {
    target = await resolveOutputTarget(args.output, expanded.inputs.length);
  } catch (err) {
    printFailure(io, args.output ?? '-o', err);
    return EXIT_USAGE;
  }
  const plan = planOutputs(expanded.inputs, target);
  printDiagnostics(io, plan.diagnostics);
  // 3. Render and write each release in turn.
  let failed = expanded.diagnostics.length > 0 || plan.diagnostics.length > 0;
  const options: RenderOptions = { layoutsDir: args.layouts };
  for (const { input, output } of plan.outputs) {
    const ok = await renderOne(io, input.path, output, options, target.kind === 'folder');
    failed ||= !ok;
  }
  return failed ? EXIT_FAILED : EXIT_OK;
}

/** Renders one release and writes its PDF; prints `wrote …` or the reasons it failed. True on success. */
async function renderOne(io: CliIo, input: string, output: string, options: RenderOptions, createFolder: boolean): Promise<boolean> {
  try {
    const source = await loadInput(input);
    const result = await renderRelease(source, options);
    printDiagnostics(io, result.diagnostics);
    await writeAtomic(output, result.pdf, { createFolder });
    io.out(`wrote ${output} (${result.pages} ${result.pages === 1 ? 'page' : 'pages'})\n`);
    return true;
  } catch (err) {
    printFailure(io, input, err);
    return false;
  }
}
