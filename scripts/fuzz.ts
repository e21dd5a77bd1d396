// The long fuzz run (`npm run fuzz -- --minutes 5` or `--runs 2000`, `--seed N`): the invariant of tests/fuzz over many generated releases; prints what it tried and found.
import fc from 'fast-check';
import { fuzzRelease } from '../tests/fuzz/arbitraries.js';
import { checkRelease, type FuzzOutcome } from '../tests/fuzz/checkRelease.js';

/** Defaults: a few minutes, and the CLI's own per-file budget for each case. */
const DEFAULT_MINUTES = 5;
const CASE_BUDGET_MS = 60_000;

/** Reads `--name value` from the command line. */
function option(name: string): number | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : undefined;
}

const runs = option('runs');
const minutes = option('minutes') ?? (runs ? undefined : DEFAULT_MINUTES);
const seed = option('seed') ?? Date.now() % 2 ** 31;
const outcomes: FuzzOutcome[] = [];
const messages = new Map<string, number>();
const start = Date.now();

const result = await fc.check(
  fc.asyncProperty(fuzzRelease, async (release) => {
    const outcome = await checkRelease(release, CASE_BUDGET_MS);
    outcomes.push(outcome);
    if (outcome.kind === 'error') for (const m of new Set(outcome.messages.map((s) => s.replace(/"[^"]*"/g, '"…"').replace(/\d+/g, 'N')))) messages.set(m, (messages.get(m) ?? 0) + 1);
    if (outcomes.length % 1000 === 0) process.stderr.write(`${outcomes.length} cases, ${Math.round((Date.now() - start) / 1000)} s\n`);
  }),
  { seed, numRuns: runs ?? 1_000_000, ...(minutes ? { interruptAfterTimeLimit: minutes * 60_000 } : {}), markInterruptAsFailure: false },
);

const pdfs = outcomes.filter((o) => o.kind === 'pdf');
const slowest = Math.max(0, ...outcomes.map((o) => o.ms));
console.log(`seed ${seed}: ${outcomes.length} cases in ${((Date.now() - start) / 1000).toFixed(1)} s; ${pdfs.length} PDFs (${pdfs.reduce((n, o) => n + (o.kind === 'pdf' ? o.pages : 0), 0)} pages), ${outcomes.length - pdfs.length} refused; slowest case ${Math.round(slowest)} ms`);
console.log('refusals by message (values and numbers elided):');
for (const [m, n] of [...messages].sort((a, b) => b[1] - a[1]).slice(0, 30)) console.log(`  ${String(n).padStart(6)}  ${m}`);
if (result.failed) {
  console.log(fc.defaultReportMessage(result));
  process.exitCode = 1;
} else console.log('no invariant broken');
