// The render command's own I/O: one PDF to stdout, a list of paths from stdin.
import { performance } from 'node:perf_hooks';
import { errorAt, PressroomError } from '../diagnostics/PressroomError.js';
import { loadInput } from '../load/loadInput.js';
import { renderRelease, type RenderOptions } from '../render.js';
import { formatSummary } from './formatSummary.js';
import { printDiagnostics, printFailure } from './printDiagnostics.js';
import { EXIT_FAILED, EXIT_OK, EXIT_USAGE, type CliIo } from './types.js';

/** Renders one release (a file, or `-` for stdin) and writes its PDF to stdout; the summary goes to stderr. */
export async function renderToStdout(io: CliIo, input: string, options: RenderOptions): Promise<number> {
  if (io.outIsTTY || !io.outBytes) {
    printFailure(io, '-o -', new PressroomError([errorAt({ file: '<stdout>' }, 'a PDF is not written to a terminal', 'redirect stdout to a file or a pipe, or give -o FILE.pdf')]));
    return EXIT_USAGE;
  }
  const started = performance.now();
  let pages = 0;
  try {
    const result = await renderRelease(await loadInput(input), options);
    printDiagnostics(io, result.diagnostics);
    await io.outBytes(result.pdf);
    pages = result.pages;
  } catch (err) {
    printFailure(io, input, err);
  }
  const ok = pages > 0;
  io.err(formatSummary({ rendered: ok ? 1 : 0, skipped: 0, failed: ok ? 0 : 1, pages, ms: performance.now() - started, interrupted: false }));
  return ok ? EXIT_OK : EXIT_FAILED;
}

/** Reads input paths from stdin, one a line; blank lines are ignored. */
export async function readPathList(stdin: AsyncIterable<Uint8Array> = process.stdin): Promise<string[]> {
  const chunks: Uint8Array[] = [];
  for await (const chunk of stdin) chunks.push(chunk);
  return Buffer.concat(chunks).toString('utf8').split(/\r?\n/).filter((line) => line.trim() !== '');
}
