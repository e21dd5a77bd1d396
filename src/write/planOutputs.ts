// Decides where each release's PDF goes: beside the input, mirrored into a folder, or one named file.
import { stat } from 'node:fs/promises';
import { extname, join, relative, resolve, sep } from 'node:path';
import { PressroomError, errorAt } from '../diagnostics/PressroomError.js';
import type { Diagnostic } from '../diagnostics/types.js';
import { STDIN_INPUT, type ReleaseInput } from '../load/expandInputs.js';

/** Where the PDFs go, decided once from `-o` and the number of releases. */
export type OutputTarget =
  /** No `-o`: each PDF beside its input, `x.md` → `x.pdf`. */
  | { kind: 'beside' }
  /** `-o DIR`: each input's path below its root, mirrored into `dir`. */
  | { kind: 'folder'; dir: string }
  /** `-o FILE`: the one release's PDF is this file. */
  | { kind: 'file'; file: string };

/** One release and the PDF it becomes. */
export interface PlannedOutput {
  input: ReleaseInput;
  /** Path of the PDF to write. */
  output: string;
}

/** The releases that can be written, and an error for each that cannot. */
export interface OutputPlan {
  outputs: PlannedOutput[];
  /** One error per input whose output is unusable (stdin without `-o FILE`, two inputs on one PDF…). */
  diagnostics: Diagnostic[];
}

/** The extension of what we write. */
const PDF_EXTENSION = '.pdf';

/**
 * Reads `-o`: a folder when it exists as one, ends with `/`, or several releases share it; otherwise a file.
 * Several releases and an `-o` ending in `.pdf` is an error (thrown): it surely meant one file.
 */
export async function resolveOutputTarget(out: string | undefined, releaseCount: number): Promise<OutputTarget> {
  if (out === undefined) return { kind: 'beside' };
  const isFolder = out.endsWith('/') || out.endsWith(sep) || (await stat(out).then((s) => s.isDirectory(), () => false));
  if (isFolder) return { kind: 'folder', dir: out };
  if (releaseCount <= 1) return { kind: 'file', file: out };
  if (extname(out).toLowerCase() === PDF_EXTENSION) {
    throw new PressroomError([errorAt({ file: out }, `-o names one PDF file, but there are ${releaseCount} releases`, 'give a folder to -o (ending in /), or render one release')]);
  }
  return { kind: 'folder', dir: out };
}

/** The PDF path for one input: beside it, mirrored below `dir`, or the named file. */
export function outputPathFor(input: string, inputRoot: string, target: OutputTarget): string {
  switch (target.kind) {
    case 'file':
      return target.file;
    case 'beside':
      return withPdfExtension(input);
    case 'folder': {
      const below = relative(inputRoot, input);
      // A path that climbs out of its root (it cannot, from expandInputs) keeps only its name.
      const mirrored = below.startsWith('..') || below === '' ? input.split(/[\\/]/).pop()! : below;
      return join(target.dir, withPdfExtension(mirrored));
    }
  }
}

/** Plans every input's output; inputs that cannot be written (or would write the same PDF) get diagnostics. */
export function planOutputs(inputs: readonly ReleaseInput[], target: OutputTarget): OutputPlan {
  const diagnostics: Diagnostic[] = [];
  const planned: PlannedOutput[] = [];
  for (const input of inputs) {
    if (input.path === STDIN_INPUT && target.kind !== 'file') {
      diagnostics.push(errorAt({ file: '<stdin>' }, 'a release read from stdin needs a file to write', 'add -o FILE.pdf'));
      continue;
    }
    const output = outputPathFor(input.path, input.root, target);
    if (input.path !== STDIN_INPUT && resolve(output) === resolve(input.path)) {
      diagnostics.push(errorAt({ file: input.path }, 'the PDF would overwrite its own input', 'name the PDF with -o FILE.pdf'));
      continue;
    }
    planned.push({ input, output });
  }
  const clashes = findClashes(planned);
  for (const p of planned.filter((p) => clashes.has(p))) {
    const others = clashes.get(p)!.map((o) => o.input.path).join(', ');
    diagnostics.push(errorAt({ file: p.input.path }, `${others} would also be written to ${p.output}`, 'rename one of them, or render them to different folders'));
  }
  return { outputs: planned.filter((p) => !clashes.has(p)), diagnostics };
}

/** For each output two or more inputs share: each of those inputs and the others on the same PDF. */
function findClashes(planned: PlannedOutput[]): Map<PlannedOutput, PlannedOutput[]> {
  const byOutput = new Map<string, PlannedOutput[]>();
  for (const p of planned) {
    const key = resolve(p.output);
    byOutput.set(key, [...(byOutput.get(key) ?? []), p]);
  }
  const clashes = new Map<PlannedOutput, PlannedOutput[]>();
  for (const group of byOutput.values()) {
    if (group.length < 2) continue;
    for (const p of group) clashes.set(p, group.filter((o) => o !== p));
  }
  return clashes;
}

/** `x.md` → `x.pdf`; a name without an extension gets `.pdf` added. */
function withPdfExtension(path: string): string {
  const ext = extname(path);
  return (ext ? path.slice(0, -ext.length) : path) + PDF_EXTENSION;
}
