// The batch report written record by record: the same JSON as written whole, in place only once finished.
import { mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { BatchRecord, BatchSummary } from '../../src/batch/types.js';
import { ReportWriter } from '../../src/cli/reportWriter.js';
import { isPressroomError } from '../../src/diagnostics/PressroomError.js';
import { VERSION } from '../../src/version.js';

const summary: BatchSummary = { rendered: 1, skipped: 0, failed: 1, pages: 2, ms: 12.5, interrupted: false };

/** A record; `n` varies its text. */
function record(n: number): BatchRecord {
  return {
    input: `in/r${n}.md`,
    output: `out/r${n}.pdf`,
    status: n % 2 ? 'failed' : 'rendered',
    pages: n % 2 ? 0 : 2,
    ms: n + 0.25,
    diagnostics: n % 2 ? [{ severity: 'error', file: `in/r${n}.md`, line: 3, column: 7, message: 'missing required field "title" with "quotes"\nand a line break', hint: 'add it' }] : [],
  };
}

describe('ReportWriter', () => {
  for (const count of [0, 2, 3000]) {
    it(`should write ${count} records as JSON.stringify would lay out the whole report, and only when finished`, async () => {
      const dir = await mkdtemp(join(tmpdir(), 'pressroom-report-'));
      const path = join(dir, 'sub', 'report.json');
      const records = Array.from({ length: count }, (_, n) => record(n));
      const report = await ReportWriter.open(path);
      for (const r of records) report.add(r);
      // Not in place before it is finished: only a hidden temp file is there.
      const before = await readdir(join(dir, 'sub'));
      expect(before).toHaveLength(1);
      expect(before[0]).toMatch(/^\.report\.json\.\d+\.[0-9a-f]+\.tmp$/);
      await report.finish(summary);
      const text = await readFile(path, 'utf8');
      expect(text).toBe(`${JSON.stringify({ pressroom: VERSION, records, summary }, null, 2)}\n`);
      expect(await readdir(join(dir, 'sub'))).toEqual(['report.json']);
    });
  }

  it('should leave an older report in place and no temp file when given up', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'pressroom-report-'));
    const path = join(dir, 'report.json');
    await writeFile(path, 'older');
    const report = await ReportWriter.open(path);
    report.add(record(1));
    await report.discard();
    expect(await readFile(path, 'utf8')).toBe('older');
    expect(await readdir(dir)).toEqual(['report.json']);
  });

  it('should refuse a path it cannot write, naming it', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'pressroom-report-'));
    await writeFile(join(dir, 'file'), 'x');
    const error = await ReportWriter.open(join(dir, 'file', 'report.json')).catch((err: unknown) => err);
    expect(isPressroomError(error)).toBe(true);
    expect((error as { diagnostics: { file: string }[] }).diagnostics[0]!.file).toBe(join(dir, 'file', 'report.json'));
  });
});
