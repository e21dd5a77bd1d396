// fast-check arbitraries for the fuzzer: whole releases (Markdown, JSON or YAML) with random fields, bodies, Unicode and links.
import fc from 'fast-check';
import { stringify } from 'yaml';

/** A generated release: where it claims to come from, its text, and the title words a successful PDF must print. */
export interface FuzzRelease {
  path: string;
  text: string;
  /** The title as written, when it is a string (else null: a scalar of another type may become text, so no words are checked). */
  title: string | null;
}

/** Text the bundled fonts can draw: Latin, Greek, Cyrillic, Armenian and Georgian letters, digits, punctuation. */
const DRAWABLE = fc.constantFrom(...'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZàéîõüßçøåæœÀÉŁŽšđαβγδεζηθλμπσωΑΒΓΔЖЗИЙКЛМНабвгдежзийклмнопрстաբգդեզէըթժաბგდევზთიკლმნ0123456789.,;:!?()«»„“”‘’–—-/&%€$@#*+='.split(''));
/** Any printable grapheme: all scripts, emoji and ZWJ sequences, combining marks, RTL. */
const ANY_GRAPHEME = fc.string({ unit: 'grapheme', minLength: 1, maxLength: 1 });
/** Characters that stress the pipeline: markup, escapes, spaces of every width, bidi controls, combining marks. */
const NASTY = fc.constantFrom('<', '>', '&', '"', "'", '{{', '}}', ']]>', '<fo:block>', '&amp;', '\\', '`', '*', '_', '[', ']', '#', '|', '\u00A0', '\u202F', '\u200B', '\u200D', '\u200F', '\u202E', '\u0301', '\u0308', '\u05D0', '\u0627', '👨‍👩‍👧', '🇫🇷', 'é', 'ﬁ', '\t', '\r\n');

/** A word: mostly drawable letters, sometimes any grapheme or a nasty piece. */
const word = fc.array(fc.oneof({ weight: 12, arbitrary: DRAWABLE }, { weight: 1, arbitrary: ANY_GRAPHEME }, { weight: 1, arbitrary: NASTY }), { minLength: 1, maxLength: 14 }).map((cs) => cs.join(''));
/** A drawable word only (for titles that should render). */
const drawableWord = fc.array(DRAWABLE, { minLength: 1, maxLength: 12 }).map((cs) => cs.join(''));
/** A line of words. */
const words = (max: number) => fc.array(word, { minLength: 1, maxLength: max }).map((ws) => ws.join(' '));

/** Link targets: good, odd and dangerous. */
const url = fc.oneof(
  fc.webUrl({ withQueryParameters: true, withFragments: true }),
  fc.constantFrom('https://x.org/a b', 'https://例え.jp/ü?q=é', 'https://x.org/(a)', 'mailto:a@example.org', 'javascript:alert(1)', 'JaVaScRiPt:x', ' javascript:x', 'data:text/html,x', 'file:///etc/passwd', 'vbscript:x', '//evil.example', 'http:', 'https://', '&#106;avascript:x', '%6Aavascript:x'),
);

/** Links that render: http(s) and mailto, some needing escapes. */
const safeUrl = fc.oneof(fc.webUrl({ withQueryParameters: true, withFragments: true }).filter((u) => /^https?:\/\/[^/?#\s]+/.test(u)), fc.constantFrom('https://x.org/a b', 'https://例え.jp/ü?q=é', 'https://x.org/(a)', 'mailto:a@example.org'));

/**
 * A Markdown body. `hostile` bodies add any grapheme, dangerous links, HTML, images, runs of markup characters and
 * pathological nesting; the others use drawable text and safe links only, so that most of them render.
 */
function bodyOf(hostile: boolean): fc.Arbitrary<string> {
  const w = hostile ? word : drawableWord;
  const ws = (max: number) => fc.array(w, { minLength: 1, maxLength: max }).map((xs) => xs.join(' '));
  const link = hostile ? url : safeUrl;
  const inline: fc.Arbitrary<string> = fc.oneof(
    { weight: 6, arbitrary: ws(8) },
    { weight: 1, arbitrary: ws(3).map((x) => `*${x}*`) },
    { weight: 1, arbitrary: ws(3).map((x) => `**${x}**`) },
    { weight: 1, arbitrary: ws(3).map((x) => `\`${x}\``) },
    { weight: 1, arbitrary: fc.tuple(ws(3), link).map(([x, u]) => `[${x}](${/\s/.test(u) ? `<${u}>` : u})`) },
    { weight: 1, arbitrary: link.map((u) => (/\s/.test(u) ? u : `<${u}>`)) },
    { weight: hostile ? 1 : 0, arbitrary: fc.constantFrom('<script>alert(1)</script>', '<img src=file:///etc/passwd>', '<b>bold</b>', '&lt;&amp;&#0;&#xD800;', '  \n', '\\\n', '![x](y.png)') },
    { weight: hostile ? 1 : 0, arbitrary: fc.tuple(fc.constantFrom('*', '_', '**', '[', '`', '<'), fc.integer({ min: 1, max: 400 })).map(([c, n]) => c.repeat(n)) },
  );
  const paragraph = fc.array(inline, { minLength: 1, maxLength: 6 }).map((parts) => parts.join(' '));
  const block: fc.Arbitrary<string> = fc.oneof(
    { weight: 8, arbitrary: paragraph },
    { weight: 1, arbitrary: fc.tuple(fc.integer({ min: 1, max: 6 }), ws(6)).map(([n, x]) => `${'#'.repeat(n)} ${x}`) },
    { weight: 2, arbitrary: fc.array(paragraph, { minLength: 1, maxLength: 5 }).map((items) => items.map((i) => `- ${i}`).join('\n')) },
    { weight: 1, arbitrary: fc.array(paragraph, { minLength: 1, maxLength: 4 }).map((items) => items.map((i, n) => `${n + 1}. ${i}`).join('\n')) },
    { weight: 1, arbitrary: paragraph.map((p) => `> ${p}`) },
    { weight: 1, arbitrary: ws(6).map((x) => `\`\`\`\n${x}\n\`\`\``) },
    { weight: 1, arbitrary: fc.constant('---') },
    { weight: hostile ? 1 : 0, arbitrary: pathological },
    { weight: hostile ? 0 : 1, arbitrary: fc.tuple(drawableWord, fc.integer({ min: 1, max: 400 })).map(([x, n]) => x.repeat(n)) },
  );
  return fc.array(block, { minLength: 0, maxLength: 12 }).map((bs) => `${bs.join('\n\n')}\n`);
}

/** Pathological nesting and long runs. */
const pathological = fc.oneof(
  fc.integer({ min: 1, max: 2000 }).map((n) => `${'>'.repeat(n)} deep`),
  fc.integer({ min: 1, max: 300 }).map((n) => Array.from({ length: n }, (_, i) => `${'  '.repeat(i)}- level ${i}`).join('\n')),
  fc.integer({ min: 1, max: 3000 }).map((n) => `${'*'.repeat(n)}x${'*'.repeat(n)}`),
  fc.integer({ min: 1, max: 3000 }).map((n) => `${'['.repeat(n)}x${']'.repeat(n)}`),
  fc.tuple(drawableWord, fc.integer({ min: 1, max: 3000 })).map(([w, n]) => w.repeat(n)),
  fc.integer({ min: 1, max: 1500 }).map((n) => Array.from({ length: n }, (_, i) => `${i + 1}. item`).join('\n')),
);

/** Bodies: half hostile, half clean. */
const body = fc.boolean().chain((hostile) => bodyOf(hostile));

/** Any JSON-like value, for fields given the wrong type. */
const anyValue = fc.jsonValue({ maxDepth: 3 });

/** A field value: usually right, sometimes random text, sometimes the wrong type. */
const fieldValue = (right: fc.Arbitrary<unknown>) => fc.oneof({ weight: 40, arbitrary: right }, { weight: 1, arbitrary: words(4) }, { weight: 1, arbitrary: anyValue });

/** The release fields. */
const fields = fc.record(
  {
    layout: fieldValue(fc.constantFrom('plain-letterhead', 'coe-press-release')),
    ref: fieldValue(fc.oneof(drawableWord, fc.constantFrom('0123', 'NHA/2025/014', '&<]]>'))),
    date: fieldValue(fc.oneof({ weight: 20, arbitrary: fc.date({ min: new Date('1990-01-01'), max: new Date('2030-12-31'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10)) }, { weight: 1, arbitrary: fc.constantFrom('2024-02-30', 'next Tuesday') })),
    place: fieldValue(drawableWord),
    language: fieldValue(fc.constantFrom('en', 'fr', 'de', 'no', 'en-GB', 'hy', 'ka', 'el', 'ru', 'tr')),
    title: fieldValue(fc.array(drawableWord, { minLength: 1, maxLength: 10 }).map((ws) => ws.join(' '))),
    subtitle: fieldValue(words(6)),
    contacts: fieldValue(fc.array(fc.record({ name: drawableWord, email: fc.constantFrom('a@example.org', 'b@example.org', 'c@example.org', 'not an email') }, { requiredKeys: ['name'] }), { maxLength: 3 })),
    footnotes: fieldValue(fc.array(fc.record({ mark: fc.constantFrom('(1)', '*', '(*)'), text: words(5) }), { maxLength: 2 })),
    extra: fc.constantFrom('__proto__', 'constructor', 'prototype', 'polluted'),
  },
  { requiredKeys: ['layout', 'ref', 'date', 'place', 'language', 'title'] },
);

/** Builds the release text from fields, body and format; some keys are renamed to prototype keys. */
export const fuzzRelease: fc.Arbitrary<FuzzRelease> = fc
  .tuple(fields, body, fc.constantFrom('md', 'md', 'md', 'json', 'yaml'), fc.integer({ min: 0, max: 9 }).map((n) => n === 0))
  .map(([f, b, format, pollute]) => {
    const { extra, ...data } = f as Record<string, unknown> & { extra?: string };
    const record: Record<string, unknown> = { ...data };
    if (extra && pollute) Object.defineProperty(record, extra, { value: { polluted: 'yes' }, enumerable: true, configurable: true, writable: true });
    const title = typeof record.title === 'string' ? record.title : null;
    if (format === 'json') return { path: 'fuzz.json', text: JSON.stringify({ ...record, body: b }, null, 1), title };
    if (format === 'yaml') return { path: 'fuzz.yaml', text: stringify({ ...record, body: b }), title };
    return { path: 'fuzz.md', text: `---\n${stringify(record)}---\n${b}`, title };
  });
