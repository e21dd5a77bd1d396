// What the batch stage hands on: its options, one record per input, and the summary of a whole batch.
import type { Diagnostic } from '../diagnostics/types.js';
import type { RenderOptions } from '../render.js';

/** How one input of a batch ended. */
export type BatchStatus = 'rendered' | 'skipped' | 'failed';

/** What happened to one input: the report's record, in input order. */
export interface BatchRecord {
  /** The input path as found (`-` for stdin). */
  input: string;
  /** The PDF path written or kept; undefined when no output could be planned. */
  output?: string;
  /** rendered, skipped (its PDF is up to date) or failed. */
  status: BatchStatus;
  /** Pages of the PDF (0 when failed; taken from the manifest when skipped). */
  pages: number;
  /** Wall-clock milliseconds spent on this input (render and write). */
  ms: number;
  /** Warnings of a rendered input, or the errors of a failed one. */
  diagnostics: Diagnostic[];
  /** A failure that is a bug in pressroom rather than a problem of the release: its message. */
  internalError?: string;
}

/** Totals of a batch, for the summary line and the report. */
export interface BatchSummary {
  /** Inputs rendered and written. */
  rendered: number;
  /** Inputs whose PDF was up to date. */
  skipped: number;
  /** Inputs that failed (including inputs that named no release and outputs that could not be planned). */
  failed: number;
  /** Pages of the PDFs rendered in this run. */
  pages: number;
  /** Wall-clock milliseconds of the whole batch. */
  ms: number;
  /** True when the batch was interrupted: the inputs never started are not in the records. */
  interrupted: boolean;
}

/** What renderBatch gives back. */
export interface BatchResult {
  /** One record per input, in input order (sorted by path), whatever the scheduling; empty with `keepRecords: false`. */
  records: BatchRecord[];
  /** Diagnostics that belong to no planned input (inputs that match nothing, unusable outputs). */
  diagnostics: Diagnostic[];
  summary: BatchSummary;
}

/** Options of a batch; the render options apply to every input. */
export interface BatchOptions extends RenderOptions {
  /** `-o`: a folder (mirrors the inputs' folders) or, for one input, the PDF file; default: beside each input. */
  output?: string;
  /** Worker threads (default: os.availableParallelism()); 1 renders in this thread. */
  jobs?: number;
  /**
   * Per-input time budget in milliseconds (default DEFAULT_TIMEOUT_MS), from when its render begins (not while it waits
   * for a worker); past it the input fails and its worker is replaced.
   */
  timeoutMs?: number;
  /** Re-render every input, even when its PDF is up to date. */
  force?: boolean;
  /** Folder relative inputs are read from (default: the working directory). */
  cwd?: string;
  /** When aborted, no further input is started; inputs in flight finish. */
  stop?: AbortSignal;
  /** When aborted, inputs in flight are abandoned too (their workers terminated) and fail as interrupted. */
  abort?: AbortSignal;
  /** Called once the inputs are planned, with how many there are. */
  onStart?(total: number): void;
  /** Called for each record as soon as it is final, in input order. */
  onRecord?(record: BatchRecord): void;
  /**
   * Keep every record for the result (default true). False leaves `records` empty: each record is let go once
   * `onRecord` has had it, so a batch of millions holds no more than its manifests in memory (the CLI keeps them only
   * for `--report`). The summary is the same either way.
   */
  keepRecords?: boolean;
  /**
   * Module the workers import `renderRelease` from (default: pressroom's own). For tests and embedders that wrap
   * the engine; it must export `renderRelease(source, options)` with the same contract.
   */
  engineModule?: string | URL;
}

/** Default per-input time budget: a 500-page release renders in a few seconds, so a minute means a runaway. */
export const DEFAULT_TIMEOUT_MS = 60_000;
