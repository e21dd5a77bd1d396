// Markup in release data: raw HTML, FO and Handlebars syntax are text; bad link schemes are refused; good URLs become escaped URI annotations; nothing reads outside the project or reaches the network.
import { spawnSync } from 'node:child_process';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fillRelease } from '../../src/render.js';
import { pageText, readPdf } from '../helpers/readPdf.js';
import { elementTree, errorsOf, md, parseErrors, render, ROOT, source } from './helpers.js';

/** Markup that must come out as the characters typed, in every field and in the body. */
const INJECTIONS = [
  '{{release.ref}}',
  '{{{release.ref}}}',
  '{{> paragraph}}',
  '</fo:block></fo:flow>',
  '<fo:external-graphic src="/etc/passwd"/>',
  ']]>',
  '<![CDATA[x]]>',
  '<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>',
  '&e; &amp; &#0; &#x1F;',
  '<?xml-stylesheet href="x"?>',
  '<!-- comment -->',
];
const INJECTION = INJECTIONS.join(' ');
/** A YAML double-quoted scalar of the injection text. */
const quoted = JSON.stringify(INJECTION);

/** The filled FO of release text. */
async function filled(text: string): Promise<string> {
  return (await fillRelease(source('r.md', text))).text;
}

/** A release with the same shape as `hostile`, plain words in every field. */
const plain = (value: string) =>
  md(`\`${value}\` ${value}\n\n- \`${value}\`\n\n> \`${value}\`\n`, `title: ${value}\nsubtitle: ${value}\ncontacts:\n  - name: ${value}\n    role: ${value}\n    tel: ${value}\n    email: a@example.org\nfootnotes:\n  - mark: ${value}\n    text: ${value}\n`, `layout: plain-letterhead\nref: ${value}\ndate: 2025-02-11\nplace: ${value}\nlanguage: en\n`);

describe('FO and Handlebars syntax in every field', () => {
  // In the body, Markdown would read some of it (e.g. `<!-- -->` as an HTML comment block): use code spans there.
  const hostile = md(`\`${INJECTION}\` ${INJECTION.replace(/[<>]/g, (c) => (c === '<' ? '&lt;' : '&gt;'))}\n\n- \`${INJECTION}\`\n\n> \`${INJECTION}\`\n`,
    `title: ${quoted}\nsubtitle: ${quoted}\ncontacts:\n  - name: ${quoted.slice(0, 190)}"\n    role: ${quoted.slice(0, 190)}"\n    tel: ${quoted.slice(0, 190)}"\n    email: a@example.org\nfootnotes:\n  - mark: ${quoted.slice(0, 190)}"\n    text: ${quoted}\n`,
    `layout: plain-letterhead\nref: ${quoted.slice(0, 190)}"\ndate: 2025-02-11\nplace: ${quoted.slice(0, 190)}"\nlanguage: en\n`);

  it('should leave the element tree of the filled FO exactly as for plain words', async () => {
    const attack = elementTree(await filled(hostile));
    const baseline = elementTree(await filled(plain('Plain')));
    // Only attribute values may differ (none carries release text here but the language): compare names and nesting.
    const shape = (lines: string[]) => lines.map((l) => l.replace(/^(\s*\S+).*$/, '$1'));
    expect(shape(attack)).toEqual(shape(baseline));
    expect(attack.filter((l) => /passwd|DOCTYPE|<\?/.test(l))).toEqual([]);
  });

  it('should print the injected text literally in the PDF, and use it as the title', async () => {
    const { pdf } = await render('r.md', hostile);
    const doc = await readPdf(pdf);
    const text = doc.pages.map((p) => pageText(p)).join('\n').replace(/\s+/g, '');
    for (const literal of INJECTIONS) expect(text, literal).toContain(literal.replace(/\s+/g, ''));
    expect(doc.info.Title).toBe(INJECTION);
    const urls = doc.pages.flatMap((p) => p.annotations.map((a) => a.url));
    expect(urls).toContain('mailto:a@example.org');
    for (const url of urls) expect(url).toMatch(/^(https:|mailto:)/);
  });
});

describe('raw HTML in the body', () => {
  const html = md('<script>alert(1)</script>\n\n<img src=file:///etc/passwd>\n\nInline <img src="file:///etc/passwd" onerror="alert(1)"> and <a href="javascript:alert(1)">a link</a>.\n\n<iframe src="http://169.254.169.254/latest/meta-data/"></iframe>\n');

  it('should print it as the characters typed and make no link or image of it', async () => {
    const doc = await readPdf((await render('r.md', html)).pdf);
    const text = doc.pages.map((p) => pageText(p)).join('\n').replace(/\s+/g, '');
    for (const literal of ['<script>alert(1)</script>', '<imgsrc=file:///etc/passwd>', '<ahref="javascript:alert(1)">alink</a>', '<iframesrc="http://169.254.169.254/latest/meta-data/"></iframe>']) expect(text).toContain(literal);
    expect(doc.pages.flatMap((p) => p.annotations.map((a) => a.url)).filter((u) => !/^(https:\/\/northwind-harbour\.example|mailto:media@northwind-harbour\.example)/.test(u ?? ''))).toEqual([]);
  });

  it('should read no file outside the project and open no connection (Node permission model, network stubbed)', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'pressroom-hostile-'));
    const file = join(dir, 'html.md');
    await writeFile(file, html.replace('Inline', 'Fetch ![x](http://169.254.169.254/x) no, and [ok](https://example.org) and'));
    await writeFile(join(dir, 'ok.md'), html);
    const run = (name: string) => {
      const child = spawnSync(process.execPath, ['--experimental-permission', `--allow-fs-read=${ROOT}/*`, `--allow-fs-read=${dir}/*`, join(ROOT, 'tests/hostile/renderGuarded.mjs'), join(dir, name), join(ROOT, 'dist/index.js')], { encoding: 'utf8', timeout: 60_000 });
      expect(child.stderr.replace(/^.*ExperimentalWarning.*\n|^\(Use `node --trace-warnings.*\n/gm, '')).toBe('');
      return JSON.parse(child.stdout) as { netCalls: unknown[]; pages: number | null; errors: string[] | null; internal: string | null };
    };
    expect(run('ok.md')).toEqual({ netCalls: [], pages: 1, errors: null, internal: null });
    expect(run('html.md')).toEqual({ netCalls: [], pages: null, errors: ['images are not supported in the release body'], internal: null });
  });
});

describe('link schemes', () => {
  it('should refuse dangerous schemes, however spelt, at their line:column, and render no annotation', async () => {
    const body = '[a](javascript:alert(1)) [b](JaVaScRiPt:alert(1)) [c](data:text/html,x) [d](file:///etc/passwd) [e](vbscript:x)\n[f](< javascript:alert(1)>) [g](<java\tscript:x>) [h](&#106;avascript&#58;x) [i](javascript&colon;x) <javascript:x> [j](\u00a0javascript:x)\n';
    const errors = await errorsOf(() => render('r.md', md(body)));
    expect(errors).toEqual([
      'r.md:9:1: error: link scheme "javascript:" is not allowed',
      'r.md:9:26: error: link scheme "javascript:" is not allowed',
      'r.md:9:51: error: link scheme "data:" is not allowed',
      'r.md:9:73: error: link scheme "file:" is not allowed',
      'r.md:9:97: error: link scheme "vbscript:" is not allowed',
      'r.md:10:1: error: link scheme "javascript:" is not allowed',
      'r.md:10:29: error: link target "java\tscript:x" has no scheme',
      'r.md:10:50: error: link scheme "javascript:" is not allowed',
      'r.md:10:77: error: link scheme "javascript:" is not allowed',
      'r.md:10:101: error: link scheme "javascript:" is not allowed',
      'r.md:10:116: error: link scheme "javascript:" is not allowed',
    ]);
  });

  it('should leave a scheme split by a newline as text: no link at all', async () => {
    const doc = await readPdf((await render('r.md', md('[a](<java\nscript:alert(1)>)\n'))).pdf);
    expect(doc.pages.flatMap((p) => p.links.map((l) => l.url)).filter((u) => !/northwind-harbour/.test(u ?? ''))).toEqual([]);
  });
});

describe('URLs that need escaping', () => {
  it('should write parentheses, spaces and non-ASCII as valid, percent-escaped URI annotations', async () => {
    const body = '[p](https://en.wikipedia.org/wiki/Lock_(water_navigation)) [s](<https://x.org/a b>) [u](https://例え.jp/ü?q=é#ß) [q](https://x.org/?q="<>"&a=\'1\') <https://x.org/auto(1)>\n';
    const doc = await readPdf((await render('r.md', md(body))).pdf);
    const urls = doc.pages.flatMap((p) => p.links.map((l) => l.url ?? '')).filter((u) => !/northwind-harbour/.test(u));
    expect(urls).toEqual([
      'https://en.wikipedia.org/wiki/Lock_(water_navigation)',
      'https://x.org/a%20b',
      'https://xn--r8jz45g.jp/%C3%BC?q=%C3%A9#%C3%9F',
      'https://x.org/?q=%22%3C%3E%22&a=\'1\'',
      'https://x.org/auto(1)',
    ]);
    // A URI annotation is 7-bit ASCII without spaces (PDF 32000 12.6.4.7).
    for (const url of urls) expect(url).toMatch(/^[\x21-\x7e]+$/);
  });
});

describe('images', () => {
  it('should refuse an image in the body, never fetching it', async () => {
    expect(await parseErrors('r.md', md('![x](file:///etc/passwd) ![y](http://169.254.169.254/)\n'))).toEqual([
      'r.md:9:1: error: images are not supported in the release body',
      'r.md:9:26: error: images are not supported in the release body',
    ]);
  });
});
