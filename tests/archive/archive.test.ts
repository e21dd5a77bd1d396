// Archival copies: PDF/A-2b/3b with the source attached, tagged structure, byte-identical renders, and the `check`/`extract` commands.
import { execFile, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import PDFDocument from 'pdfkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkPdf } from '../../src/archive/checkPdf.js';
import { readAttachments } from '../../src/archive/readAttachments.js';
import { readPdfObjects } from '../../src/archive/readPdfObjects.js';
import { readXmp } from '../../src/archive/readXmp.js';
import { decodeSource } from '../../src/load/decodeSource.js';
import { loadSource } from '../../src/load/loadSource.js';
import { DEFAULT_LAYOUTS_DIR, renderRelease } from '../../src/render.js';
import { hasTool, missingToolReason } from '../helpers/tools.js';
import { FIXTURES, fixturePath } from '../pdf/fixtures.js';
import { findRole, readArchive, roleLines, type StructNode } from './structTree.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const CLI = join(ROOT, 'bin/pressroom.js');
const CHILD = fileURLToPath(new URL('./renderInChild.mjs', import.meta.url));
const SEED = '161a07.md';
/** Longest a child process or tool may take. */
const PROCESS_TIMEOUT_MS = 60_000;

let dir = '';
/** Each fixture's PDF/A-3b render and its source bytes. */
const archival = new Map<string, { pdf: Uint8Array; source: Uint8Array; path: string }>();

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'pressroom-archive-'));
  for (const name of FIXTURES) {
    const source = await loadSource(fixturePath(name));
    const { pdf } = await renderRelease(source, { pdfa: '3b' });
    const path = join(dir, name.replace(/\.[^.]+$/, '.pdf'));
    await writeFile(path, pdf);
    archival.set(name, { pdf, source: source.bytes, path });
  }
}, 120_000);

afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

function run(command: string, args: string[], env: Record<string, string> = {}): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(command, args, { encoding: 'utf8', timeout: PROCESS_TIMEOUT_MS, env: { ...process.env, ...env }, cwd: ROOT });
  if (result.error) throw result.error;
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

describe('byte-identical output', () => {
  it('should give the same bytes in two processes with different time zones and locales', async () => {
    const outs = [join(dir, 'repro-1.pdf'), join(dir, 'repro-2.pdf')];
    const envs = [{ TZ: 'UTC', LANG: 'C', LC_ALL: 'C' }, { TZ: 'Pacific/Kiritimati', LANG: 'tr_TR.UTF-8', LC_ALL: 'tr_TR.UTF-8' }];
    for (let i = 0; i < 2; i++) expect(run(process.execPath, [CHILD, fixturePath(SEED), outs[i]!, '3b'], envs[i]).status).toBe(0);
    const [a, b] = await Promise.all(outs.map((p) => readFile(p)));
    expect(sha256(a!)).toBe(sha256(b!));
    // And the same as this process's render.
    expect(sha256(a!)).toBe(sha256(archival.get(SEED)!.pdf));
  });

  it('should give each document the bytes of a fresh process, whatever this process rendered before', async () => {
    // Layout and drawing reuse what recurs across documents (static content, lines, words, subsets): after every
    // fixture was rendered here (as PDF/A, above), each again, in the other order, must be what a new process makes.
    const names = [...FIXTURES].reverse();
    const here = [];
    for (const name of names) here.push((await renderRelease(await loadSource(fixturePath(name)))).pdf);
    const outs = names.map((name) => join(dir, `fresh-${name}.pdf`));
    await Promise.all(names.map((name, i) => new Promise<void>((resolve, reject) => {
      execFile(process.execPath, [CHILD, fixturePath(name), outs[i]!], { cwd: ROOT, timeout: PROCESS_TIMEOUT_MS }, (err) => (err ? reject(err) : resolve()));
    })));
    for (const [i, name] of names.entries()) expect({ name, hash: sha256(here[i]!) }).toEqual({ name, hash: sha256(await readFile(outs[i]!)) });
  });

  it('should make an archive layout (pdfa: in layout.yaml) archival through the CLI, identically in two processes', async () => {
    const layouts = join(dir, 'layouts');
    await cp(DEFAULT_LAYOUTS_DIR, layouts, { recursive: true });
    const manifest = join(layouts, 'coe-press-release', 'layout.yaml');
    await writeFile(manifest, `${await readFile(manifest, 'utf8')}pdfa: 3b\n`);
    const outs = [join(dir, 'cli-1.pdf'), join(dir, 'cli-2.pdf')];
    for (const [i, env] of [{ TZ: 'America/St_Johns', LANG: 'fr_FR.UTF-8' }, { TZ: 'Asia/Kolkata', LANG: 'de_DE.UTF-8' }].entries()) {
      const { status, stderr } = run(process.execPath, [CLI, 'render', fixturePath(SEED), '--layouts', layouts, '--jobs', '1', '-o', outs[i]!], env);
      expect({ status, stderr: stderr.replace(/^rendered .*\n/m, '') }).toEqual({ status: 0, stderr: '' });
    }
    const [a, b] = await Promise.all(outs.map((p) => readFile(p)));
    expect(sha256(a!)).toBe(sha256(b!));
    expect(checkPdf(a!).pdfa).toBe('3B');
  });

  it('should take its dates from SOURCE_DATE_EPOCH when set, and still be reproducible', async () => {
    const out = join(dir, 'epoch.pdf');
    expect(run(process.execPath, [CHILD, fixturePath(SEED), out, '3b'], { SOURCE_DATE_EPOCH: '1700000000' }).status).toBe(0);
    const text = Buffer.from(await readFile(out)).toString('latin1');
    expect(text).toContain('(D:20231114221320Z)');
    expect(text).toContain('<xmp:CreateDate>2023-11-14T22:13:20Z</xmp:CreateDate>');
  });
});

describe.each(FIXTURES)('%s as an archival copy (PDF/A-3b)', (name) => {
  it('should pass pressroom check with no findings', () => {
    const report = checkPdf(archival.get(name)!.pdf);
    expect(report.findings).toEqual([]);
    expect({ pdfa: report.pdfa, tagged: report.tagged }).toEqual({ pdfa: '3B', tagged: true });
  });

  it('should carry the release source, byte for byte, as an associated file (Source), and the layout record (Data)', () => {
    const { pdf, source } = archival.get(name)!;
    const files = readAttachments(readPdfObjects(pdf));
    expect(files.map((f) => [f.name, f.relationship, f.mime])).toEqual([
      [name, 'Source', name.endsWith('.json') ? 'application/json' : 'text/markdown'],
      ['pressroom-layout.json', 'Data', 'application/json'],
    ]);
    expect(Buffer.from(files[0]!.bytes).equals(Buffer.from(source))).toBe(true);
    expect(JSON.parse(Buffer.from(files[1]!.bytes).toString('utf8'))).toMatchObject({ layout: expect.any(String), version: expect.any(String) });
  });

  it('should be read by pdfjs-dist: attachments equal to the source, a Document tree with the title (H1) near its top, a bookmark for it', async () => {
    const { pdf, source } = archival.get(name)!;
    const back = await readArchive(pdf);
    expect(Buffer.from(back.attachments[name]!).equals(Buffer.from(source))).toBe(true);
    const first = roleLines(back.trees[0]!);
    expect(first[0]).toBe('Document');
    // The title comes first, or after the plain layout's "For release" line.
    expect(first.slice(1, 3)).toContain('  H1');
    expect(back.outline[0]?.title).toBeTruthy();
  });

  it.skipIf(!hasTool('qpdf'))(`should pass qpdf --check${missingToolReason('qpdf')}`, () => {
    const { status, stdout, stderr } = run('qpdf', ['--check', archival.get(name)!.path]);
    expect({ status, stderr }).toEqual({ status: 0, stderr: '' });
    expect(stdout).toContain('No syntax or stream encoding errors found');
  });

  it.skipIf(!hasTool('pdffonts'))(`should embed every font (pdffonts)${missingToolReason('pdffonts')}`, () => {
    const { status, stdout } = run('pdffonts', [archival.get(name)!.path]);
    expect(status).toBe(0);
    const rows = stdout.split('\n').slice(2).filter((l) => l.trim() !== '');
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) expect(row.trim().split(/\s+/).at(-5), row).toBe('yes');
  });

  it.skipIf(!hasTool('pdfinfo'))(`should show pdfaid part 3, conformance B in its XMP (pdfinfo -meta)${missingToolReason('pdfinfo')}`, () => {
    const { status, stdout } = run('pdfinfo', ['-meta', archival.get(name)!.path]);
    expect(status).toBe(0);
    expect(stdout).toMatch(/<pdfaid:part>3<\/pdfaid:part>/);
    expect(stdout).toMatch(/<pdfaid:conformance>B<\/pdfaid:conformance>/);
  });
});

describe('the structure tree of the seed release', () => {
  it('should follow the document: title, paragraphs, the list with labels and bodies, links, contacts, then the sidebar aside', async () => {
    const back = await readArchive(archival.get(SEED)!.pdf);
    const tree = back.trees[0]!;
    const top = roleLines(tree).filter((l) => /^ {2}\S/.test(l)).map((l) => l.trim());
    expect(top.slice(0, 5)).toEqual(['H1', 'P', 'P', 'P', 'L']);
    // The sidebar (static content, role="Aside", which pdfjs shows through the role map as Sect) comes after the main
    // flow; letterhead links come last, as Links of their own.
    expect(top.indexOf('Sect')).toBeGreaterThan(top.lastIndexOf('P'));
    expect(top.at(-1)).toBe('Link');
    const list = findRole(tree, 'L')[0]!;
    const items = (list.children ?? []).filter((c) => c.role === 'LI');
    expect(items.length).toBe(4);
    for (const item of items) expect((item.children ?? []).map((c) => c.role)).toEqual(['Lbl', 'LBody']);
    const links = findRole(tree, 'Link');
    expect(links.length).toBeGreaterThan(0);
    for (const link of links) {
      expect(link.alt, 'a Link has alternate text').toBeTruthy();
      expect((link.children ?? []).some((c: StructNode) => c.type === 'annotation' || c.type === 'object'), 'a Link holds its annotation').toBe(true);
    }
    expect(links.map((l) => l.alt)).toContain('Council of Europe Convention on Cybercrime');
  });

  it('should make running heads and footers artifacts, so later pages hold only body text in their tree', async () => {
    const source = await loadSource(fixturePath('long-report.md'));
    const { pdf } = await renderRelease(source, { pdfa: '2b' });
    const back = await readArchive(pdf);
    expect(back.trees.length).toBeGreaterThan(1);
    const later = roleLines(back.trees[1]!).map((l) => l.trim());
    expect(later).not.toContain('Sect');
    expect(later.length).toBeGreaterThan(1);
    expect(checkPdf(pdf)).toMatchObject({ pdfa: '2B', findings: [], attachments: [] });
  });
});

describe('XMP metadata', () => {
  it('should escape a title holding &, < and ]]> so the XMP stays well-formed and equal to the info Title', async () => {
    const title = 'Cyber & crime: <fo:block> "quoted" ]]> done';
    const text = (await readFile(fixturePath(SEED), 'utf8')).replace(/^title: .*$/m, `title: '${title.replace(/'/g, "''")}'`);
    const { pdf } = await renderRelease(decodeSource('escaped.md', new TextEncoder().encode(text)), { pdfa: '3b' });
    const report = checkPdf(pdf);
    expect(report.findings).toEqual([]);
    const back = await readArchive(pdf);
    expect(back.xmpTitle).toBe(title);
    const xml = /<\?xpacket begin[\s\S]*?<\?xpacket end="w"\?>/.exec(Buffer.from(pdf).toString('latin1'))![0];
    const xmp = readXmp(Buffer.from(xml, 'latin1').toString('utf8'));
    expect(xmp.ok && xmp.properties.get('dc:title')).toBe(title);
  });
});

describe('pressroom check', () => {
  it('should find the problems of a plain PDF: standard font, javascript: link, JavaScript action, no PDF/A, no tags', async () => {
    const doc = new PDFDocument({ pdfVersion: '1.7', info: { CreationDate: new Date(0) } });
    const chunks: Buffer[] = [];
    const done = new Promise<Buffer>((resolve) => doc.on('end', () => resolve(Buffer.concat(chunks))));
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.font('Helvetica').text('Click me', 72, 72);
    doc.link(72, 72, 100, 20, 'javascript:alert(1)');
    (doc as unknown as { addNamedJavaScript(name: string, js: string): void }).addNamedJavaScript('hello', 'app.alert(1)');
    doc.end();
    const bad = await done;
    const rules = new Set(checkPdf(bad).findings.map((f) => f.rule));
    for (const rule of ['pdfa-id', 'output-intent', 'font-embedded', 'tagged', 'lang', 'link-scheme', 'javascript', 'display-title']) expect(rules, rule).toContain(rule);
    const path = join(dir, 'bad.pdf');
    await writeFile(path, bad);
    const cli = run(process.execPath, [CLI, 'check', path]);
    expect(cli.status).toBe(1);
    expect(cli.stderr).toContain('font Helvetica is not embedded');
    expect(cli.stdout).toMatch(/^not ok /);
  });

  it('should report every fixture\'s archival copy ok and exit 0', () => {
    const cli = run(process.execPath, [CLI, 'check', ...[...archival.values()].map((a) => a.path)]);
    expect({ status: cli.status, stderr: cli.stderr }).toEqual({ status: 0, stderr: '' });
    expect(cli.stdout.trim().split('\n').every((l) => l.startsWith('ok ') && l.includes('PDF/A-3B, tagged'))).toBe(true);
  });

  it('should report a file that is not a PDF', async () => {
    const path = join(dir, 'not.pdf');
    await writeFile(path, 'hello');
    expect(checkPdf(new TextEncoder().encode('hello')).findings[0]?.rule).toBe('syntax');
    expect(run(process.execPath, [CLI, 'check', path]).status).toBe(1);
  });
});

describe('pressroom extract', () => {
  it('should write the release source back out byte-identical, and refuse to overwrite it without --force', async () => {
    const out = join(dir, 'extracted');
    const { path, source } = archival.get(SEED)!;
    const first = run(process.execPath, [CLI, 'extract', path, '-o', out]);
    expect(first).toMatchObject({ status: 0, stdout: `wrote ${join(out, SEED)}\n` });
    expect(Buffer.from(await readFile(join(out, SEED))).equals(Buffer.from(source))).toBe(true);
    expect(run(process.execPath, [CLI, 'extract', path, '-o', out]).status).toBe(1);
    expect(run(process.execPath, [CLI, 'extract', path, '-o', out, '--force', '--all']).status).toBe(0);
    expect(JSON.parse(await readFile(join(out, 'pressroom-layout.json'), 'utf8'))).toMatchObject({ layout: 'coe-press-release' });
  });

  it('should say so when a PDF carries no source', async () => {
    const { pdf } = await renderRelease(await loadSource(fixturePath(SEED)), { pdfa: '2b' });
    const path = join(dir, 'no-source.pdf');
    await writeFile(path, pdf);
    const result = run(process.execPath, [CLI, 'extract', path, '-o', join(dir, 'none')]);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('holds no release source');
  });
});
