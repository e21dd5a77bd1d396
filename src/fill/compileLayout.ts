// Compiles a layout's templates once (strict Handlebars, our helpers, per-node partials).
import Handlebars from 'handlebars';
import { PressroomError, errorAt, fail } from '../diagnostics/PressroomError.js';
import type { LayoutFiles, TemplateFile } from '../load/loadLayout.js';
import type { Release } from '../release/types.js';
import { helpers } from './helpers.js';
import type { CompiledLayout } from './types.js';

type Template = (context: unknown, options?: Handlebars.RuntimeOptions) => string;

/** Compiles the layout's document template and partials; syntax errors name the file and line. */
export function compileLayout(files: LayoutFiles): CompiledLayout {
  // 1. A Handlebars environment of the layout's own: its partials never leak into another layout.
  const hb = Handlebars.create();
  for (const [name, helper] of Object.entries(helpers)) hb.registerHelper(name, helper);
  // 2. Partials: one per node kind of the body (paragraph, list, strong, link…) and whatever else the layout splits out.
  for (const partial of files.partials) hb.registerPartial(partial.name, compileTemplate(hb, partial, true));
  // 3. The document template.
  const main = compileTemplate(hb, files.main, false);
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
function compileTemplate(hb: typeof Handlebars, template: TemplateFile, isPartial: boolean): Template {
  // A partial's final newline would become a space in the text it is used in.
  const text = isPartial ? template.text.replace(/\r?\n$/, '') : template.text;
  try {
    hb.parse(text);
  } catch (err) {
    const message = String((err as Error).message);
    const line = Number(/line (\d+)/.exec(message)?.[1] ?? 1);
    fail({ file: template.file, line, column: 1 }, `template syntax error: ${message.split('\n').pop()?.toLowerCase()}`, 'fix the Handlebars syntax of the layout');
  }
  const compiled = hb.compile(text, { strict: true, preventIndent: true }) as Template;
  return (context, options) => {
    try {
      return compiled(context, options);
    } catch (err) {
      if (err instanceof PressroomError) throw err;
      throw templateError(template.file, err as Error);
    }
  };
}

/** Turns a Handlebars runtime error into a diagnostic at the template's line:column. */
function templateError(file: string, err: Error): PressroomError {
  const message = String(err.message ?? err);
  const loc = / - (\d+):(\d+)$/.exec(message);
  const line = loc ? Number(loc[1]) : undefined;
  const column = loc ? Number(loc[2]) + 1 : undefined;
  const text = message.replace(/ - \d+:\d+$/, '').replace(/ in \[object Object\]/, '');
  const missing = /"(.+)" not defined/.exec(text);
  const hint = missing
    ? `the template uses "${missing[1]}", which the release and layout data do not have; guard it with {{#if}} or add it`
    : /partial/i.test(text) ? 'add the partial to the layout\'s partials/ folder' : /helper/i.test(text) ? 'use one of the helpers listed in the README' : 'fix the layout template';
  return new PressroomError([errorAt({ file, ...(line ? { line, column } : {}) }, `template error: ${text.charAt(0).toLowerCase()}${text.slice(1)}`, hint)]);
}
