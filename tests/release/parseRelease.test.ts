// Release parsing: Markdown front matter, JSON and YAML agree; the body becomes our own blocks; unsafe or malformed input is refused with its place.
import { describe, expect, it } from 'vitest';
import { PressroomError, formatDiagnostic } from '../../src/diagnostics/PressroomError.js';
import { decodeSource } from '../../src/load/decodeSource.js';
import { parseRelease } from '../../src/release/parseRelease.js';
import type { Release } from '../../src/release/types.js';

const utf8 = (s: string) => new TextEncoder().encode(s);

/** Parses release text as if read from `path` (the extension decides Markdown, JSON or YAML). */
function parse(path: string, text: string): Release {
  return parseRelease(decodeSource(path, utf8(text)));
}

/** The formatted diagnostics (without hints) of a release that must fail. */
function errorsOf(path: string, text: string | Uint8Array): string[] {
  try {
    parseRelease(decodeSource(path, typeof text === 'string' ? utf8(text) : text));
  } catch (err) {
    if (!(err instanceof PressroomError)) throw err;
    return err.diagnostics.map((d) => formatDiagnostic({ ...d, hint: undefined }));
  }
  throw new Error(`${path} was accepted`);
}

/** A value without `position` fields and without `source` (they depend on the file, not the content). */
function withoutPlaces(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutPlaces);
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).filter(([k]) => k !== 'position' && k !== 'source' && k !== 'layoutPlace').map(([k, v]) => [k, withoutPlaces(v)]));
  return value;
}

const FIELDS = 'layout: plain-letterhead\nref: NHA/2025/014\ndate: 2025-02-11\nplace: Northwind\nlanguage: en\ntitle: Lock gates replaced\n';
const FIELDS_OBJECT = { layout: 'plain-letterhead', ref: 'NHA/2025/014', date: '2025-02-11', place: 'Northwind', language: 'en', title: 'Lock gates replaced' };
/** A front matter with the six required fields, then `extra`. */
const md = (body: string, extra = '') => `---\n${FIELDS}${extra}---\n${body}`;
/** Line of the first body line in `md(...)` without extra fields. */
const BODY_LINE = 9;

describe('the three release formats', () => {
  const body = 'The **North Basin** closes.\n\n- one\n- two\n';
  const markdown = `---\n${FIELDS}subtitle: Six weeks\ncontacts:\n  - name: Callum Reid\n    email: media@example.org\nfootnotes:\n  - mark: (1)\n    text: A note.\n---\n${body}`;
  const json = JSON.stringify({ layout: 'plain-letterhead', ref: 'NHA/2025/014', date: '2025-02-11', place: 'Northwind', language: 'en', title: 'Lock gates replaced', subtitle: 'Six weeks', contacts: [{ name: 'Callum Reid', email: 'media@example.org' }], footnotes: [{ mark: '(1)', text: 'A note.' }], body }, null, 2);
  const yaml = `${FIELDS}subtitle: Six weeks\ncontacts:\n  - name: Callum Reid\n    email: media@example.org\nfootnotes:\n  - mark: (1)\n    text: A note.\nbody: |\n  The **North Basin** closes.\n\n  - one\n  - two\n`;

  it('should give the same release from Markdown front matter, JSON and YAML', () => {
    const fromMarkdown = parse('r.md', markdown);
    expect(withoutPlaces(parse('r.json', json))).toEqual(withoutPlaces(fromMarkdown));
    expect(withoutPlaces(parse('r.yaml', yaml))).toEqual(withoutPlaces(fromMarkdown));
    expect(withoutPlaces(parse('r.yml', yaml))).toEqual(withoutPlaces(fromMarkdown));
  });

  it('should normalise the fields the layouts see', () => {
    const release = parse('r.md', markdown);
    expect({ ...release, body: undefined }).toEqual({
      source: 'r.md', layout: 'plain-letterhead', layoutPlace: { line: 2, column: 9 }, ref: 'NHA/2025/014', date: '2025-02-11', place: 'Northwind', language: 'en', title: 'Lock gates replaced', subtitle: 'Six weeks', body: undefined,
      contacts: [{ name: 'Callum Reid', role: null, tel: null, mobile: null, emails: ['media@example.org'] }],
      footnotes: [{ mark: '(1)', text: 'A note.' }],
    });
  });

  it('should give null and empty lists for absent optional fields', () => {
    const release = parse('r.md', md(''));
    expect([release.subtitle, release.contacts, release.footnotes, release.body]).toEqual([null, [], [], []]);
  });

  it('should refuse a body given both as a field and after the front matter', () => {
    expect(errorsOf('r.md', md('Text\n', 'body: More\n'))).toEqual(['r.md:8:1: error: the body is given twice: as a field and after the front matter']);
  });
});

describe('the body', () => {
  it('should convert paragraphs, headings, strong, emphasis, links and hard breaks', () => {
    const release = parse('r.md', md('## Heading\n\nA **strong** and *emphasised* [link](https://example.org/a)  \nafter a hard break\\\nand another.\n'));
    expect(release.body).toEqual([
      { kind: 'heading', level: 2, children: [{ kind: 'text', value: 'Heading' }], position: { line: BODY_LINE, column: 1 } },
      {
        kind: 'paragraph',
        introducesList: false,
        position: { line: BODY_LINE + 2, column: 1 },
        children: [
          { kind: 'text', value: 'A ' },
          { kind: 'strong', children: [{ kind: 'text', value: 'strong' }] },
          { kind: 'text', value: ' and ' },
          { kind: 'emphasis', children: [{ kind: 'text', value: 'emphasised' }] },
          { kind: 'text', value: ' ' },
          { kind: 'link', url: 'https://example.org/a', children: [{ kind: 'text', value: 'link' }], position: { line: BODY_LINE + 2, column: 31 } },
          { kind: 'break' },
          { kind: 'text', value: 'after a hard break' },
          { kind: 'break' },
          { kind: 'text', value: 'and another.' },
        ],
      },
    ]);
  });

  it('should convert nested lists, numbering ordered items from their start', () => {
    const release = parse('r.md', md('3. three\n   - bullet\n     1. deep\n4. four\n'));
    const [list] = withoutPlaces(release.body) as Release['body'];
    expect(list).toEqual({
      kind: 'list', ordered: true, start: 3,
      items: [
        {
          number: 3,
          children: [
            { kind: 'paragraph', introducesList: false, children: [{ kind: 'text', value: 'three' }] },
            {
              kind: 'list', ordered: false, start: 1,
              items: [{ number: 1, children: [{ kind: 'paragraph', introducesList: false, children: [{ kind: 'text', value: 'bullet' }] }, { kind: 'list', ordered: true, start: 1, items: [{ number: 1, children: [{ kind: 'paragraph', introducesList: false, children: [{ kind: 'text', value: 'deep' }] }] }] }] }],
            },
          ],
        },
        { number: 4, children: [{ kind: 'paragraph', introducesList: false, children: [{ kind: 'text', value: 'four' }] }] },
      ],
    });
  });

  it('should mark a paragraph ending with ":" that introduces a list, and no other', () => {
    const release = parse('r.md', md('Governments are called on to:\n\n- act;\n\nThis ends with a colon:\n\nBut no list follows.\n'));
    expect((release.body as { introducesList?: boolean }[]).map((b) => b.introducesList)).toEqual([true, undefined, false, false]);
  });

  it('should keep raw HTML as the literal text the author typed', () => {
    const release = parse('r.md', md('A <b onclick="x()">bold</b> word.\n\n<script>alert(1)</script>\n'));
    expect(withoutPlaces(release.body)).toEqual([
      { kind: 'paragraph', introducesList: false, children: [{ kind: 'text', value: 'A ' }, { kind: 'text', value: '<b onclick="x()">' }, { kind: 'text', value: 'bold' }, { kind: 'text', value: '</b>' }, { kind: 'text', value: ' word.' }] },
      { kind: 'paragraph', introducesList: false, children: [{ kind: 'text', value: '<script>alert(1)</script>' }] },
    ]);
  });

  it('should accept http, https and mailto links', () => {
    const release = parse('r.md', md('[a](http://example.org) [b](HTTPS://example.org/x) [c](mailto:press@example.org)\n'));
    const urls = (release.body[0] as { children: { kind: string; url?: string }[] }).children.filter((c) => c.kind === 'link').map((c) => c.url);
    expect(urls).toEqual(['http://example.org', 'HTTPS://example.org/x', 'mailto:press@example.org']);
  });
});

describe('unsafe links', () => {
  it('should refuse javascript:, data: and file: links and a link without a scheme, each at its line:column', () => {
    const body = 'Fine text.\n\n[a](javascript:alert(1)) and [b](JaVaScRiPt:alert(1))\n[c](data:text/html,hi) [d](file:///etc/passwd)\n\n[e](example.org/page)\n';
    expect(errorsOf('r.md', md(body))).toEqual([
      `r.md:${BODY_LINE + 2}:1: error: link scheme "javascript:" is not allowed`,
      `r.md:${BODY_LINE + 2}:30: error: link scheme "javascript:" is not allowed`,
      `r.md:${BODY_LINE + 3}:1: error: link scheme "data:" is not allowed`,
      `r.md:${BODY_LINE + 3}:24: error: link scheme "file:" is not allowed`,
      `r.md:${BODY_LINE + 5}:1: error: link target "example.org/page" has no scheme`,
    ]);
  });

  it('should mark link errors as errors in the body field', () => {
    try {
      parse('r.md', md('[a](javascript:alert(1))\n'));
    } catch (err) {
      return void expect((err as PressroomError).diagnostics.map((d) => [d.field, d.hint])).toEqual([['body', 'use an http, https or mailto link']]);
    }
    throw new Error('accepted');
  });

  it('should refuse an unsafe link given through a reference definition', () => {
    expect(errorsOf('r.md', md('See [here][x].\n\n[x]: javascript:alert(1)\n'))).toEqual([`r.md:${BODY_LINE}:5: error: link scheme "javascript:" is not allowed`]);
  });

  it('should refuse the dangerous-link fixture at its line and column', () => {
    expect(errorsOf('fixtures/invalid/javascript-link.md', '---\nlayout: coe-press-release\nref: 004a24\ndate: 2024-01-15\nplace: Strasbourg\nlanguage: en\ntitle: A release with a dangerous link\n---\nThe first paragraph is fine.\n\nPlease [click here](javascript:alert(1)) for more.\n')).toEqual([
      'fixtures/invalid/javascript-link.md:11:8: error: link scheme "javascript:" is not allowed',
    ]);
  });

  // BUG: in a YAML release the body's positions count from the line of the "body: |" indicator, not the first content line,
  // and ignore the block's indentation: this link is on line 10, column 3, but is reported at 9:1.
  it('should place a bad link of a YAML body block at its own line and column', () => {
    expect(errorsOf('r.yaml', `${FIELDS}body: |\n  Hello\n\n  [x](javascript:alert(1))\n`)).toEqual(['r.yaml:10:3: error: link scheme "javascript:" is not allowed']);
  });
});

describe('front matter and YAML', () => {
  it('should refuse a release whose front matter is not closed', () => {
    expect(errorsOf('r.md', `---\n${FIELDS}Body text\n`)).toEqual(['r.md:1:1: error: the front matter is not closed']);
  });

  it('should refuse a release without front matter', () => {
    expect(errorsOf('r.md', 'Just text\n')).toEqual(['r.md:1:1: error: the release has no front matter']);
  });

  it('should refuse a duplicate key at the second occurrence', () => {
    expect(errorsOf('r.md', `---\n${FIELDS}ref: again\n---\n`)).toEqual(['r.md:8:1: error: a field is given twice (duplicate key)']);
  });

  it('should refuse a __proto__ key in YAML and JSON, and pollute no prototype', () => {
    expect(errorsOf('r.md', md('', '__proto__:\n  polluted: yes\n'))).toEqual(['r.md:8:1: error: unknown field "__proto__"']);
    expect(errorsOf('r.json', `{"__proto__": {"polluted": "yes"}, ${JSON.stringify(FIELDS_OBJECT).slice(1)}`)).toEqual(['r.json:1:2: error: unknown field "__proto__"']);
    expect(errorsOf('r.yaml', `${FIELDS}__proto__: {polluted: yes}\n`)).toEqual(['r.yaml:7:1: error: unknown field "__proto__"']);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect((Object.prototype as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('should keep language: no and ref: 0123 as the strings written', () => {
    const release = parse('r.md', '---\nlayout: plain-letterhead\nref: 0123\ndate: 2025-02-11\nplace: Oslo\nlanguage: no\ntitle: Norsk\n---\n');
    expect([release.language, release.ref]).toEqual(['no', '0123']);
    const yaml = parse('r.yaml', 'layout: plain-letterhead\nref: 0123\ndate: 2025-02-11\nplace: Oslo\nlanguage: no\ntitle: Norsk\n');
    expect([yaml.language, yaml.ref, yaml.date]).toEqual(['no', '0123', '2025-02-11']);
  });

  it('should name a missing required field', () => {
    expect(errorsOf('r.md', '---\nlayout: plain-letterhead\nref: a\ndate: 2025-02-11\nplace: P\nlanguage: en\n---\n')).toEqual(['r.md:2:1: error: missing required field "title"']);
  });
});

describe('encodings', () => {
  it('should accept a UTF-8 byte-order mark and drop it', () => {
    const bytes = new Uint8Array([0xef, 0xbb, 0xbf, ...utf8(md('Text\n'))]);
    const release = parseRelease(decodeSource('r.md', bytes));
    expect(release.layout).toBe('plain-letterhead');
    expect(release.body).toHaveLength(1);
  });

  it('should refuse UTF-16 in either byte order', () => {
    const le = new Uint8Array([0xff, 0xfe, ...[...'---\n'].flatMap((c) => [c.charCodeAt(0), 0])]);
    const be = new Uint8Array([0xfe, 0xff, ...[...'---\n'].flatMap((c) => [0, c.charCodeAt(0)])]);
    expect(errorsOf('r.md', le)).toEqual(['r.md:1:1: error: the file is encoded as UTF-16']);
    expect(errorsOf('r.md', be)).toEqual(['r.md:1:1: error: the file is encoded as UTF-16']);
  });

  it('should refuse invalid UTF-8, naming the line', () => {
    const bytes = new Uint8Array([...utf8('---\nlayout: x\ntitle: Caf'), 0xc3, 0x28, ...utf8('\n---\n')]);
    expect(errorsOf('r.md', bytes)).toEqual(['r.md:3:1: error: the file is not valid UTF-8']);
  });

  it('should refuse control characters with their line and column', () => {
    expect(errorsOf('r.md', md('Bell\u0007 here\n'))).toEqual([`r.md:${BODY_LINE}:5: error: the text contains the control character U+0007`]);
  });
});
