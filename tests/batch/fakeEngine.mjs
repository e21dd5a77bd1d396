// A stand-in engine for batch tests, loaded by the workers: the release's text says how it behaves.
// FAIL: a release error; HANG: never returns (synchronous loop); CRASH: the worker thread exits; SLOW: takes 30 ms;
// BUSY <ms>: keeps its thread busy that long first, as a real render does (then does what the rest says); else a tiny "PDF".
import { PressroomError } from '../../dist/diagnostics/PressroomError.js';

export async function renderRelease(source) {
  const busy = /BUSY (\d+)/.exec(source.text);
  if (busy) for (const until = Date.now() + Number(busy[1]); Date.now() < until; );
  if (source.text.includes('FAIL')) throw new PressroomError([{ severity: 'error', file: source.path, line: 1, column: 1, message: 'the fake engine refuses this', hint: 'remove FAIL' }]);
  if (source.text.includes('HANG')) for (;;);
  if (source.text.includes('CRASH')) process.exit(3);
  if (source.text.includes('SLOW')) await new Promise((resolve) => setTimeout(resolve, 30));
  const pages = source.text.split('\n').length;
  return { pdf: new TextEncoder().encode(`%PDF-1.7 ${source.text}\n%%EOF`), pages, diagnostics: [], layout: 'fake' };
}
