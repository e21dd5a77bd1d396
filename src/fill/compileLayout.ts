// Compiles a layout's templates once (strict Handlebars, our helpers, per-node partials).
import Handlebars from 'handlebars';
import { PressroomError, errorAt, fail } from '../diagnostics/PressroomError.js';
import type { LayoutFiles, TemplateFile } from '../load/loadLayout.js';
import type { Release } from '../release/types.js';
import { helpers } from './helpers.js';
import { TEMPLATE_OPTIONS, templateKey, type PrebuiltLayouts } from './prebuilt.js';
import { PREBUILT_LAYOUTS } from './prebuiltLayouts.js';
import type { CompiledLayout } from './types.js';

type Template = (context: unknown, options?: Handlebars.RuntimeOptions) => string;

/**
 * Compiles the layout's document template and partials; syntax errors name the file and line. A template whose exact
 * text the build precompiled (`prebuilt`, see prebuilt.ts) is taken from there instead of being compiled again.
 */
export function compileLayout(files: LayoutFiles, prebuilt: PrebuiltLayouts = PREBUILT_LAYOUTS): CompiledLayout {
  // 1. A Handlebars environment of the layout's own: its partials never leak into another layout.
  const hb = Handlebars.create();
  for (const [name, helper] of Object.entries(helpers)) hb.registerHelper(name, helper);
  // 2. Partials: one per node kind of the body (paragraph, list, strong, link…) and whatever else the layout splits out.
  for (const partial of files.partials) hb.registerPartial(partial.name, compileTemplate(hb, partial, true, prebuilt));
  // 3. The document template.
  const main = compileTemplate(hb, files.main, false, prebuilt);
  const data = files.data;
  const layout = { name: files.name, version: files.version };
  return {
    name: files.name,
    version: files.version,
    description: files.description,
    author: files.author,
    ...(files.pdfa ? { pdfa: files.pdfa } : {}),
    dir: files.dir,
    fill: (release: Release) => main({ release, data, layout }),
  };
}

/** Parses a template now (to report syntax errors at load) and wraps it so runtime errors name its file. */
function compileTemplate(hb: typeof Handlebars, template: TemplateFile, isPartial: boolean, prebuilt: PrebuiltLayouts): Template {
  const text = templateText(template.text, isPartial);
  // This very text compiled at build time (so it has no syntax error): Handlebars' compile() would make the same spec.
  const spec = prebuilt.templates.size > 0 ? prebuilt.templates.get(templateKey(text)) : undefined;
  if (spec) return withTemplateErrors(hb.template(spec) as Template, template.file, text);
  try {
    hb.parse(text);
  } catch (err) {
    const { line, column, message } = describeParseError(err as Error & { lineNumber?: number; column?: number }, text);
    fail({ file: template.file, line, column }, `template syntax error: ${message}`, 'fix the Handlebars syntax of the layout');
  }
  return withTemplateErrors(hb.compile(text, { ...TEMPLATE_OPTIONS }) as Template, template.file, text);
}

/** The text of a template file that is compiled (also by the build, scripts/bundle-cli.mjs, to precompile it). */
export function templateText(fileText: string, isPartial: boolean): string {
  // A partial's final newline would become a space in the text it is used in.
  return isPartial ? fileText.replace(/\r?\n$/, '') : fileText;
}

/** Wraps a compiled template so that its runtime errors name its file and line:column. */
function withTemplateErrors(compiled: Template, file: string, text: string): Template {
  return (context, options) => {
    try {
      return compiled(context, options);
    } catch (err) {
      if (err instanceof PressroomError) throw err;
      throw templateError(file, err as Error, text);
    }
  };
}

/**
 * Where a Handlebars parse error is and what it says. Block mismatches carry `lineNumber`/`column`; the parser's own
 * errors say "Parse error on line N:", then an excerpt (the last characters read, newlines dropped) over a caret.
 */
function describeParseError(err: Error & { lineNumber?: number; column?: number }, text: string): { line: number; column: number; message: string } {
  const message = String(err.message);
  if (typeof err.lineNumber === 'number') {
    const mismatch = /^(\S+) doesn't match (\S+)/.exec(message);
    const described = mismatch ? `{{#${mismatch[1]}}} is closed by {{/${mismatch[2]}}}` : message.replace(/ - \d+:\d+$/, '').toLowerCase();
    return { line: err.lineNumber, column: (err.column ?? 0) + 1, message: described };
  }
  const [head, excerpt = '', caret = '', ...rest] = message.split('\n');
  const line = Number(/line (\d+)/.exec(head)?.[1] ?? 1);
  const at = caret.indexOf('^');
  const past = excerpt.slice(0, Math.max(at, 0)).replace(/^\.\.\./, '');
  const upcoming = excerpt.slice(Math.max(at, 0)).replace(/\.\.\.$/, '');
  const lineText = text.split('\n')[line - 1] ?? '';
  // The column is where the line agrees with the excerpt: what was read before it, and what comes after.
  let column = 1;
  for (let k = lineText.length; k >= 0; k--) {
    const before = lineText.slice(0, k);
    const overlap = Math.min(before.length, past.length);
    const after = lineText.slice(k, k + upcoming.length);
    if (before.slice(before.length - overlap) === past.slice(past.length - overlap) && upcoming.startsWith(after)) {
      column = k + 1;
      break;
    }
  }
  const expecting = rest.join(' ').replace(/^Expecting /, 'expecting ');
  return { line, column, message: expecting || head.toLowerCase() };
}

/** Where a missing partial is used in a template's text, for errors that Handlebars reports without a place. */
function placeOfPartial(text: string, name: string): { line: number; column: number } | undefined {
  const escaped = name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const match = new RegExp(`\\{\\{~?#?>\\s*${escaped}(?![\\w-])`).exec(text);
  if (!match) return undefined;
  const before = text.slice(0, match.index);
  return { line: before.split('\n').length, column: match.index - before.lastIndexOf('\n') };
}

/** Turns a Handlebars runtime error into a diagnostic at the template's line:column. */
function templateError(file: string, err: Error, source: string): PressroomError {
  const message = String(err.message ?? err);
  const loc = / - (\d+):(\d+)$/.exec(message);
  const partial = /^The partial (.+) could not be found$/.exec(message)?.[1];
  const partialPlace = partial === undefined ? undefined : placeOfPartial(source, partial);
  const line = loc ? Number(loc[1]) : partialPlace?.line;
  const column = loc ? Number(loc[2]) + 1 : partialPlace?.column;
  const text = message.replace(/ - \d+:\d+$/, '').replace(/ in \[object Object\]/, '');
  const missing = /"(.+)" not defined/.exec(text);
  const hint = missing
    ? `the template uses "${missing[1]}", which the release and layout data do not have; guard it with {{#if}} or add it`
    : /partial/i.test(text) ? 'add the partial to the layout\'s partials/ folder' : /helper/i.test(text) ? 'use one of the helpers listed in the README' : 'fix the layout template';
  return new PressroomError([errorAt({ file, ...(line ? { line, column } : {}) }, `template error: ${text.charAt(0).toLowerCase()}${text.slice(1)}`, hint)]);
}
