// `pressroom check <pdfs..>`: a preflight of any PDF for archiving — PDF/A claim and metadata, fonts, tags, language, links, actions.
import { readFile } from 'node:fs/promises';
import type { CommandModule } from 'yargs';
import type { CheckReport } from '../archive/checkPdf.js';
import { EXIT_FAILED, EXIT_OK, type CliContext, type CliIo } from './types.js';

/** The arguments of `check`, as yargs parses them. */
export interface CheckArgs {
  /** PDF files. */
  pdfs: string[];
}

/** The `check` command for yargs. */
export function checkCommand(ctx: CliContext): CommandModule<object, CheckArgs> {
  return {
    command: 'check <pdfs..>',
    describe: 'preflight PDFs for archiving: PDF/A identification, XMP, fonts, tags, language, links, actions; exit 1 on findings',
    builder: (y) =>
      y
        .positional('pdfs', { type: 'string', array: true, demandOption: true, default: undefined, describe: 'PDF files to check' })
        .example('$0 check out/*.pdf', 'prints "ok" with a summary, or one line per finding'),
    handler: async (args) => ctx.finish(await runCheck(ctx.io, args)),
  };
}

/** Checks every PDF, printing a summary line for each and a line per finding; returns the exit code. */
export async function runCheck(io: CliIo, args: CheckArgs): Promise<number> {
  const { checkPdf } = await import('../archive/checkPdf.js');
  let failed = false;
  for (const path of args.pdfs) {
    let bytes: Uint8Array;
    try {
      bytes = await readFile(path);
    } catch (err) {
      io.err(`${path}: error: cannot read the file: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}\n`);
      failed = true;
      continue;
    }
    const report = checkPdf(bytes);
    for (const f of report.findings) io.err(`${path}: error: ${f.message} [${f.rule}]\n`);
    failed ||= report.findings.length > 0;
    io.out(`${report.findings.length === 0 ? 'ok' : 'not ok'} ${path}: ${summaryOf(report)}\n`);
  }
  return failed ? EXIT_FAILED : EXIT_OK;
}

/** One line: PDF/A level, tagging and language, fonts, links, attachments. */
function summaryOf(r: CheckReport): string {
  const parts = [
    r.pdfa ? `PDF/A-${r.pdfa}` : 'not PDF/A',
    r.tagged ? 'tagged' : 'untagged',
    `lang ${r.lang ?? 'none'}`,
    `${r.fonts.total} font${r.fonts.total === 1 ? '' : 's'} (${r.fonts.embedded} embedded, ${r.fonts.subset} subset)`,
    `${r.links} link${r.links === 1 ? '' : 's'}`,
    `${r.attachments.length} attachment${r.attachments.length === 1 ? '' : 's'}${r.attachments.length ? ` (${r.attachments.map((a) => `${a.name}${a.relationship ? ` ${a.relationship}` : ''}`).join(', ')})` : ''}`,
  ];
  return parts.join(', ');
}
