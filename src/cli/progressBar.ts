// The progress bar of a batch on a terminal (count, rate, ETA), and the lines printed around it.
import type { MultiBar, SingleBar } from 'cli-progress';
import type { CliIo } from './types.js';

/** Where a batch prints while it runs: results (stdout), problems (stderr), and the bar's count. */
export interface BatchPrinter {
  /** Prints a result line (`wrote …`). */
  out(text: string): void;
  /** Prints a diagnostic line. */
  err(text: string): void;
  /** Sets the bar's total once the inputs are known. */
  start(total: number): void;
  /** Counts one finished input. */
  tick(): void;
  /** Removes the bar (before the summary). */
  stop(): void;
}

/** Bar redraws per second at most: smooth enough, and cheap next to thousands of renders. */
const BAR_FPS = 10;

/** A printer with a bar when `showBar` (stderr is a terminal, not --quiet), or plain lines otherwise. */
export async function createBatchPrinter(io: CliIo, showBar: boolean): Promise<BatchPrinter> {
  if (!showBar) return { out: io.out, err: io.err, start: () => undefined, tick: () => undefined, stop: () => undefined };
  // Imported only for a bar: a piped or quiet batch does not load it.
  const { default: cliProgress } = await import('cli-progress');
  const bars: MultiBar = new cliProgress.MultiBar({
    stream: process.stderr,
    format: 'rendering [{bar}] {value}/{total} | {rate} docs/s | ETA {eta_formatted}',
    fps: BAR_FPS,
    hideCursor: true,
    clearOnComplete: true,
    etaBuffer: 50,
  }, cliProgress.Presets.shades_classic);
  let bar: SingleBar | undefined;
  let started = 0;
  let done = 0;
  const rate = () => (done / Math.max((performance.now() - started) / 1000, 1e-3)).toFixed(1);
  return {
    // A result line goes above the bar when stdout is the same terminal, else straight to stdout (a pipe or file).
    out: (text) => (io.outIsTTY ? bars.log(text) : io.out(text)),
    err: (text) => bars.log(text),
    start: (total) => {
      started = performance.now();
      bar = bars.create(total, 0, { rate: '0.0' });
    },
    tick: () => {
      done += 1;
      bar?.update(done, { rate: rate() });
    },
    stop: () => bars.stop(),
  };
}
