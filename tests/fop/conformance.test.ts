// Reference conformance: each fixture's filled FO also renders in Apache FOP, with page counts within one and the same main-column text.
import { spawn } from 'node:child_process';
import { availableParallelism } from 'node:os';
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadSource } from '../../src/load/loadSource.js';
import type { Release } from '../../src/release/types.js';
import { fillRelease, renderRelease } from '../../src/render.js';
import { pageText, readPdf, type PdfDocument } from '../helpers/readPdf.js';
import { hasTool, missingToolReason } from '../helpers/tools.js';
import { mainColumnWords } from '../pdf/columns.js';
import { ESCAPING_TITLE, escapingSource, FIXTURES, fixturePath, LAYOUTS, type LayoutFacts } from '../pdf/fixtures.js';
import { findSegmentsInOrder, readableWord, releaseSegments, wordKey } from '../pdf/releaseText.js';

/** The repository root: fop.xconf resolves the fonts relative to it. */
const ROOT = fileURLToPath(new URL('../../', import.meta.url));
/** FOP's configuration: Noto Sans from fonts/, as our typesetter uses. */
const FOP_CONFIG = join(ROOT, 'fop.xconf');
/** Longest one FOP run may take (a JVM start plus a few pages is 1–2 s). */
const FOP_TIMEOUT_MS = 60_000;
/** FOP log lines that mean the FO is wrong or not rendered as written. */
const FOP_ERROR_LINE = /SEVERE|\bERROR\b|\[error\]|Exception/i;

const SKIP = !hasTool('fop');
/** The job name of the escaping release (not a fixture file). */
const ESCAPING = '(escaping)';
const REASON = missingToolReason('fop');

/** What FOP did with one fixture's FO. */
interface FopRun {
  status: number | null;
  /** FOP's stdout and stderr, interleaved by line. */
  log: string;
  /** FOP's PDF read back (null when FOP failed). */
  doc: PdfDocument | null;
}

/** One fixture rendered both ways. */
interface Compared {
  release: Release;
  facts: LayoutFacts;
  ours: PdfDocument;
  fop: FopRun;
}

const compared = new Map<string, Compared>();
/** FOP's run on the escaping release (the seed with an FO-markup title): FOP's XML parser checks our escaping independently. */
let escaping: FopRun = { status: null, log: '', doc: null };
let dir = '';

/** Runs FOP on one FO file; resolves with its exit status and log, killing it after FOP_TIMEOUT_MS. */
function runFop(fo: string, pdf: string): Promise<{ status: number | null; log: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn('fop', ['-c', FOP_CONFIG, '-fo', fo, '-pdf', pdf], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let log = '';
    child.stdout.on('data', (d: Buffer) => (log += d.toString()));
    child.stderr.on('data', (d: Buffer) => (log += d.toString()));
    const timer = setTimeout(() => {
      log += `\n[test] ERROR: fop did not finish within ${FOP_TIMEOUT_MS} ms; killed\n`;
      child.kill('SIGKILL');
    }, FOP_TIMEOUT_MS);
    child.on('error', reject);
    child.on('close', (status) => {
      clearTimeout(timer);
      resolve({ status, log });
    });
  });
}

/** Runs `task` on every element with at most `limit` at a time (FOP starts a JVM per run). */
async function eachLimited<T>(items: readonly T[], limit: number, task: (item: T) => Promise<void>): Promise<void> {
  const queue = [...items];
  await Promise.all(Array.from({ length: Math.min(limit, queue.length) }, async () => {
    for (let item = queue.shift(); item !== undefined; item = queue.shift()) await task(item);
  }));
}

beforeAll(async () => {
  if (SKIP) return;
  dir = await mkdtemp(join(tmpdir(), 'pressroom-fop-'));
  // Fill each FO once and render ours in process; then FOP on every FO, a few at a time.
  const jobs: Array<{ name: string; fo: string; pdf: string }> = [];
  for (const name of FIXTURES) {
    const source = await loadSource(fixturePath(name));
    const filled = await fillRelease(source);
    // FOP resolves an image's src against the FO file's folder; ours against the layout's: put the FO in a copy of it.
    const layoutCopy = join(dir, filled.layout.name);
    await cp(filled.layout.dir, layoutCopy, { recursive: true, force: true });
    const base = join(layoutCopy, name.replace(/\.[^.]+$/, ''));
    await writeFile(`${base}.fo`, filled.text);
    const ours = await readPdf((await renderRelease(source)).pdf);
    compared.set(name, { release: filled.release, facts: LAYOUTS[filled.release.layout], ours, fop: { status: null, log: '', doc: null } });
    jobs.push({ name, fo: `${base}.fo`, pdf: `${base}.fop.pdf` });
  }
  await writeFile(join(dir, 'escaping.fo'), (await fillRelease(escapingSource())).text);
  jobs.push({ name: ESCAPING, fo: join(dir, 'escaping.fo'), pdf: join(dir, 'escaping.fop.pdf') });
  await eachLimited(jobs, Math.max(2, availableParallelism()), async ({ name, fo, pdf }) => {
    const { status, log } = await runFop(fo, pdf);
    const doc = status === 0 ? await readPdf(new Uint8Array(await readFile(pdf))) : null;
    if (name === ESCAPING) escaping = { status, log, doc };
    else compared.get(name)!.fop = { status, log, doc };
  });
}, 180_000);

afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

/** The fixture's renders (made in beforeAll). */
function get(name: string): Compared {
  const c = compared.get(name);
  if (!c) throw new Error(`${name} was not rendered (see the beforeAll error)`);
  return c;
}

/** FOP's PDF, failing the test with FOP's log when there is none. */
function fopDoc(name: string): PdfDocument {
  const { fop } = get(name);
  if (!fop.doc) throw new Error(`fop exited ${fop.status}:\n${fop.log}`);
  return fop.doc;
}

/**
 * Fixtures whose text order FOP cannot be compared on: FOP 2.8 (complex scripts off, as fop.xconf must set for Noto's
 * OpenType tables) sets Armenian and Georgian glyphs above the baseline, overlapping the line before, so its text is read
 * out of order. Its page count and error-free run are still checked.
 */
const FOP_MISPLACES_GLYPHS: Record<string, string> = {
  'armenian-georgian.md': 'FOP sets Armenian and Georgian glyphs above their line, so its text order cannot be read back',
};

describe.each(FIXTURES)('%s in Apache FOP', (name) => {
  const orderSkip = FOP_MISPLACES_GLYPHS[name];
  const orderReason = orderSkip ? ` (skipped: ${orderSkip})` : REASON;
  it.skipIf(SKIP)(`should render the filled FO in FOP with exit 0 and no SEVERE/ERROR lines${REASON}`, () => {
    const { fop } = get(name);
    expect(fop.log.split('\n').filter((l) => FOP_ERROR_LINE.test(l))).toEqual([]);
    expect(fop.status, fop.log).toBe(0);
  });

  it.skipIf(SKIP)(`should give a page count within one of ours${REASON}`, () => {
    const ours = get(name).ours.pages.length;
    const theirs = fopDoc(name).pages.length;
    expect(Math.abs(ours - theirs), `ours ${ours}, FOP ${theirs}`).toBeLessThanOrEqual(1);
  });

  it.skipIf(SKIP || orderSkip !== undefined)(`should print the release's words in order in FOP's main column as in ours${orderReason}`, () => {
    const { release, facts } = get(name);
    expect(findSegmentsInOrder(mainColumnWords(fopDoc(name), facts), releaseSegments(release))).toEqual([]);
  });

  it.skipIf(SKIP || orderSkip !== undefined)(`should have the same main-column words as ours, in the same order${orderReason}`, () => {
    const { facts, ours } = get(name);
    const a = mainColumnWords(ours, facts);
    const b = mainColumnWords(fopDoc(name), facts);
    expect(firstDifference(a, b)).toBeNull();
  });
});

describe('escaping in Apache FOP', () => {
  it.skipIf(SKIP)(`should render the FO of a release whose title is FO markup, printing the title literally${REASON}`, () => {
    expect(escaping.log.split('\n').filter((l) => FOP_ERROR_LINE.test(l))).toEqual([]);
    expect(escaping.status, escaping.log).toBe(0);
    const text = escaping.doc!.pages.map((p) => pageText(p)).join('').replace(/\s+/g, '');
    expect(text).toContain(ESCAPING_TITLE.replace(/\s+/g, ''));
  });
});

/** Where two word sequences first differ, with some context (null when equal). Words compare whatever hyphen breaks either renderer made. */
function firstDifference(ours: readonly string[], fop: readonly string[]): string | null {
  let i = 0;
  while (i < ours.length && i < fop.length && wordKey(ours[i]) === wordKey(fop[i])) i++;
  if (i === ours.length && i === fop.length) return null;
  const around = (w: readonly string[]) => JSON.stringify(w.slice(Math.max(0, i - 8), i + 12).map(readableWord).join(' '));
  return `word ${i} of ${ours.length} (ours) / ${fop.length} (FOP):\n  ours: ${around(ours)}\n  FOP:  ${around(fop)}`;
}
