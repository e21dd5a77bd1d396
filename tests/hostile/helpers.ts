// Shared helpers of the hostile-input suite: release builders, error capture, temporary layouts and the FO element tree.
import { cp, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { SaxesParser } from 'saxes';
import { PressroomError, formatDiagnostic } from '../../src/diagnostics/PressroomError.js';
import { decodeSource } from '../../src/load/decodeSource.js';
import type { SourceKind } from '../../src/load/types.js';
import { parseRelease } from '../../src/release/parseRelease.js';
import { renderRelease, type RenderOptions, type RenderResult } from '../../src/render.js';

/** The repository root. */
export const ROOT = resolve(fileURLToPath(new URL('.', import.meta.url)), '../..');
/** The project's layouts and fonts. */
export const LAYOUTS_DIR = join(ROOT, 'layouts');
export const FONTS_DIR = join(ROOT, 'fonts');

/** The six required fields of a plain-letterhead release, without the title. */
export const FIELDS = 'layout: plain-letterhead\nref: NHA/2025/014\ndate: 2025-02-11\nplace: Northwind\nlanguage: en\n';

/** A Markdown release: the required fields, `extra` front matter lines (a title by default) and `body`. */
export function md(body = 'Body text.\n', extra = 'title: Lock gates replaced\n', fields = FIELDS): string {
  return `---\n${fields}${extra}---\n${body}`;
}

/** Line of the first body line in `md(body)` with the default title. */
export const BODY_LINE = 9;

/** Encodes text as a SourceFile, as if read from `path`. */
export function source(path: string, text: string | Uint8Array, kind?: SourceKind) {
  return decodeSource(path, typeof text === 'string' ? new TextEncoder().encode(text) : text, kind);
}

/** Runs `fn` and returns the formatted diagnostics (without hints) of the PressroomError it must throw. */
export async function errorsOf(fn: () => unknown): Promise<string[]> {
  try {
    await fn();
  } catch (err) {
    if (!(err instanceof PressroomError)) throw err;
    return err.diagnostics.map((d) => formatDiagnostic({ ...d, hint: undefined }));
  }
  throw new Error('the input was accepted');
}

/** The diagnostics of a release that must fail to parse. */
export function parseErrors(path: string, text: string | Uint8Array): Promise<string[]> {
  return errorsOf(() => parseRelease(source(path, text)));
}

/** Renders release text in process. */
export function render(path: string, text: string, options: RenderOptions = {}): Promise<RenderResult> {
  return renderRelease(source(path, text), options);
}

/** Copies a layout of the project into a fresh temporary layouts folder, for tests that break it. */
export async function tempLayout(name = 'plain-letterhead'): Promise<{ layoutsDir: string; dir: string; edit: (file: string, change: (text: string) => string) => Promise<void> }> {
  const layoutsDir = await mkdtemp(join(tmpdir(), 'pressroom-hostile-layouts-'));
  const dir = join(layoutsDir, name);
  await cp(join(LAYOUTS_DIR, name), dir, { recursive: true });
  const edit = async (file: string, change: (text: string) => string) => {
    const path = join(dir, file);
    const before = await readFile(path, 'utf8');
    const after = change(before);
    if (after === before) throw new Error(`the edit of ${file} changed nothing`);
    await writeFile(path, after);
  };
  return { layoutsDir, dir, edit };
}

/** The element structure of an XML document: one line per element, indented by depth, with attribute names and values. */
export function elementTree(xml: string): string[] {
  const lines: string[] = [];
  let depth = 0;
  const parser = new SaxesParser({ xmlns: false, position: false });
  parser.on('opentag', (tag) => {
    const attrs = Object.entries(tag.attributes).map(([k, v]) => `${k}=${JSON.stringify(v)}`).join(' ');
    lines.push(`${'  '.repeat(depth)}${tag.name}${attrs ? ` ${attrs}` : ''}`);
    if (!tag.isSelfClosing) depth++;
  });
  parser.on('closetag', (tag) => {
    if (!tag.isSelfClosing) depth--;
  });
  parser.on('doctype', () => lines.push('<!DOCTYPE>'));
  parser.on('processinginstruction', (pi) => lines.push(`<?${pi.target}?>`));
  parser.write(xml).close();
  return lines;
}

/** Resolves after `ms` milliseconds (for wall-clock budgets). */
export const elapsed = (start: number) => performance.now() - start;
