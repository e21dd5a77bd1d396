// Lays out releases one after another in this process (from the built dist/; run with --expose-gc) and reports, per
// release, whether its flow (and so its lines) was still reachable at the minor GCs after it was dropped: `node --expose-gc
// retentionProbe.mjs <release>...` prints a JSON array of the large-object space's growth, in MiB, per release.
//
// The probe: an array of 1 MiB hung on the parsed FO's flow element. A minor GC frees it if nothing reaches the root, or moves
// it to the old generation's large-object space if something does. Weak references and weakly held objects count as
// reachable in a minor GC, so only a full GC would free them: what this probes is what a batch's workers promote.
import v8 from 'node:v8';
import { fillRelease, layoutRelease } from '../../dist/render.js';
import { parseFo } from '../../dist/fo/parseFo.js';
import { layoutDocument } from '../../dist/typeset/layoutDocument.js';
import { loadSource } from '../../dist/load/loadSource.js';
import { loadHyphenation } from '../../dist/load/loadHyphenation.js';
import { createFontkitMetrics } from '../../dist/typeset/fontkitMetrics.js';
import { loadFonts } from '../../dist/load/loadFonts.js';
import { DEFAULT_FONTS_DIR } from '../../dist/render.js';

const largeObjects = () => v8.getHeapSpaceStatistics().find((s) => s.space_name === 'large_object_space').space_used_size;
const metrics = await createFontkitMetrics(await loadFonts(DEFAULT_FONTS_DIR));
const sources = await Promise.all(process.argv.slice(2).map((f) => loadSource(f)));
const filled = [];
for (const s of sources) filled.push(await fillRelease(s));
await layoutRelease(sources[0]);

/** Lays out release `i`, with a probe on its flow when asked; nothing of it is kept. */
function layOut(i, probe) {
  const fo = parseFo(filled[i].name, filled[i].text);
  // On the flow: every line's styles name the elements they come from (their path starts at the flow).
  const sequence = fo.root.children.find((c) => c.name === 'page-sequence');
  if (probe) sequence.children.find((c) => c.name === 'flow').probe = new Array(131072).fill(i);
  const ctx = { metrics, images: new Map(), file: filled[i].name, warnings: [], maxPages: 100, hyphenators: loadHyphenation(['en']), lineBreaking: 'total-fit' };
  layoutDocument(fo, ctx);
}

// Each release with a probe, then the next one without: the first must be gone by then (the last document may be
// held until the next, by what the engine remembers of its last calls; every document until a full GC may not).
const growth = [];
for (let i = 0; i < filled.length; i++) {
  // An empty young generation first, so that no minor GC falls inside the two layouts (it would move the probe,
  // alive then, to the old generation).
  globalThis.gc({ type: 'minor' });
  const before = largeObjects();
  layOut(i, true);
  layOut((i + 1) % filled.length, false);
  globalThis.gc({ type: 'minor' });
  globalThis.gc({ type: 'minor' });
  growth.push(Math.round((largeObjects() - before) / 2 ** 20));
}
console.log(JSON.stringify(growth));
