// Checks release data against the schema and turns each violation into a message with its place.
import { createHash } from 'node:crypto';
import { Ajv, type ErrorObject, type Options } from 'ajv';
import { PressroomError, errorAt } from '../diagnostics/PressroomError.js';
import type { Diagnostic } from '../diagnostics/types.js';
import type { ParsedData } from './parseData.js';
import { PREBUILT_VALIDATOR } from './prebuiltValidator.js';
import { FIELD_EXPECTATIONS, releaseSchema } from './schema.js';

/** How ajv compiles the schema: every error at once, each with the value it is about (`verbose`). */
export const AJV_OPTIONS: Readonly<Options> = Object.freeze({ allErrors: true, strict: true, verbose: true });

/** What a compiled validator depends on: the schema and the options (the build keys its standalone validator by it). */
export function validatorKey(): string {
  return createHash('sha256').update(JSON.stringify([AJV_OPTIONS, releaseSchema])).digest('hex');
}

/** The schema compiled once per process (compiling is the slow part of ajv), or at build time for the CLI bundle. */
const validate = PREBUILT_VALIDATOR?.key === validatorKey() ? PREBUILT_VALIDATOR.validate : new Ajv({ ...AJV_OPTIONS }).compile(releaseSchema);

/** The release fields as checked by the schema (the body still Markdown text, if present). */
export interface ReleaseData {
  layout: string;
  ref: string;
  date: string;
  place: string;
  language: string;
  title: string;
  subtitle?: string;
  body?: string;
  contacts?: { name: string; role?: string; tel?: string; mobile?: string; email?: string | string[] }[];
  footnotes?: { mark: string; text: string }[];
}

/** Validates parsed data; every problem is reported at once, each with its field and line:column. */
export function validateData(file: string, data: ParsedData): ReleaseData {
  const value = data.value;
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    const { line, column } = data.placeOf([]);
    throw new PressroomError([errorAt({ file, line, column }, 'the release data must be a set of fields (key: value)', 'write fields such as layout, ref, date, place, language, title')]);
  }
  const diagnostics: Diagnostic[] = [];
  if (!validate(value)) diagnostics.push(...describeErrors(file, data, validate.errors ?? []));
  const date = (value as { date?: unknown }).date;
  if (typeof date === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(date) && !isRealDate(date)) {
    const { line, column } = data.placeOf(['date']);
    diagnostics.push(errorAt({ file, line, column }, `"date" is "${date}", which is not a day in the calendar`, `write ${FIELD_EXPECTATIONS.date}`, 'date'));
  }
  if (diagnostics.length > 0) throw new PressroomError(diagnostics.sort((a, b) => (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0)));
  return value as ReleaseData;
}

/** True when YYYY-MM-DD names a real day (no 30 February). */
function isRealDate(iso: string): boolean {
  const d = new Date(`${iso}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === iso;
}

/** One diagnostic per field path: ajv reports several for one `anyOf`, the first is enough. */
function describeErrors(file: string, data: ParsedData, errors: ErrorObject[]): Diagnostic[] {
  const seen = new Set<string>();
  const out: Diagnostic[] = [];
  // Errors inside an anyOf branch are noise: the anyOf error itself says what is expected.
  for (const error of errors.filter((e) => !e.schemaPath.includes('/anyOf/'))) {
    const path = error.instancePath.split('/').slice(1).map((s) => (/^\d+$/.test(s) ? Number(s) : s.replace(/~1/g, '/').replace(/~0/g, '~')));
    const described = describeError(error, path);
    const key = described.field;
    if (seen.has(key)) continue;
    seen.add(key);
    const { line, column } = data.placeOf(described.path, described.atKey);
    out.push(errorAt({ file, line, column }, described.message, described.hint, described.field));
  }
  return out;
}

/** Says in plain words what an ajv error means for the field. */
function describeError(error: ErrorObject, path: (string | number)[]): { path: (string | number)[]; field: string; message: string; hint: string; atKey?: boolean } {
  const fieldOf = (p: (string | number)[]) => p.map((s, i) => (typeof s === 'number' ? `[${s}]` : i === 0 ? s : `.${s}`)).join('') || '(top level)';
  const last = [...path].reverse().find((s) => typeof s === 'string') as string | undefined;
  const expected = (name?: string) => (name && FIELD_EXPECTATIONS[name]) || 'see the release format in the README';
  switch (error.keyword) {
    case 'required': {
      const name = String(error.params.missingProperty);
      return { path, field: fieldOf([...path, name]), message: `missing required field "${name}"`, hint: `add ${name}: ${expected(name)}` };
    }
    case 'additionalProperties': {
      const name = String(error.params.additionalProperty);
      return { path: [...path, name], atKey: true, field: fieldOf([...path, name]), message: `unknown field "${name}"`, hint: 'remove it or check its spelling; the README lists the release fields' };
    }
    case 'type':
      return { path, field: fieldOf(path), message: `"${fieldOf(path)}" must be ${error.params.type === 'string' ? 'text' : error.params.type === 'array' ? 'a list' : 'a set of fields'}`, hint: expected(last) };
    case 'pattern':
      if (typeof error.data === 'string' && /^[\s\p{Cf}]*$/u.test(error.data)) return { path, field: fieldOf(path), message: `"${fieldOf(path)}" is empty`, hint: expected(last) };
      return describeOther(error, path, fieldOf, expected, last);
    case 'minLength':
      return { path, field: fieldOf(path), message: `"${fieldOf(path)}" is empty`, hint: expected(last) };
    case 'maxLength':
      return { path, field: fieldOf(path), message: `"${fieldOf(path)}" is longer than ${error.params.limit} characters`, hint: 'shorten it' };
    case 'minItems':
      return { path, field: fieldOf(path), message: `"${fieldOf(path)}" is an empty list`, hint: expected(last) };
    default:
      return describeOther(error, path, fieldOf, expected, last);
  }
}

/** The message for a value of the right type in the wrong form: what the field must be, and what was found. */
function describeOther(error: ErrorObject, path: (string | number)[], fieldOf: (p: (string | number)[]) => string, expected: (name?: string) => string, last?: string) {
  const shown = typeof error.data === 'string' ? `; found "${error.data.length > 40 ? `${error.data.slice(0, 40)}…` : error.data}"` : '';
  return { path, field: fieldOf(path), message: `"${fieldOf(path)}" must be ${expected(last)}${shown}`, hint: 'see "The release format" in the README' };
}
