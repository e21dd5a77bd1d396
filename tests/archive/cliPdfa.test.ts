// `pressroom render --pdfa`: archival copies from the command line, checked and extracted by the CLI itself.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const dir = mkdtempSync(join(tmpdir(), 'pressroom-pdfa-'));
const cli = (...args: string[]) => spawnSync(process.execPath, ['bin/pressroom.js', ...args], { encoding: 'utf8' });
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('render --pdfa', () => {
  it('should write a PDF/A-3b copy that check passes and extract restores byte for byte', () => {
    const pdf = join(dir, 'seed.pdf');
    expect(cli('render', 'fixtures/releases/161a07.md', '-o', pdf, '--pdfa', '3b', '--quiet').status).toBe(0);
    const check = cli('check', pdf);
    expect(check.status, check.stdout + check.stderr).toBe(0);
    expect(check.stdout).toContain('PDF/A-3B');
    expect(cli('extract', pdf, '-o', join(dir, 'restored')).status).toBe(0);
    expect(readFileSync(join(dir, 'restored', '161a07.md'))).toEqual(readFileSync('fixtures/releases/161a07.md'));
  });

  it('should refuse an unknown level as a usage error', () => {
    const run = cli('render', 'fixtures/releases/161a07.md', '-o', join(dir, 'x.pdf'), '--pdfa', '1a');
    expect(run.status).toBe(2);
    expect(readdirSafe(dir)).not.toContain('x.pdf');
  });
});

function readdirSafe(d: string): string[] {
  try {
    return readdirSync(d);
  } catch {
    return [];
  }
}
