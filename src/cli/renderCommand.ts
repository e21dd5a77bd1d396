// `pressroom render <inputs..> [-o DIR|FILE|-]`: renders releases on a worker pool and writes each PDF atomically.
import type { CommandModule } from 'yargs';
import type { BatchOptions, BatchRecord, BatchResult, BatchSummary } from '../batch/types.js';
import { DEFAULT_TIMEOUT_MS } from '../batch/types.js';
import { STDIN_INPUT } from '../load/expandInputs.js';
import { DEFAULT_MAX_PAGES, type RenderOptions } from '../render.js';
import { formatSummary } from './formatSummary.js';
import { LAYOUTS_OPTION } from './options.js';
import { printDiagnostics, printFailure } from './printDiagnostics.js';
import { createBatchPrinter } from './progressBar.js';
import { readPathList, renderToStdout } from './renderIo.js';
import { ReportWriter } from './reportWriter.js';
import { EXIT_FAILED, EXIT_INTERRUPTED, EXIT_OK, EXIT_USAGE, type CliContext, type CliIo } from './types.js';

/** The arguments of `render`, as yargs parses them. */
export interface RenderArgs {
  /** Files, folders, globs, or `-` for one release on stdin. */
  inputs: string[];
  /** `-o`: a folder (mirrors the inputs' paths), the PDF file of a single release, or `-` for stdout. */
  output?: string;
  /** `--layouts`: the layouts folder. */
  layouts?: string;
  /** `--jobs`: worker threads (default: the number of cores). */
  jobs?: number;
  /** `--force`: re-render up-to-date PDFs too. */
  force?: boolean;
  /** `--quiet`: no progress bar and no `wrote` lines. */
  quiet?: boolean;
  /** `--report`: a JSON file to write the per-input report to. */
  report?: string;
  /** `--timeout`: seconds a release may take before it fails. */
  timeout?: number;
  /** `--max-pages`: most pages a PDF may have. */
  maxPages?: number;
  /** `--stdin-list`: read more input paths from stdin, one a line. */
  stdinList?: boolean;
  /** `--pdfa`: archival PDF/A level (default: the layout's). */
  pdfa?: string;
}

/** What runRender can be handed besides its arguments (tests pass their own). */
export interface RenderHooks {
  /** Stop starting renders when aborted (default: the first Ctrl-C). */
  stop?: AbortSignal;
  /** Abandon renders in progress when aborted (default: the second Ctrl-C). */
  abort?: AbortSignal;
  /** Module the workers take renderRelease from (tests). */
  engineModule?: string | URL;
}

/** The `render` command for yargs. */
export function renderCommand(ctx: CliContext): CommandModule<object, RenderArgs> {
  return {
    command: 'render [inputs..]',
    describe: 'render releases to PDF, one PDF per release',
    builder: (y) =>
      y
        .positional('inputs', { type: 'string', array: true, default: [], describe: 'release files, folders (searched for .md, .markdown, .json, .yaml, .yml) or quoted globs; - reads one release from stdin' })
        .option('output', { alias: 'o', type: 'string', requiresArg: true, describe: 'folder to write the PDFs into (mirroring the inputs\' folders), the PDF file for a single release, or - for stdout; default: beside each input' })
        .option('layouts', LAYOUTS_OPTION)
        .option('jobs', { alias: 'j', type: 'number', requiresArg: true, describe: 'worker threads rendering in parallel; 1 renders in the main thread (default: the number of cores)' })
        .option('force', { alias: 'f', type: 'boolean', describe: 're-render every release, even when its PDF is up to date' })
        .option('quiet', { alias: 'q', type: 'boolean', describe: 'no progress bar and no "wrote" lines; errors and the summary still print' })
        .option('report', { type: 'string', requiresArg: true, normalize: true, describe: 'write a JSON report: one record per input (status, output, pages, ms, diagnostics)' })
        .option('timeout', { type: 'number', requiresArg: true, describe: `seconds one release may take before it fails (default ${DEFAULT_TIMEOUT_MS / 1000})` })
        .option('max-pages', { type: 'number', requiresArg: true, describe: `most pages one PDF may have (default ${DEFAULT_MAX_PAGES})` })
        .option('stdin-list', { type: 'boolean', describe: 'read the paths of more inputs from stdin, one a line' })
        .option('pdfa', { type: 'string', choices: ['2b', '3b', 'none'], requiresArg: true, describe: 'write PDF/A-2b, or PDF/A-3b with the release file attached; none: an ordinary PDF (default: the layout\'s choice)' })
        .check(checkRenderArgs)
        .example('$0 render release.md', 'writes release.pdf beside it')
        .example('$0 render releases/ -o out/', 'renders every release below releases/ into out/, skipping PDFs that are up to date')
        .example("$0 render 'releases/**/*.md' -o out/ --jobs 4 --report out/report.json", 'renders the releases a glob matches on four workers')
        .example('$0 render - < release.md > release.pdf', 'reads one release on stdin and writes the PDF to stdout')
        .example('find releases -name "*.md" | $0 render --stdin-list -o out/', 'renders a list of paths read from stdin'),
    handler: async (args) => ctx.finish(await runRender(ctx.io, args)),
  };
}

/** `--pdfa none` asks for an ordinary PDF even from an archive layout; no option leaves the layout's choice. */
function pdfaOption(value: string | undefined): RenderOptions['pdfa'] {
  return value === undefined ? undefined : value === 'none' ? false : (value as '2b' | '3b');
}

/** Checks what yargs cannot: counts and ranges. True, or the message of a usage error. */
function checkRenderArgs(args: RenderArgs): true | string {
  const inputs = args.inputs ?? [];
  if (inputs.length === 0 && !args.stdinList) return 'name the releases to render (files, folders, globs, - for stdin) or give --stdin-list';
  if (args.stdinList && inputs.includes(STDIN_INPUT)) return '--stdin-list reads paths from stdin, so - (a release on stdin) cannot be an input too';
  if (args.output === STDIN_INPUT && (inputs.length !== 1 || args.stdinList)) return '-o - writes one PDF to stdout: name exactly one release';
  for (const [name, value, integer] of [['jobs', args.jobs, true], ['timeout', args.timeout, false], ['max-pages', args.maxPages, true]] as const) {
    if (value !== undefined && (!(value > 0) || (integer && !Number.isInteger(value)))) return `--${name} must be a positive ${integer ? 'whole number' : 'number'}`;
  }
  return true;
}

/** Renders every input; a failed input is reported and the others still render. Returns the exit code. */
export async function runRender(io: CliIo, args: RenderArgs, hooks: RenderHooks = {}): Promise<number> {
  const inputs = args.inputs ?? [];
  // 1. One release to stdout: `render - ` without -o, or `-o -`.
  if (args.output === STDIN_INPUT || (inputs.length === 1 && inputs[0] === STDIN_INPUT && args.output === undefined)) {
    return renderToStdout(io, inputs[0]!, { layoutsDir: args.layouts, maxPages: args.maxPages, pdfa: pdfaOption(args.pdfa) });
  }
  // 2. A batch, with Ctrl-C handled: the first stops starting renders, the second abandons those in progress.
  const paths = args.stdinList ? inputs.concat(await readPathList()) : inputs;
  // The report is started first: a path it cannot be written to is known before anything is rendered.
  let report: ReportWriter | undefined;
  try {
    report = args.report === undefined ? undefined : await ReportWriter.open(args.report);
  } catch (err) {
    printFailure(io, args.report!, err);
    return EXIT_USAGE;
  }
  const interrupts = hooks.stop ? undefined : listenForInterrupts(io);
  const printer = await createBatchPrinter(io, Boolean(io.errIsTTY) && !args.quiet);
  const options: BatchOptions = {
    output: args.output,
    layoutsDir: args.layouts,
    maxPages: args.maxPages,
    pdfa: pdfaOption(args.pdfa),
    jobs: args.jobs,
    force: args.force,
    timeoutMs: args.timeout === undefined ? undefined : args.timeout * 1000,
    stop: hooks.stop ?? interrupts?.stop,
    abort: hooks.abort ?? interrupts?.abort,
    engineModule: hooks.engineModule,
    // Records go to the output and the report as they come: memory stays flat however long the batch.
    keepRecords: false,
    onStart: (total) => printer.start(total),
    onRecord: (record) => {
      report?.add(record);
      printRecord({ out: printer.out, err: printer.err }, record, args.quiet ?? false);
      printer.tick();
    },
  };
  let result: BatchResult;
  try {
    // Imported here, not with this file: `--help` and the other commands need none of the batch machinery.
    const { renderBatch } = await import('../batch/renderBatch.js');
    result = await renderBatch(paths, options);
  } catch (err) {
    // Only a usage problem with -o escapes renderBatch.
    printer.stop();
    printFailure(io, args.output ?? '-o', err);
    await report?.discard();
    return EXIT_USAGE;
  } finally {
    interrupts?.dispose();
  }
  // 3. The summary, always; the report when asked.
  printer.stop();
  io.err(formatSummary(result.summary));
  if (report && !(await finishReport(io, report, result.summary))) return EXIT_FAILED;
  // Ctrl-C after the last release had started still ends as interrupted: the user asked to stop.
  if (result.summary.interrupted || options.stop?.aborted) return EXIT_INTERRUPTED;
  return result.summary.failed > 0 ? EXIT_FAILED : EXIT_OK;
}

/** Puts the report in place; prints why when it cannot. True on success. */
async function finishReport(io: CliIo, report: ReportWriter, summary: BatchSummary): Promise<boolean> {
  try {
    await report.finish(summary);
    return true;
  } catch (err) {
    printFailure(io, report.path, err);
    return false;
  }
}

/** Prints one record: `wrote …`/`up to date …` on stdout (unless quiet), its diagnostics on stderr. */
function printRecord(io: CliIo, record: BatchRecord, quiet: boolean): void {
  printDiagnostics(io, record.diagnostics);
  if (record.internalError !== undefined) io.err(`${record.input}: internal error: ${record.internalError}\n`);
  if (quiet) return;
  const pages = `${record.pages} ${record.pages === 1 ? 'page' : 'pages'}`;
  if (record.status === 'rendered') io.out(`wrote ${record.output} (${pages})\n`);
  if (record.status === 'skipped') io.out(`up to date ${record.output} (${pages})\n`);
}

/** Ctrl-C handling for a batch: two signals, and a dispose that restores the default behaviour. */
function listenForInterrupts(io: CliIo) {
  const stop = new AbortController();
  const abort = new AbortController();
  const onSigint = () => {
    if (!stop.signal.aborted) {
      stop.abort();
      io.err('interrupted: finishing the releases in progress; press Ctrl-C again to abandon them\n');
    } else abort.abort();
  };
  process.on('SIGINT', onSigint);
  return { stop: stop.signal, abort: abort.signal, dispose: () => void process.off('SIGINT', onSigint) };
}
