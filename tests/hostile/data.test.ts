// Hostile release data: each fixture of fixtures/hostile/data/ fails with exactly the messages of its .expected file; encodings, size caps, bombs, prototype keys and evaluated front matter.
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MAX_SOURCE_BYTES } from '../../src/load/decodeSource.js';
import { loadSource } from '../../src/load/loadSource.js';
import { parseRelease } from '../../src/release/parseRelease.js';
import { BODY_LINE, errorsOf, FIELDS, md, parseErrors, render, ROOT, source } from './helpers.js';

/** The hostile data fixtures, each beside its `.expected` messages (one `file:line:col: error: message` a line). */
const DATA_DIR = 'fixtures/hostile/data';
const DATA_FIXTURES = readdirSync(join(ROOT, DATA_DIR)).filter((f) => !f.endsWith('.expected')).sort();

/** A file a `---js` front matter would write if it were ever evaluated. */
const PWNED_FILE = '/tmp/pressroom-pwned';

/** Generous wall-clock budget for rejections that must be "milliseconds": the work itself is ~1–20 ms. */
const FAST_REJECTION_MS = 200;

describe('hostile data fixtures', () => {
  it('should pair every fixture with its expected messages', () => {
    expect(DATA_FIXTURES.length).toBeGreaterThanOrEqual(20);
    for (const f of DATA_FIXTURES) expect(existsSync(join(ROOT, DATA_DIR, `${f}.expected`)), f).toBe(true);
  });

  it.each(DATA_FIXTURES)('should refuse %s with exactly its expected messages', async (name) => {
    const path = `${DATA_DIR}/${name}`;
    const expected = readFileSync(join(ROOT, `${path}.expected`), 'utf8').trimEnd().split('\n');
    const previous = process.cwd();
    process.chdir(ROOT);
    try {
      expect(await errorsOf(async () => parseRelease(await loadSource(path)))).toEqual(expected);
    } finally {
      process.chdir(previous);
    }
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

describe('prototype keys', () => {
  it('should leave Object.prototype untouched after every fixture, and through the whole render', async () => {
    for (const text of [md('Body.\n', 'title: T\n__proto__:\n  polluted: yes\n'), md('Body.\n', 'title: T\ncontacts:\n  - name: A\n    __proto__:\n      polluted: yes\n')]) {
      await expect(render('r.md', text)).rejects.toThrow(/unknown field "__proto__"/);
    }
    await expect(render('r.json', '{"__proto__": {"polluted": "yes"}, "constructor": {"prototype": {"polluted": "yes"}}}')).rejects.toThrow(/unknown field/);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.prototype).not.toHaveProperty('polluted');
  });
});

describe('front matter that is code', () => {
  it('should never evaluate ---js front matter: no global set, no file written', async () => {
    rmSync(PWNED_FILE, { force: true });
    const code = '---js\n{ title: (globalThis.pressroomPwned = true, require("fs").writeFileSync("/tmp/pressroom-pwned", "x")) }\n---\nBody.\n';
    expect(await errorsOf(() => render('r.md', code))).toEqual(['r.md:1:4: error: front matter must be YAML; "---js" is not accepted']);
    expect((globalThis as Record<string, unknown>).pressroomPwned).toBeUndefined();
    expect(existsSync(PWNED_FILE)).toBe(false);
  });

  it('should refuse YAML tags that other loaders would run (!!js/function) and leave no trace', async () => {
    const errors = await parseErrors('r.md', md('Body.\n', "title: !!js/function 'function () { globalThis.pressroomPwned = true }'\n"));
    expect(errors).toEqual(['r.md:7:22: error: yaml tags such as "!!js/function" are not accepted in a release']);
    expect((globalThis as Record<string, unknown>).pressroomPwned).toBeUndefined();
  });
});

describe('YAML 1.1 coercions', () => {
  it('should keep no, yes, on, 0123, 0x1F, 1e3, ~, null and an unquoted date as the strings written', () => {
    // Every scalar is text (failsafe schema), so nothing becomes false, 83, 31, 1000 or null.
    const release = parseRelease(
      source('r.md', md('Body.\n', 'title: yes\nsubtitle: on\ncontacts:\n  - name: ~\n    role: "null"\n    tel: 0x1F\n    mobile: 1e3\n', FIELDS.replace('ref: NHA/2025/014', 'ref: 0123').replace('language: en', 'language: no').replace('date: 2025-02-11', 'date: 2007-03-12'))),
    );
    expect([release.title, release.subtitle, release.ref, release.language, release.date]).toEqual(['yes', 'on', '0123', 'no', '2007-03-12']);
    expect(release.contacts[0]).toMatchObject({ name: '~', role: 'null', tel: '0x1F', mobile: '1e3' });
  });

  it('should keep JSON numbers and booleans given for text as the text written', () => {
    const json = JSON.stringify({ layout: 'plain-letterhead', ref: 123, date: '2025-02-11', place: 'Northwind', language: 'en', title: true });
    const release = parseRelease(source('r.json', json));
    expect([release.ref, release.title]).toEqual(['123', 'true']);
  });
});

describe('encodings', () => {
  const enc = (s: string) => [...new TextEncoder().encode(s)];
  it('should refuse invalid UTF-8 (a lone continuation byte, an overlong form, a surrogate encoded in UTF-8)', async () => {
    for (const bad of [[0x80], [0xc0, 0xaf], [0xed, 0xa0, 0x80], [0xf8, 0x88, 0x80, 0x80, 0x80]]) {
      const bytes = new Uint8Array([...enc(`---\n${FIELDS}title: Caf`), ...bad, ...enc('\n---\nBody.\n')]);
      expect(await parseErrors('r.md', bytes), bad.join(',')).toEqual(['r.md:7:1: error: the file is not valid UTF-8']);
    }
  });

  it('should refuse UTF-16 with either byte-order mark, and UTF-16 without one as not UTF-8 or as control characters', async () => {
    const text = md();
    const le = new Uint8Array(Buffer.from(`\uFEFF${text}`, 'utf16le'));
    const be = new Uint8Array(le.length);
    for (let i = 0; i < le.length; i += 2) [be[i], be[i + 1]] = [le[i + 1], le[i]];
    expect(await parseErrors('r.md', le)).toEqual(['r.md:1:1: error: the file is encoded as UTF-16']);
    expect(await parseErrors('r.md', be)).toEqual(['r.md:1:1: error: the file is encoded as UTF-16']);
    expect(await parseErrors('r.md', new Uint8Array(Buffer.from(text, 'utf16le')))).toEqual(['r.md:1:2: error: the text contains the control character U+0000']);
  });

  it('should accept a UTF-8 byte-order mark in Markdown and JSON, and render', async () => {
    const result = await render('r.md', `\uFEFF${md()}`);
    expect(result.pages).toBe(1);
    const json = JSON.stringify({ layout: 'plain-letterhead', ref: 'R', date: '2025-02-11', place: 'P', language: 'en', title: 'T' });
    expect((await render('r.json', `\uFEFF${json}`)).pages).toBe(1);
  });

  it('should refuse raw control characters and lone surrogates, at their line and column', async () => {
    expect(await parseErrors('r.md', md('Nul\u0000 here\n'))).toEqual([`r.md:${BODY_LINE}:4: error: the text contains the control character U+0000`]);
    // Bytes cannot hold a lone surrogate (UTF-8 decoding refuses it, TextEncoder writes U+FFFD): a program can still hand one over as a SourceFile.
    const raw = (text: string) => ({ path: 'r.md', text, bytes: new TextEncoder().encode(text), kind: 'markdown' as const });
    expect(await errorsOf(() => parseRelease(raw(md('Lone \uD800 high\n'))))).toEqual([`r.md:${BODY_LINE}:6: error: the text contains the unpaired surrogate U+D800`]);
    expect(await errorsOf(() => parseRelease(raw(md('Lone \uDC00 low\n'))))).toEqual([`r.md:${BODY_LINE}:6: error: the text contains the unpaired surrogate U+DC00`]);
    expect(await parseErrors('r.md', md('Escape \u001b[31m\n'))).toEqual([`r.md:${BODY_LINE}:8: error: the text contains the control character U+001B`]);
  });

  it('should refuse control characters and surrogates spelled as JSON escapes, naming the field (not the font)', async () => {
    const json = '{"layout":"plain-letterhead","ref":"R","date":"2025-02-11","place":"P","language":"en","title":"T\\ud800x"}';
    expect(await errorsOf(() => render('r.json', json))).toEqual(['r.json:1:96: error: "title" contains the unpaired surrogate U+D800']);
    const body = '{"layout":"plain-letterhead","ref":"R","date":"2025-02-11","place":"P","language":"en","title":"T","body":"a\\u0000b"}';
    expect(await errorsOf(() => render('r.json', body))).toEqual(['r.json:1:107: error: "body" contains the control character U+0000']);
    // A pair written as two escapes is a real character, not a lone surrogate.
    expect(parseRelease(source('r.json', json.replace('\\ud800x', '\\ud83d\\ude00'))).title).toBe('T\u{1F600}');
  });
});

describe('size caps', () => {
  it('should refuse a 10 MB release at once, before parsing it', async () => {
    const start = performance.now();
    const errors = await parseErrors('r.md', md('word '.repeat(2 * 1024 * 1024)));
    expect(performance.now() - start).toBeLessThan(FAST_REJECTION_MS);
    expect(errors).toEqual([`r.md: error: the file is 10485885 bytes, more than the ${MAX_SOURCE_BYTES} a release may have`]);
  });

  it('should refuse a 1 MB title quickly, naming the field', async () => {
    const start = performance.now();
    const errors = await parseErrors('r.md', md('Body.\n', `title: ${'x'.repeat(1024 * 1024)}\n`));
    expect(performance.now() - start).toBeLessThan(FAST_REJECTION_MS * 2);
    expect(errors).toEqual(['r.md:7:8: error: "title" is longer than 400 characters']);
  });

  it('should refuse a YAML alias bomb in milliseconds', async () => {
    const levels = 'abcdefghi'.split('');
    const bomb = levels.map((name, i) => `${name}: &${name} [${Array(9).fill(i === 0 ? '"lol"' : `*${levels[i - 1]}`).join(', ')}]`).join('\n');
    const start = performance.now();
    const errors = await parseErrors('r.md', md('Body.\n', `title: T\n${bomb}\n`));
    expect(performance.now() - start).toBeLessThan(FAST_REJECTION_MS);
    expect(errors).toEqual(['r.md:2:1: error: the data uses too many YAML aliases']);
  });

  it('should refuse data nested thousands deep (flow and block) in milliseconds, without overflowing the stack', async () => {
    for (const nested of [`x: ${'['.repeat(100_000)}${']'.repeat(100_000)}`, Array.from({ length: 1500 }, (_, i) => `${' '.repeat(i)}k:`).join('\n') + ' v']) {
      const start = performance.now();
      const errors = await parseErrors('r.md', md('Body.\n', `title: T\n${nested}\n`));
      expect(performance.now() - start).toBeLessThan(FAST_REJECTION_MS * 2);
      expect(errors).toHaveLength(1);
      expect(errors[0]).toMatch(/^r\.md:\d+:\d+: error: the data nests lists or fields more than 64 levels deep$/);
    }
  });
});
