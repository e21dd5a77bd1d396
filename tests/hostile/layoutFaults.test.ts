// Layout and font faults (layouts and fonts are trusted but fallible): each a clear error naming the file, and line:col for templates; never a crash inside pdfkit or fontkit.
import { copyFile, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { errorsOf, FONTS_DIR, md, render, tempLayout } from './helpers.js';

/** The document template of plain-letterhead. */
const MAIN = 'notice.fo.hbs';
/** Where the title is filled in the template (line 22, column 174 in the file as committed). */
const TITLE_AT = '{{@root.release.title}}';

/** Renders the default release with a copy of plain-letterhead changed by `change`; returns its diagnostics. */
async function faultOf(change: (t: string) => string, file = MAIN): Promise<{ errors: string[]; dir: string }> {
  const layout = await tempLayout();
  await layout.edit(file, change);
  const errors = await errorsOf(() => render('r.md', md(), { layoutsDir: layout.layoutsDir }));
  return { errors: errors.map((e) => e.replace(layout.dir, '<layout>')), dir: layout.dir };
}

/** Line and column (1-based) of `needle` in plain-letterhead's document template. */
async function placeInMain(needle: string): Promise<string> {
  const text = await readFile(join('layouts/plain-letterhead', MAIN), 'utf8');
  const index = text.indexOf(needle);
  const before = text.slice(0, index);
  return `${before.split('\n').length}:${index - before.lastIndexOf('\n')}`;
}

describe('template faults', () => {
  it('should report a Handlebars syntax error at its file:line:col', async () => {
    const { errors } = await faultOf((t) => t.replace(TITLE_AT, '{{@root.release.title}'));
    expect(errors).toEqual([`<layout>/${MAIN}:${await placeInMain(TITLE_AT)}: error: template syntax error: expecting 'CLOSE_RAW_BLOCK', 'CLOSE', 'CLOSE_UNESCAPED', 'OPEN_SEXPR', 'CLOSE_SEXPR', 'ID', 'OPEN_BLOCK_PARAMS', 'STRING', 'NUMBER', 'BOOLEAN', 'UNDEFINED', 'NULL', 'DATA', 'SEP', got 'INVALID'`.replace(/:(\d+):(\d+):/, (_, l, c) => `:${l}:${Number(c) + 21}:`)]); // at the lone `}`
  });

  it('should report a block closed by the wrong helper at the opening block', async () => {
    const { errors } = await faultOf((t) => t.replace(TITLE_AT, '{{#if @root.release.title}}'));
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(new RegExp(`^<layout>/${MAIN}:${(await placeInMain(TITLE_AT)).split(':')[0]}:\\d+: error: template syntax error: \\{\\{#if\\}\\} is closed by \\{\\{/with\\}\\}$`));
  });

  it('should report an unknown helper and a missing field (strict mode) at their line:col', async () => {
    // Handlebars places runtime errors at the expression inside the braces.
    const at = (await placeInMain(TITLE_AT)).replace(/:(\d+)$/, (_, c) => `:${Number(c) + 2}`);
    expect((await faultOf((t) => t.replace(TITLE_AT, '{{shout @root.release.title}}'))).errors).toEqual([`<layout>/${MAIN}:${at}: error: template error: "shout" not defined`]);
    expect((await faultOf((t) => t.replace(TITLE_AT, '{{@root.release.headline}}'))).errors).toEqual([`<layout>/${MAIN}:${at}: error: template error: "headline" not defined`]);
  });

  it('should report an unknown partial at the line:col where it is used', async () => {
    const at = await placeInMain('{{> nw-contacts t=t}}');
    expect((await faultOf((t) => t.replace('{{> nw-contacts t=t}}', '{{> no-such-partial t=t}}'))).errors).toEqual([`<layout>/${MAIN}:${at}: error: template error: the partial no-such-partial could not be found`]);
  });

  it('should report an unknown partial used inside a partial, naming that partial', async () => {
    const { errors } = await faultOf((t) => `{{> missing-inner}}${t}`, 'partials/paragraph.hbs');
    expect(errors).toEqual(['<layout>/partials/paragraph.hbs:1:1: error: template error: the partial missing-inner could not be found']);
  });
});

describe('FO value faults', () => {
  it('should refuse font-size 0pt and NaNpt at the element, in the filled layout', async () => {
    expect((await faultOf((t) => t.replace('font-size="18pt"', 'font-size="0pt"'))).errors).toEqual(['r.md (filled plain-letterhead):18:7: error: invalid font-size on fo:block: "0pt" is not a positive font size']);
    expect((await faultOf((t) => t.replace('font-size="18pt"', 'font-size="NaNpt"'))).errors).toEqual(['r.md (filled plain-letterhead):18:7: error: invalid font-size on fo:block: "NaNpt" is not a length (use e.g. 10pt, 4mm, 1.2em)']);
    expect((await faultOf((t) => t.replace('font-size="18pt"', 'font-size="1e400pt"'))).errors).toEqual(['r.md (filled plain-letterhead):18:7: error: invalid font-size on fo:block: "1e400pt" is not a length (use e.g. 10pt, 4mm, 1.2em)']);
  });

  it('should refuse a page of 2 pt, naming the page master', async () => {
    expect((await faultOf((t) => t.replace('page-width="210mm" page-height="297mm"', 'page-width="2pt" page-height="2pt"'))).errors).toEqual(['r.md: error: page master "page" is 2.0×2.0pt; pages must be at least 72pt on each side']);
  });

  // A block-container of no width (0pt, -10pt, 0%) is refused at its line:col; a width is applied to its lines.
  it('should refuse a block-container of width 0pt at its line:col', async () => {
    const { errors } = await faultOf((t) => t.replace('<fo:block role="H1"', '<fo:block-container width="0pt"><fo:block>{{@root.release.title}}</fo:block></fo:block-container><fo:block role="H1"'));
    expect(errors).toEqual([expect.stringMatching(/^r\.md \(filled plain-letterhead\):18:\d+: error: .*width/)]);
  });

  it('should refuse an image outside the layout folder, by path or URL, without reading it', async () => {
    for (const src of ['../../../../etc/passwd', '/etc/passwd', 'http://169.254.169.254/x.png', 'file:///etc/passwd']) {
      const { errors } = await faultOf((t) => t.replace('<fo:block role="H1"', `<fo:block><fo:external-graphic src="url('${src}')"/></fo:block><fo:block role="H1"`));
      expect(errors, src).toEqual([`r.md: error: the image "${src}" is outside the layout folder`]);
    }
  });
});

describe('font faults', () => {
  /** A fresh fonts folder holding copies of the named project fonts. */
  async function fontsWith(names: string[]): Promise<string> {
    const dir = await mkdtemp(join(tmpdir(), 'pressroom-hostile-fonts-'));
    for (const name of names) await copyFile(join(FONTS_DIR, name), join(dir, name));
    return dir;
  }
  const NOTO = ['NotoSans-Regular.ttf', 'NotoSans-Bold.ttf', 'NotoSans-Italic.ttf', 'NotoSans-BoldItalic.ttf'];

  it('should report a missing fonts folder and an empty one, naming the folder', async () => {
    const dir = await fontsWith([]);
    expect(await errorsOf(() => render('r.md', md(), { fontsDir: join(dir, 'missing') }))).toEqual([`${join(dir, 'missing')}: error: the fonts folder cannot be read`]);
    expect(await errorsOf(() => render('r.md', md(), { fontsDir: dir }))).toEqual([`${dir}: error: the fonts folder has no .ttf or .otf fonts`]);
  });

  it('should report a font without a needed glyph, naming the character', async () => {
    const dir = await fontsWith(['NotoSansArmenian-Regular.ttf']);
    expect(await errorsOf(() => render('r.md', md(), { fontsDir: dir }))).toEqual(['r.md: error: no font of "Noto Sans, Noto Sans Armenian, Noto Sans Georgian" has a glyph for "F" (U+0046)']);
  });

  // A font file fontkit cannot read is an error naming the file, never fontkit's bare error.
  it('should report a corrupt font file as an error naming the file', async () => {
    const dir = await fontsWith(NOTO.slice(1));
    await writeFile(join(dir, 'NotoSans-Regular.ttf'), 'this is not a font');
    expect(await errorsOf(() => render('r.md', md(), { fontsDir: dir }))).toEqual([expect.stringMatching(new RegExp(`^${join(dir, 'NotoSans-Regular.ttf')}: error: `))]);
  });

  it('should report a truncated font file as an error naming the file', async () => {
    const dir = await fontsWith(NOTO.filter((n) => n !== 'NotoSans-Bold.ttf'));
    await writeFile(join(dir, 'NotoSans-Bold.ttf'), (await readFile(join(FONTS_DIR, 'NotoSans-Bold.ttf'))).subarray(0, 5000));
    expect(await errorsOf(() => render('r.md', md(), { fontsDir: dir }))).toEqual([expect.stringMatching(new RegExp(`^${join(dir, 'NotoSans-Bold.ttf')}: error: `))]);
  });

  it('should report a layout asking for a font family that is not installed', async () => {
    expect((await faultOf((t) => t.replace('font-family="Noto Sans, Noto Sans Armenian, Noto Sans Georgian"', 'font-family="No Such Family"'))).errors).toEqual(['r.md: error: no font of the families "No Such Family" is installed']);
  });
});

