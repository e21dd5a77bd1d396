// Renders many releases to PDF files: finds them, plans outputs, skips up-to-date ones, renders on a worker pool, writes atomically.
import { dirname, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { errorAt, PressroomError } from '../diagnostics/PressroomError.js';
import type { Diagnostic } from '../diagnostics/types.js';
import { expandInputs, STDIN_INPUT, type ReleaseInput } from '../load/expandInputs.js';
import { loadInput } from '../load/loadInput.js';
import { DEFAULT_FONTS_DIR, DEFAULT_LAYOUTS_DIR, DEFAULT_MAX_PAGES, type RenderOptions } from '../render.js';
import { planOutputs, resolveOutputTarget, type OutputTarget, type PlannedOutput } from '../write/planOutputs.js';
import { syncFolder, writeAtomic } from '../write/writeAtomic.js';
import { createRunner, defaultJobs, type Runner } from './createRunner.js';
import { setHeapFlags } from './heapFlags.js';
import { fingerprintOf, FolderHashes } from './fingerprint.js';
import { Manifests, outputIsIntact } from './manifest.js';
import { DEFAULT_TIMEOUT_MS, type BatchOptions, type BatchRecord, type BatchResult } from './types.js';

/** How often, at most, manifests are saved during a batch, so a killed batch loses little of its progress. */
const MANIFEST_SAVE_INTERVAL_MS = 2_000;
/** Most PDFs waiting to be written: enough to keep a disk busy (syncs overlap), few enough to bound their memory. */
const MAX_PENDING_WRITES = 8;
/**
 * Lanes per worker. With one lane per worker, a worker sat idle while its lane read the next release and checked
 * its manifest (8.5 % of each worker's time in a 2-worker batch, in piscina's wait loop): a second lane keeps one
 * render queued for every worker. Rendering in this thread keeps one lane, so one document's data is alive at a time.
 */
const LANES_PER_WORKER = 2;

/**
 * Renders every release the inputs name (files, folders, globs) and writes each PDF atomically.
 * Throws a PressroomError when `-o` cannot hold the outputs (a usage error); any other problem fails only its input.
 * Records come back, and `onRecord` is called, in input order, whatever the scheduling.
 * With more than one input it sets V8 heap flags for the whole process (see setHeapFlags in heapFlags.ts).
 */
export async function renderBatch(inputs: readonly string[], options: BatchOptions = {}): Promise<BatchResult> {
  const started = performance.now();
  // 1. Find the release files; inputs that name none become failed records.
  const expanded = await expandInputs(inputs, { cwd: options.cwd });
  // 2. Decide where each PDF goes (throws for an -o that cannot hold them all).
  const target = await resolveOutputTarget(options.output, expanded.inputs.length);
  const plan = planOutputs(expanded.inputs, target);
  const jobs = expanded.diagnostics.map((d) => failedRecord(d.file, undefined, [d]));
  const work = planWork(expanded.inputs, plan.outputs, plan.diagnostics);
  options.onStart?.(jobs.length + work.length);
  // 3. Render what is not up to date, in parallel, emitting records in input order.
  const batch = new Batch(options, target, jobs.length + work.length);
  jobs.forEach((r, i) => batch.finish(i, r));
  await batch.renderAll(work, jobs.length);
  // 4. Totals, counted as the records were emitted.
  return {
    records: batch.records(),
    diagnostics: expanded.diagnostics.concat(plan.diagnostics),
    summary: { ...batch.totals, ms: performance.now() - started, interrupted: batch.interrupted },
  };
}

/** One input of the batch: its planned output, or the diagnostics that kept it from having one. */
type WorkItem = { input: ReleaseInput; output?: string; problems: Diagnostic[] };

/** Pairs each input (sorted) with its planned output or its planning problems. */
function planWork(inputs: readonly ReleaseInput[], planned: readonly PlannedOutput[], problems: readonly Diagnostic[]): WorkItem[] {
  const outputs = new Map(planned.map((p) => [p.input, p.output]));
  return inputs.map((input) => {
    const file = input.path === STDIN_INPUT ? '<stdin>' : input.path;
    return { input, output: outputs.get(input), problems: outputs.has(input) ? [] : problems.filter((d) => d.file === file) };
  });
}

/** A record already final, in the shape renderOne gives. */
function done(record: BatchRecord): { record: Promise<BatchRecord> } {
  return { record: Promise.resolve(record) };
}

/** A failed record. */
function failedRecord(input: string, output: string | undefined, diagnostics: Diagnostic[], ms = 0): BatchRecord {
  return { input, output, status: 'failed', pages: 0, ms, diagnostics };
}

/** The state of one running batch: the runner, manifests, records in order, and interrupts. */
class Batch {
  readonly #options: BatchOptions;
  readonly #render: RenderOptions;
  readonly #incremental: boolean;
  readonly #jobs: number;
  readonly #timeoutMs: number;
  /** Records by input index: those waiting for an earlier one to be emitted, and all emitted ones when kept. */
  readonly #records: (BatchRecord | undefined)[];
  readonly #keepRecords: boolean;
  #nextToEmit = 0;
  /** The summary's counts of the records emitted so far. */
  readonly totals = { rendered: 0, skipped: 0, failed: 0, pages: 0 };
  readonly #manifests = new Manifests();
  readonly #hashes = new FolderHashes();
  readonly #inFlight = new Set<AbortController>();
  #lastSave = performance.now();
  #saving: Promise<void> = Promise.resolve();
  /** Renders abandoned by the batch's abort. */
  #abandoned = 0;
  /** Output folders a PDF was written into: made (when -o mirrors input folders) before the first PDF only. */
  readonly #madeFolders = new Set<string>();
  /** Folders with PDFs renamed into them since they were last synced (see #saveManifests). */
  readonly #unsynced = new Set<string>();
  interrupted = false;

  constructor(options: BatchOptions, target: OutputTarget, total: number) {
    this.#options = options;
    this.#render = { layoutsDir: options.layoutsDir ?? DEFAULT_LAYOUTS_DIR, fontsDir: options.fontsDir ?? DEFAULT_FONTS_DIR, maxPages: options.maxPages ?? DEFAULT_MAX_PAGES, ...(options.pdfa !== undefined ? { pdfa: options.pdfa } : {}) };
    this.#incremental = !options.force;
    this.#jobs = Math.max(1, Math.floor(options.jobs ?? defaultJobs()));
    this.#timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    this.#records = new Array<BatchRecord | undefined>(total);
    this.#keepRecords = options.keepRecords !== false;
    this.createFolders = target.kind === 'folder';
  }

  readonly createFolders: boolean;

  /**
   * Records the result of input `index`, and emits every record now complete in order. Inputs are started in order,
   * so only inputs never started (an interrupted batch) are never emitted, and they are the last.
   */
  finish(index: number, record: BatchRecord): void {
    this.#records[index] = record;
    while (this.#nextToEmit < this.#records.length && this.#records[this.#nextToEmit]) {
      const ready = this.#records[this.#nextToEmit]!;
      if (!this.#keepRecords) this.#records[this.#nextToEmit] = undefined;
      this.#nextToEmit++;
      this.totals[ready.status] += 1;
      if (ready.status === 'rendered') this.totals.pages += ready.pages;
      this.#options.onRecord?.(ready);
    }
  }

  /** The records of the inputs that were started, in input order (none when they are not kept). */
  records(): BatchRecord[] {
    return this.#keepRecords ? this.#records.filter((r): r is BatchRecord => r !== undefined) : [];
  }

  /**
   * Renders the work items with lanes (LANES_PER_WORKER per worker) pulling the next item until done or stopped. A
   * lane hands its PDF to the writes and goes on to the next render at once: a synced atomic write takes milliseconds,
   * which the worker would otherwise spend idle. At most MAX_PENDING_WRITES writes wait, so a slow disk holds back
   * the renders.
   */
  async renderAll(work: WorkItem[], offset: number): Promise<void> {
    const workers = Math.min(this.#jobs, work.length);
    // Release after release, in this thread or in workers; not for one release (see setHeapFlags).
    if (work.length > 1) setHeapFlags();
    const runner = createRunner({ jobs: workers, options: this.#render, timeoutMs: this.#timeoutMs, engineModule: this.#options.engineModule?.toString() });
    const lanes = Math.min(work.length, workers > 1 ? workers * LANES_PER_WORKER : 1);
    const onAbort = () => this.#inFlight.forEach((c) => c.abort('interrupt'));
    this.#options.abort?.addEventListener('abort', onAbort);
    // Every remembered output's fingerprint needs the fonts folder's hash: reading and hashing the fonts starts now,
    // alongside the first render, rather than after it (for one release, ~20 ms of a cold render's wall time).
    // A failure is reported by the input that awaits it.
    if (work.some((item) => item.input.path !== STDIN_INPUT && item.output !== undefined)) this.#hashes.of(this.#render.fontsDir!).catch(() => undefined);
    const writes = new Set<Promise<void>>();
    let next = 0;
    const lane = async () => {
      while (next < work.length && !this.#stopped()) {
        while (writes.size >= MAX_PENDING_WRITES) await Promise.race(writes);
        const index = next++;
        const { record } = await this.#renderOne(work[index]!, runner);
        const writing = record.then((r) => this.finish(offset + index, r));
        writes.add(writing);
        void writing.finally(() => writes.delete(writing));
      }
    };
    try {
      await Promise.all(Array.from({ length: lanes }, lane));
    } finally {
      this.#options.abort?.removeEventListener('abort', onAbort);
      // Interrupted: inputs were never started, or renders were abandoned (those waiting in the pool's queue too).
      this.interrupted = next < work.length || this.#abandoned > 0;
      await Promise.all(writes);
      await runner.close();
      await this.#saveManifests();
    }
  }

  #stopped(): boolean {
    return Boolean(this.#options.stop?.aborted || this.#options.abort?.aborted);
  }

  /** One input: load, skip when up to date, render; resolves once rendered, its record once written too. */
  async #renderOne(item: WorkItem, runner: Runner): Promise<{ record: Promise<BatchRecord> }> {
    const started = performance.now();
    const { input, output } = item;
    if (output === undefined) return done(failedRecord(input.path, undefined, item.problems));
    const elapsed = () => performance.now() - started;
    let source;
    try {
      source = await loadInput(input.path);
    } catch (err) {
      return done(failedRecord(input.path, output, diagnosticsOf(err, input.path), elapsed()));
    }
    // Stdin has no stable name to remember it by; any other input's fingerprint is recorded, with --force too.
    const remembered = input.path !== STDIN_INPUT;
    const upToDate = remembered && this.#incremental ? await this.#upToDate(output, source.bytes) : undefined;
    if (upToDate) return done({ input: input.path, output, status: 'skipped', pages: upToDate.pages, ms: elapsed(), diagnostics: [] });
    const outcome = await this.#run(runner, source);
    if (!outcome.ok) return done({ ...failedRecord(input.path, output, outcome.diagnostics, elapsed()), ...internalError(outcome.internal, outcome.stack) });
    const written = async (): Promise<BatchRecord> => {
      const fingerprint = remembered && outcome.layout !== undefined ? await this.#fingerprint(source.bytes, outcome.layout) : undefined;
      const problem = await this.#write(output, outcome.pdf, fingerprint && outcome.layout ? { fingerprint, layout: outcome.layout, size: outcome.pdf.byteLength, pages: outcome.pages } : undefined);
      if (problem) return failedRecord(input.path, output, problem, elapsed());
      return { input: input.path, output, status: 'rendered', pages: outcome.pages, ms: elapsed(), diagnostics: outcome.diagnostics };
    };
    // Hashing the layout folder can fail (an unreadable file): that fails this input, not the batch.
    return { record: written().catch((err: unknown) => failedRecord(input.path, output, diagnosticsOf(err, output), elapsed())) };
  }

  /** Runs one render under the batch's abort (the runner keeps its time budget). */
  async #run(runner: Runner, source: Parameters<Runner['run']>[0]) {
    const controller = new AbortController();
    this.#inFlight.add(controller);
    try {
      if (this.#options.abort?.aborted) controller.abort('interrupt');
      return await runner.run(source, controller.signal);
    } finally {
      if (controller.signal.aborted) this.#abandoned++;
      this.#inFlight.delete(controller);
    }
  }

  /** Writes the PDF atomically and records it in its folder's manifest; resolves to the diagnostics of a failure. */
  async #write(output: string, pdf: Uint8Array, entry: Parameters<Manifests['set']>[1]): Promise<Diagnostic[] | undefined> {
    const folder = dirname(output);
    try {
      await writeAtomic(output, pdf, { createFolder: this.createFolders && !this.#madeFolders.has(folder), syncFolder: false });
      this.#madeFolders.add(folder);
    } catch (err) {
      return diagnosticsOf(err, output);
    }
    this.#unsynced.add(folder);
    await this.#manifests.set(output, entry);
    if (performance.now() - this.#lastSave > MANIFEST_SAVE_INTERVAL_MS) void this.#saveManifests();
    return undefined;
  }

  /** The manifest entry of `output` when the PDF is there and its fingerprint matches the current input. */
  async #upToDate(output: string, bytes: Uint8Array) {
    const entry = await this.#manifests.get(output);
    if (!entry) return undefined;
    if ((await this.#fingerprint(bytes, entry.layout)) !== entry.fingerprint) return undefined;
    return (await outputIsIntact(output, entry)) ? entry : undefined;
  }

  async #fingerprint(bytes: Uint8Array, layout: string): Promise<string> {
    const [layoutHash, fontsHash] = await Promise.all([this.#hashes.of(join(this.#render.layoutsDir!, layout)), this.#hashes.of(this.#render.fontsDir!)]);
    return fingerprintOf(bytes, { layoutHash, fontsHash, maxPages: this.#render.maxPages!, pdfa: this.#render.pdfa });
  }

  /**
   * Saves the manifests, one save at a time. The folders PDFs were renamed into are synced first (once per save,
   * where each write used to sync its folder), so a manifest never records a PDF whose name a crash could lose.
   */
  #saveManifests(): Promise<void> {
    this.#lastSave = performance.now();
    this.#saving = this.#saving.then(async () => {
      const folders = [...this.#unsynced];
      this.#unsynced.clear();
      await Promise.all(folders.map(syncFolder));
      await this.#manifests.save();
    });
    return this.#saving;
  }
}

/** The diagnostics of an error thrown by loading or writing (a PressroomError there, or an unexpected I/O failure). */
function diagnosticsOf(err: unknown, file: string): Diagnostic[] {
  if (err instanceof PressroomError) return err.diagnostics;
  return [errorAt({ file }, `cannot read or write the file (${err instanceof Error ? err.message : String(err)})`, 'check the path and its permissions')];
}

/** The record fields of an internal error (a bug, not the user's fault); the stack only with PRESSROOM_DEBUG=1. */
function internalError(message: string | undefined, stack: string | undefined): Pick<BatchRecord, 'internalError'> {
  if (message === undefined) return {};
  return { internalError: process.env.PRESSROOM_DEBUG === '1' && stack ? `${message}\n${stack}` : message };
}
