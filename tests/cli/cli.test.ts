// The pressroom binary, spawned as a user runs it: exit codes, stdout and stderr (run after `npm run build`).
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { mkdtemp, readdir, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

/** The repository root: the CLI runs from here, so fixture paths read as a user would type them. */
const ROOT = resolve(fileURLToPath(new URL('.', import.meta.url)), '../..');
const BIN = join(ROOT, 'bin', 'pressroom.js');
/** Rendering a release spawns a fresh Node process: generous, for slow CI machines. */
const SPAWN_TIMEOUT_MS = 60_000;

/** Runs `pressroom ...args` and returns its exit code and output. */
function pressroom(args: string[], input?: string) {
  const run = spawnSync(process.execPath, [BIN, ...args], { cwd: ROOT, encoding: 'utf8', input, timeout: SPAWN_TIMEOUT_MS, env: { ...process.env, PRESSROOM_DEBUG: '' } });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

/** The `file:line:col: error: message` lines of stderr, without the hint lines. */
const errorLines = (stderr: string) => stderr.split('\n').filter((l) => l !== '' && !l.startsWith('  '));

describe('pressroom CLI', { timeout: SPAWN_TIMEOUT_MS }, () => {
  it('should print usage for --help and for each command, exiting 0', () => {
    const top = pressroom(['--help']);
    expect(top.code).toBe(0);
    for (const command of ['render', 'fo', 'validate', 'layouts']) expect(top.stdout).toContain(`pressroom ${command}`);
    for (const command of ['render', 'fo', 'validate', 'layouts']) {
      const help = pressroom([command, '--help']);
      expect(help.code, command).toBe(0);
      expect(help.stdout, command).toMatch(new RegExp(`^pressroom ${command}`));
    }
  });

  it('should print the version', () => {
    const run = pressroom(['--version']);
    expect(run.code).toBe(0);
    expect(run.stdout.trim()).toMatch(/^\d+\.\d+\.\d+/);
  });

  it('should exit 2 with a message on stderr for usage errors', () => {
    for (const args of [[], ['frobnicate'], ['validate'], ['validate', 'fixtures/releases/161a07.md', '--bogus'], ['fo', 'a.md', 'b.md'], ['render', 'x.md', '-o'], ['render', 'x.md', 'y.md', '-o', '-'], ['render', 'x.md', '--jobs', '0'], ['render']]) {
      const run = pressroom(args);
      expect(run.code, args.join(' ')).toBe(2);
      expect(run.stdout, args.join(' ')).toBe('');
      expect(run.stderr, args.join(' ')).toMatch(/^pressroom: .+\nRun "pressroom --help"/);
    }
    expect(pressroom(['frobnicate']).stderr).toContain('Unknown argument: frobnicate');
    expect(pressroom(['validate', 'fixtures/releases/161a07.md', '--bogus']).stderr).toContain('Unknown argument: bogus');
  });

  it('should validate the seed release', () => {
    const run = pressroom(['validate', 'fixtures/releases/161a07.md']);
    expect(run).toEqual({ code: 0, stdout: 'ok fixtures/releases/161a07.md\n', stderr: '' });
  });

  /** Each invalid fixture and the exact error lines it must produce. */
  const INVALID: [file: string, errors: string[]][] = [
    ['missing-title.md', ['fixtures/invalid/missing-title.md:2:1: error: missing required field "title"']],
    ['date-words.md', ['fixtures/invalid/date-words.md:4:7: error: "date" must be an ISO date, YYYY-MM-DD, e.g. 2007-03-12; found "next Tuesday"']],
    ['impossible-date.json', ['fixtures/invalid/impossible-date.json:4:11: error: "date" is "2024-02-30", which is not a day in the calendar']],
    ['unknown-field.md', ['fixtures/invalid/unknown-field.md:8:1: error: unknown field "subtitel"']],
    ['javascript-link.md', ['fixtures/invalid/javascript-link.md:11:8: error: link scheme "javascript:" is not allowed']],
    ['yaml-tab.md', ['fixtures/invalid/yaml-tab.md:9:1: error: tabs cannot indent yaml; use spaces']],
    ['no-front-matter.md', ['fixtures/invalid/no-front-matter.md:1:1: error: the release has no front matter']],
  ];

  it.each(INVALID)('should reject fixtures/invalid/%s with its exact message and a hint', (file, errors) => {
    const run = pressroom(['validate', `fixtures/invalid/${file}`]);
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    expect(errorLines(run.stderr)).toEqual(errors);
    expect(run.stderr.split('\n').filter((l) => l.startsWith('  hint: ')).length).toBe(errors.length);
  });

  it('should validate every input, exiting 1 when any failed', () => {
    const run = pressroom(['validate', 'fixtures/releases/161a07.md', 'fixtures/invalid/missing-title.md', 'nope.md']);
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('ok fixtures/releases/161a07.md\n');
    expect(errorLines(run.stderr)).toEqual([
      'nope.md: error: no such file or folder',
      'fixtures/invalid/missing-title.md:2:1: error: missing required field "title"',
    ]);
  });

  it('should validate a folder and a glob', () => {
    const run = pressroom(['validate', 'fixtures/invalid', 'fixtures/releases/*.md']);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('ok fixtures/releases/161a07.md\n');
    expect(errorLines(run.stderr).length).toBe(INVALID.length);
  });

  it('should read a release from stdin for -', async () => {
    const seed = await readFile(join(ROOT, 'fixtures/releases/161a07.md'), 'utf8');
    expect(pressroom(['validate', '-'], seed)).toEqual({ code: 0, stdout: 'ok <stdin>\n', stderr: '' });
  });

  it('should print the filled FO of a release', () => {
    const run = pressroom(['fo', 'fixtures/releases/161a07.md']);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^(<\?xml|<fo:root)/);
    expect(run.stdout).toContain('Council of Europe and European Commission help South-Eastern Europe and Turkey combat cybercrime');
  });

  it('should fail fo on an invalid release, with its diagnostics', () => {
    const run = pressroom(['fo', 'fixtures/invalid/missing-title.md']);
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    expect(errorLines(run.stderr)).toEqual(['fixtures/invalid/missing-title.md:2:1: error: missing required field "title"']);
  });

  it('should list the layouts, one line each', () => {
    const run = pressroom(['layouts']);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const lines = run.stdout.trimEnd().split('\n');
    expect(lines.some((l) => /^coe-press-release\s{2,}\S+\s{2,}\S/.test(l))).toBe(true);
  });

  it('should report a missing layouts folder', () => {
    const run = pressroom(['layouts', '--layouts', 'no/such/folder']);
    expect(run.code).toBe(1);
    expect(errorLines(run.stderr)).toEqual(['no/such/folder: error: no such layouts folder']);
  });

  it('should render the seed into a folder and say what it wrote', async () => {
    const out = await mkdtemp(join(tmpdir(), 'pressroom-cli-'));
    const run = pressroom(['render', 'fixtures/releases/161a07.md', '-o', `${out}/`]);
    expect(run.stderr).toMatch(/^rendered 1, skipped 0, failed 0; 1 page in [\d.]+ s \([\d.]+ docs\/s\)\n$/);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(new RegExp(`^wrote ${join(out, '161a07.pdf')} \\(\\d+ pages?\\)\\n$`));
    expect(await readdir(out)).toEqual(['.pressroom-manifest.json', '161a07.pdf']);
    const pdf = await readFile(join(out, '161a07.pdf'));
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
  });

  it('should render the good inputs, report the bad ones and exit 1, leaving no PDF for a failure', async () => {
    const out = await mkdtemp(join(tmpdir(), 'pressroom-cli-'));
    const run = pressroom(['render', 'fixtures/releases/161a07.md', 'fixtures/invalid/missing-title.md', '-o', out]);
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/^wrote .*161a07\.pdf \(\d+ pages?\)\n$/);
    expect(errorLines(run.stderr)).toEqual(['fixtures/invalid/missing-title.md:2:1: error: missing required field "title"', expect.stringMatching(/^rendered 1, skipped 0, failed 1;/)]);
    expect((await readdir(out)).filter((f) => f.endsWith('.pdf'))).toEqual(['161a07.pdf']);
  });

  it('should write nothing and exit 2 when -o names one PDF for several releases', async () => {
    const out = await mkdtemp(join(tmpdir(), 'pressroom-cli-'));
    const run = pressroom(['render', 'fixtures/releases/161a07.md', 'fixtures/invalid/missing-title.md', '-o', join(out, 'one.pdf')]);
    expect(run.code).toBe(2);
    expect(errorLines(run.stderr)).toEqual([`${join(out, 'one.pdf')}: error: -o names one PDF file, but there are 2 releases`]);
    expect(await readdir(out)).toEqual([]);
  });
});

describe('layouts with a broken one among them', () => {
  it('should list the good layouts, report the broken one and exit 1', () => {
    const dir = mkdtempSync(join(tmpdir(), 'pressroom-layouts-'));
    cpSync('layouts', dir, { recursive: true });
    mkdirSync(join(dir, 'half-written'));
    const run = spawnSync(process.execPath, ['bin/pressroom.js', 'layouts', '--layouts', dir], { encoding: 'utf8' });
    rmSync(dir, { recursive: true, force: true });
    expect(run.status).toBe(1);
    expect(run.stdout).toMatch(/^coe-press-release +1\.0 /m);
    expect(run.stderr).toContain('half-written/layout.yaml: error: the layout folder has no layout.yaml');
  });
});

describe('a release naming a layout that does not exist', () => {
  it('should be refused by validate and render at its layout field', () => {
    const dir = mkdtempSync(join(tmpdir(), 'pressroom-nolayout-'));
    const file = join(dir, 'r.md');
    writeFileSync(file, '---\nlayout: nope\nref: x\ndate: 2020-01-01\nplace: P\nlanguage: en\ntitle: T\n---\nBody.\n');
    for (const args of [['validate', file], ['render', file, '-o', join(dir, 'r.pdf')]]) {
      const run = spawnSync(process.execPath, ['bin/pressroom.js', ...args], { encoding: 'utf8' });
      expect(run.status).toBe(1);
      expect(run.stderr).toContain(`${file}:2:9: error: there is no layout "nope"`);
    }
    rmSync(dir, { recursive: true, force: true });
  });
});
