// `pressroom extract <pdf> [-o DIR]`: writes the files embedded in a PDF (an archival copy's release source and layout record).
import { access, readFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import type { CommandModule } from 'yargs';
import type { EmbeddedFile } from '../archive/readAttachments.js';
import { writeAtomic } from '../write/writeAtomic.js';
import { EXIT_FAILED, EXIT_OK, type CliContext, type CliIo } from './types.js';

/** The arguments of `extract`, as yargs parses them. */
export interface ExtractArgs {
  pdf: string;
  /** `-o`: the folder to write into (default: the PDF's folder). */
  output?: string;
  /** `--all`: every embedded file, not only the source (AFRelationship Source). */
  all?: boolean;
  /** `--list`: print the embedded files instead of writing them. */
  list?: boolean;
  /** `--force`: replace existing files. */
  force?: boolean;
}

/** The `extract` command for yargs. */
export function extractCommand(ctx: CliContext): CommandModule<object, ExtractArgs> {
  return {
    command: 'extract <pdf>',
    describe: 'write out the release source embedded in an archival (PDF/A-3) copy, byte for byte',
    builder: (y) =>
      y
        .positional('pdf', { type: 'string', demandOption: true, describe: 'the PDF' })
        .option('output', { alias: 'o', type: 'string', requiresArg: true, describe: 'folder to write into (default: beside the PDF)' })
        .option('all', { type: 'boolean', describe: 'every embedded file (also the layout record), not only the source' })
        .option('list', { type: 'boolean', describe: 'list the embedded files: name, relationship, type, size' })
        .option('force', { alias: 'f', type: 'boolean', describe: 'replace files that already exist' })
        .example('$0 extract 161a07.pdf -o restored/', 'writes restored/161a07.md, identical to the release that was rendered'),
    handler: async (args) => ctx.finish(await runExtract(ctx.io, args)),
  };
}

/** Extracts (or lists) the embedded files; returns the exit code. */
export async function runExtract(io: CliIo, args: ExtractArgs): Promise<number> {
  const [{ readAttachments }, { readPdfObjects }] = await Promise.all([import('../archive/readAttachments.js'), import('../archive/readPdfObjects.js')]);
  let files: EmbeddedFile[];
  try {
    files = readAttachments(readPdfObjects(await readFile(args.pdf)));
  } catch (err) {
    io.err(`${args.pdf}: error: ${(err as Error).message}\n`);
    return EXIT_FAILED;
  }
  if (args.list) {
    for (const f of files) io.out(`${f.name}\t${f.relationship ?? '-'}\t${f.mime ?? '-'}\t${f.bytes.length}\n`);
    return EXIT_OK;
  }
  const chosen = args.all ? files : files.filter((f) => f.relationship === 'Source');
  if (chosen.length === 0) {
    io.err(`${args.pdf}: error: the PDF holds no ${args.all ? 'embedded files' : 'release source (an associated file with AFRelationship Source)'}\n  hint: only archival copies rendered as PDF/A-3b carry their source\n`);
    return EXIT_FAILED;
  }
  const folder = args.output ?? dirname(args.pdf);
  let failed = false;
  for (const file of chosen) {
    // The name comes from the PDF: keep only its last part, so no file is written outside the folder.
    const target = join(folder, safeName(file.name));
    if (!args.force && (await exists(target))) {
      io.err(`${target}: error: the file exists\n  hint: use --force to replace it, or -o to write elsewhere\n`);
      failed = true;
      continue;
    }
    try {
      await writeAtomic(target, file.bytes, { createFolder: true });
      io.out(`wrote ${target}\n`);
    } catch (err) {
      io.err(`${target}: error: ${(err as Error).message}\n`);
      failed = true;
    }
  }
  return failed ? EXIT_FAILED : EXIT_OK;
}

function safeName(name: string): string {
  const base = basename(name.replace(/\\/g, '/'));
  return base === '' || base === '.' || base === '..' ? 'attachment' : base;
}

async function exists(path: string): Promise<boolean> {
  try {
    await access(path);
    return true;
  } catch {
    return false;
  }
}
