// The batch's JSON report, written as the batch goes: records one by one into a temp file, renamed into place at the end.
import type { BatchRecord, BatchSummary } from '../batch/types.js';
import { VERSION } from '../version.js';
import { AtomicFile } from '../write/writeAtomic.js';

/** Text gathered before it is written: a write per record would be a system call per document. */
const FLUSH_AT_CHARS = 64 * 1024;

/**
 * `{ pressroom, records, summary }`, as `JSON.stringify(report, null, 2)` would lay it out, written record by record:
 * a report of a million records is never one string in memory (nor could it be: V8's strings stop at ~512 MB), and
 * the batch need not keep its records for it. The file appears only once complete; a write that fails is kept for
 * `finish` to throw, so the batch goes on.
 */
export class ReportWriter {
  /** Where the report goes. */
  readonly path: string;
  #pending = '';
  #records = 0;
  #failure: unknown;

  private constructor(private readonly file: AtomicFile) {
    this.path = file.target;
    this.#pending = `{\n  "pressroom": ${JSON.stringify(VERSION)},\n  "records": [`;
  }

  /** Starts the report at `path` (its folder is made); throws a PressroomError when it cannot be written there. */
  static async open(path: string): Promise<ReportWriter> {
    return new ReportWriter(await AtomicFile.open(path, { createFolder: true }));
  }

  /** Adds a record, in input order. */
  add(record: BatchRecord): void {
    this.#pending += `${this.#records++ === 0 ? '' : ','}\n    ${JSON.stringify(record, null, 2).replaceAll('\n', '\n    ')}`;
    if (this.#pending.length >= FLUSH_AT_CHARS) this.#flush();
  }

  /** Gives the report up: the temp file is removed, an older report at the path stays. */
  discard(): Promise<void> {
    return this.file.discard();
  }

  /** Ends the report with the summary and puts it in place; throws a PressroomError when it could not be written. */
  async finish(summary: BatchSummary): Promise<void> {
    this.#pending += `${this.#records === 0 ? '' : '\n  '}],\n  "summary": ${JSON.stringify(summary, null, 2).replaceAll('\n', '\n  ')}\n}\n`;
    this.#flush();
    if (this.#failure !== undefined) {
      await this.file.discard();
      throw this.#failure;
    }
    await this.file.commit();
  }

  #flush(): void {
    if (this.#failure === undefined) {
      try {
        this.file.write(this.#pending);
      } catch (err) {
        this.#failure = err;
      }
    }
    this.#pending = '';
  }
}
