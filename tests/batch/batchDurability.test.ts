// The order of a batch's writes: each PDF renamed into place unsynced, then its folder synced once, then the manifest
// that records it (so a manifest never names a PDF whose directory entry a crash could still lose).
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';

const events: string[] = [];

vi.mock('../../src/write/writeAtomic.js', async (original) => {
  const real = await original<typeof import('../../src/write/writeAtomic.js')>();
  return {
    ...real,
    writeAtomic: async (target: string, bytes: Uint8Array, options?: Parameters<typeof real.writeAtomic>[2]) => {
      await real.writeAtomic(target, bytes, options);
      events.push(`write ${basename(target)}${options?.syncFolder === false ? ' unsynced' : ''}`);
    },
    syncFolder: async (folder: string) => {
      await real.syncFolder(folder);
      events.push(`sync ${basename(folder)}`);
    },
  };
});

const { renderBatch } = await import('../../src/batch/renderBatch.js');

describe('batch writes', () => {
  it('should sync each output folder once, after its PDFs and before the manifest that records them', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'pressroom-durable-'));
    await mkdir(join(dir, 'in'));
    for (const name of ['a.md', 'b.md', 'c.md']) await writeFile(join(dir, 'in', name), name);
    const result = await renderBatch([join(dir, 'in')], { output: join(dir, 'out'), jobs: 1, engineModule: new URL('./fakeEngine.mjs', import.meta.url).href });
    expect(result.summary.rendered).toBe(3);
    const pdfs = events.filter((e) => e.endsWith('.pdf unsynced'));
    expect(pdfs.sort()).toEqual(['write a.pdf unsynced', 'write b.pdf unsynced', 'write c.pdf unsynced']);
    // Every PDF is written before the one sync of `out`, which comes before the manifest's own (synced) write.
    expect(events.slice(3)).toEqual(['sync out', 'write .pressroom-manifest.json']);
  });
});
