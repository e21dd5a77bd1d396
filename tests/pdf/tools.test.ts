// Checks the fixtures' PDFs with independent tools where installed: qpdf (structure), pdffonts (embedding), pdftotext (text).
import { spawnSync } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadSource } from '../../src/load/loadSource.js';
import { parseRelease } from '../../src/release/parseRelease.js';
import { renderRelease } from '../../src/render.js';
import { hasTool, missingToolReason } from '../helpers/tools.js';
import { FIXTURES, fixturePath, LAYOUTS } from './fixtures.js';

/** Longest a tool may take on one small PDF. */
const TOOL_TIMEOUT_MS = 30_000;

let dir = '';
/** Path of each fixture's PDF in the temp folder. */
const pdfPaths = new Map<string, string>();
/** Each fixture's title, for the text check. */
const titles = new Map<string, string>();

beforeAll(async () => {
  if (!hasTool('qpdf') && !hasTool('pdffonts') && !hasTool('pdftotext')) return;
  dir = await mkdtemp(join(tmpdir(), 'pressroom-tools-'));
  for (const name of FIXTURES) {
    const source = await loadSource(fixturePath(name));
    titles.set(name, parseRelease(source).title);
    const path = join(dir, name.replace(/\.[^.]+$/, '.pdf'));
    await writeFile(path, (await renderRelease(source)).pdf);
    pdfPaths.set(name, path);
  }
}, 60_000);

afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

/** Runs a tool and returns its exit status and output (fails the test if it cannot be started or times out). */
function run(tool: string, args: string[]): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(tool, args, { encoding: 'utf8', timeout: TOOL_TIMEOUT_MS });
  if (result.error) throw result.error;
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** The rows of `pdffonts` output: name, type, encoding, emb, sub, uni (the columns after the name are fixed words). */
function pdffontsRows(output: string): Array<{ name: string; emb: string; sub: string; line: string }> {
  return output.split('\n').slice(2).filter((l) => l.trim() !== '').map((line) => {
    const cols = line.trim().split(/\s+/);
    // The last columns are: emb sub uni objectNumber generation.
    return { name: cols[0], emb: cols[cols.length - 5], sub: cols[cols.length - 4], line };
  });
}

describe.each(FIXTURES)('%s checked by external tools', (name) => {
  it.skipIf(!hasTool('qpdf'))(`should pass qpdf --check${missingToolReason('qpdf')}`, () => {
    const { status, stdout, stderr } = run('qpdf', ['--check', pdfPaths.get(name)!]);
    expect({ status, stderr }).toEqual({ status: 0, stderr: '' });
    expect(stdout).toContain('No syntax or stream encoding errors found');
  });

  it.skipIf(!hasTool('pdffonts'))(`should embed and subset every font (pdffonts)${missingToolReason('pdffonts')}`, () => {
    const { status, stdout } = run('pdffonts', [pdfPaths.get(name)!]);
    expect(status).toBe(0);
    const rows = pdffontsRows(stdout);
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) {
      expect(row.emb, row.line).toBe('yes');
      expect(row.sub, row.line).toBe('yes');
      expect(row.name, row.line).toMatch(/^[A-Z]{6}\+/);
    }
  });
});

describe('pdftotext', () => {
  it.skipIf(!hasTool('pdftotext'))(`should find the title of 161a07 in its main column with -layout${missingToolReason('pdftotext')}`, () => {
    const facts = LAYOUTS['coe-press-release'];
    // Crop to the main column (pdftotext's default 72 dpi makes the crop box points), so the sidebar does not share its lines.
    const x = Math.floor(facts.mainColumnX) - 1;
    const { status, stdout } = run('pdftotext', ['-layout', '-f', '1', '-l', '1', '-x', String(x), '-y', '0', '-W', String(596 - x), '-H', '842', pdfPaths.get('161a07.md')!, '-']);
    expect(status).toBe(0);
    expect(stdout.replace(/\s+/g, ' ')).toContain(titles.get('161a07.md'));
  });

  it.skipIf(!hasTool('pdftotext'))(`should read every word of 161a07's title on the uncropped page 1 with -layout${missingToolReason('pdftotext')}`, () => {
    const { status, stdout } = run('pdftotext', ['-layout', '-f', '1', '-l', '1', pdfPaths.get('161a07.md')!, '-']);
    expect(status).toBe(0);
    // Uncropped, the sidebar shares the title's lines, so the title is checked word by word.
    const printed = new Set(stdout.split(/\s+/));
    expect(titles.get('161a07.md')!.split(/\s+/).filter((w) => !printed.has(w))).toEqual([]);
    expect(stdout).toContain('46 members');
  });
});
