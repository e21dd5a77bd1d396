// Lays out (or draws) releases one after another in this process, from the built dist/, and reports per release
// whether what it made was still reachable at the minor GCs after the next release:
//   node --expose-gc --no-allocation-site-pretenuring retentionProbe.mjs [--draw] <release>...
// prints a JSON array of the large-object space's growth, in MiB, per release.
//
// The probe: an array of 1 MiB hung on an object of the release's. A minor GC frees it if nothing reaches the object,
// or moves it to the old generation's large-object space if something does. Weak references and weakly held objects
// count as reachable in a minor GC, so only a full GC would free them: what this probes is what a batch's workers
// promote. Laid out, the probe hangs on the FO's flow element (every line's styles name the elements they come from,
// their path starting at the flow); drawn, on the creation date, which the pdfkit document keeps in its information.
// Without --no-allocation-site-pretenuring, V8 soon allocates the probes in the old generation (it sees them survive).
import v8 from 'node:v8';
import { DEFAULT_FONTS_DIR, fillRelease, layoutRelease } from '../../dist/render.js';
import { drawPdf } from '../../dist/draw/drawPdf.js';
import { parseFo } from '../../dist/fo/parseFo.js';
import { layoutDocument } from '../../dist/typeset/layoutDocument.js';
import { loadSource } from '../../dist/load/loadSource.js';
import { loadHyphenation } from '../../dist/load/loadHyphenation.js';
import { createFontkitMetrics } from '../../dist/typeset/fontkitMetrics.js';
import { loadFonts } from '../../dist/load/loadFonts.js';

const draw = process.argv[2] === '--draw';
const files = process.argv.slice(draw ? 3 : 2);
const largeObjects = () => v8.getHeapSpaceStatistics().find((s) => s.space_name === 'large_object_space').space_used_size;
const metrics = await createFontkitMetrics(await loadFonts(DEFAULT_FONTS_DIR));
const sources = await Promise.all(files.map((f) => loadSource(f)));
const filled = [];
for (const s of sources) filled.push(await fillRelease(s));
const laidOut = draw ? await Promise.all(sources.map((s) => layoutRelease(s))) : [];

const probe = (i) => new Array(131072).fill(i);

/** Lays out release `i`, with a probe on its flow when asked; nothing of it is kept. */
function layOut(i, probed) {
  const fo = parseFo(filled[i].name, filled[i].text);
  const sequence = fo.root.children.find((c) => c.name === 'page-sequence');
  if (probed) sequence.children.find((c) => c.name === 'flow').probe = probe(i);
  const ctx = { metrics, images: new Map(), file: filled[i].name, warnings: [], maxPages: 100, hyphenators: loadHyphenation(['en']), lineBreaking: 'total-fit' };
  layoutDocument(fo, ctx);
}

/** Draws release `i` (laid out beforehand), with a probe on its creation date when asked; nothing of it is kept. */
async function drawOne(i, probed) {
  const created = new Date(Date.UTC(2007, 2, 12));
  if (probed) created.probe = probe(i);
  const { pages, images } = laidOut[i];
  await drawPdf(pages, { title: 't', author: 'a', subject: 's', keywords: 'k', language: 'en', created, creator: 'c' }, images);
}

const make = async (i, probed) => (draw ? drawOne(i, probed) : layOut(i, probed));
await make(0, false);
// Each release with a probe, then the next one without: the first must be gone by then (the last document may be
// held until the next, by what the engine remembers of its last calls; every document until a full GC may not).
const growth = [];
for (let i = 0; i < files.length; i++) {
  // An empty young generation first, so that no minor GC falls inside the two releases (it would move the probe,
  // alive then, to the old generation).
  await new Promise((resolve) => setImmediate(resolve));
  globalThis.gc({ type: 'minor' });
  const before = largeObjects();
  await make(i, true);
  await make((i + 1) % files.length, false);
  await new Promise((resolve) => setImmediate(resolve));
  globalThis.gc({ type: 'minor' });
  globalThis.gc({ type: 'minor' });
  growth.push(Math.round((largeObjects() - before) / 2 ** 20));
}
console.log(JSON.stringify(growth));
