// The release stage: SourceFile → Release (front matter or data parsed, validated, body converted).
import { PressroomError, errorAt, fail } from '../diagnostics/PressroomError.js';
import type { Diagnostic } from '../diagnostics/types.js';
import type { SourceFile } from '../load/types.js';
import { convertMarkdown } from './convertMarkdown.js';
import { parseData, type ParsedData } from './parseData.js';
import { splitFrontMatter } from './splitFrontMatter.js';
import type { Release } from './types.js';
import { validateData, type ReleaseData } from './validateData.js';

/** Control characters that have no place in a release (tab, line feed and carriage return are fine). */
const FORBIDDEN_CHARACTER = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Reads a release from its source: every problem is an error naming the file, field and line:column. */
export function parseRelease(source: SourceFile): Release {
  // 1. Refuse characters that cannot be printed, before anything else reads them.
  rejectForbiddenCharacters(source.path, source.text);
  // 2. Split the front matter from the body (Markdown) or take the whole file as data (JSON/YAML).
  const split = source.kind === 'markdown' ? splitFrontMatter(source.path, source.text) : { yaml: source.text, yamlLine: 1, body: undefined, bodyLine: 1 };
  // 3. Parse and validate the fields.
  const parsed = parseData(source.path, split.yaml, split.yamlLine);
  // Escapes (JSON "\ud800", YAML "\x07") can spell the characters step 1 refused: check the values as parsed, too.
  rejectEscapedCharacters(source.path, parsed);
  const data = validateData(source.path, parsed);
  if (split.body !== undefined && data.body !== undefined) {
    const { line, column } = parsed.placeOf(['body'], true);
    fail({ file: source.path, line, column }, 'the body is given twice: as a field and after the front matter', 'keep one of them', 'body');
  }
  // 4. Convert the body; for data files its positions count from the body field's line.
  const bodyText = split.body ?? data.body ?? '';
  const block = split.body === undefined ? parsed.blockScalarAt(['body']) : undefined;
  const origin = split.body !== undefined ? { line: split.bodyLine } : block ? { line: block.line, indent: block.indent } : { line: 1, fixed: parsed.placeOf(['body']) };
  const body = convertMarkdown(bodyText, { file: source.path, ...origin });
  return { ...toRelease(source.path, data, body), layoutPlace: parsed.placeOf(['layout']) };
}

/** Normalises the validated fields into the Release the layouts see (absent optional fields are null, for strict templates). */
function toRelease(file: string, data: ReleaseData, body: Release['body']): Release {
  return {
    source: file,
    layout: data.layout,
    ref: data.ref,
    date: data.date,
    place: data.place,
    language: data.language,
    title: data.title,
    subtitle: data.subtitle ?? null,
    body,
    contacts: (data.contacts ?? []).map((c) => ({
      name: c.name,
      role: c.role ?? null,
      tel: c.tel ?? null,
      mobile: c.mobile ?? null,
      emails: c.email === undefined ? [] : Array.isArray(c.email) ? c.email : [c.email],
    })),
    footnotes: data.footnotes ?? [],
  };
}

/** Errors on every field (name or value) whose parsed text holds a control character or lone surrogate, at the field. */
function rejectEscapedCharacters(file: string, parsed: ParsedData): void {
  const diagnostics: Diagnostic[] = [];
  const visit = (value: unknown, path: (string | number)[]): void => {
    if (typeof value === 'string') {
      const match = FORBIDDEN_CHARACTER.exec(value);
      if (match) diagnostics.push(errorAt({ file, ...parsed.placeOf(path) }, `"${fieldName(path)}" contains ${codeOf(match[0])}`, 'remove the escape that writes it', fieldName(path)));
    } else if (Array.isArray(value)) {
      value.forEach((item, i) => visit(item, [...path, i]));
    } else if (value !== null && typeof value === 'object') {
      for (const [key, item] of Object.entries(value)) {
        const match = FORBIDDEN_CHARACTER.exec(key);
        if (match) diagnostics.push(errorAt({ file, ...parsed.placeOf(path) }, `a field name contains ${codeOf(match[0])}`, 'remove the escape that writes it'));
        else visit(item, [...path, key]);
      }
    }
  };
  visit(parsed.value, []);
  if (diagnostics.length > 0) throw new PressroomError(diagnostics);
}

/** A field path as messages show it: `contacts[0].email`. */
function fieldName(path: (string | number)[]): string {
  return path.map((s, i) => (typeof s === 'number' ? `[${s}]` : i === 0 ? s : `.${s}`)).join('') || '(top level)';
}

/** A refused character as messages name it: `the control character U+0007`, `the unpaired surrogate U+D800`. */
function codeOf(character: string): string {
  const code = character.codePointAt(0)!;
  const kind = code >= 0xd800 && code <= 0xdfff ? 'unpaired surrogate' : code >= 0xfffe ? 'noncharacter' : 'control character';
  return `the ${kind} U+${code.toString(16).toUpperCase().padStart(4, '0')}`;
}

/** Errors on the first control character or lone surrogate, with its line and column. */
function rejectForbiddenCharacters(file: string, text: string): void {
  const match = FORBIDDEN_CHARACTER.exec(text);
  if (!match) return;
  const before = text.slice(0, match.index);
  const line = before.split('\n').length;
  const column = match.index - before.lastIndexOf('\n');
  fail({ file, line, column }, `the text contains ${codeOf(match[0])}`, 'remove it; it is often pasted in by accident');
}
