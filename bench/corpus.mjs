// Generates a corpus of releases from the seed: different refs, titles and bodies, one page each (a few run to two).
// The words follow Zipf's law over a vocabulary of VOCABULARY words, as real text does: the common words recur in
// every release, and the rare ones keep turning up new, so caches of per-word work are exercised as in a real batch
// (a corpus of a few dozen words would find every word cached after the first release).
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/** The most frequent words, in rank order: the seed's subject. */
const COMMON = 'the of and to in council europe commission cybercrime convention ratification member states justice cooperation judges prosecutors training seminar regional project police data protection network security strasbourg brussels framework legislation capacity building'.split(' ');
/** Distinct words in the corpus: about what 10,000 real press releases use. */
const VOCABULARY = 20_000;
/** Syllables the rarer (made-up) words are built from. */
const ONSETS = ['', 'b', 'br', 'c', 'ch', 'd', 'f', 'g', 'gr', 'h', 'j', 'k', 'l', 'm', 'n', 'p', 'pr', 'qu', 'r', 's', 'st', 't', 'tr', 'v', 'w', 'z'];
const NUCLEI = ['a', 'e', 'i', 'o', 'u', 'ai', 'ea', 'io', 'ou'];
const CODAS = ['', '', 'n', 'r', 's', 't', 'l', 'm', 'nd', 'st'];

/** A deterministic pseudo-random generator, so every run benches the same corpus. */
function lcg(seed) {
  let s = seed >>> 0;
  return () => (s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32;
}

/** The vocabulary, most frequent first, and a sampler drawing a word by Zipf's law (frequency ∝ 1 / rank). */
function zipfWords(random) {
  const words = [...COMMON];
  const seen = new Set(words);
  while (words.length < VOCABULARY) {
    const syllables = 1 + Math.floor(random() ** 2 * 3);
    let word = '';
    for (let i = 0; i < syllables; i++) word += ONSETS[Math.floor(random() * ONSETS.length)] + NUCLEI[Math.floor(random() * NUCLEI.length)] + CODAS[Math.floor(random() * CODAS.length)];
    if (!seen.has(word)) words.push(word), seen.add(word);
  }
  const cumulative = [];
  let total = 0;
  for (let rank = 1; rank <= words.length; rank++) cumulative.push((total += 1 / rank));
  return () => {
    const x = random() * total;
    let lo = 0;
    let hi = cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cumulative[mid] < x) lo = mid + 1;
      else hi = mid;
    }
    return words[lo];
  };
}

/** Writes `count` releases below `dir` (100 a folder, named 000/, 001/, …), derived from the seed's front matter; returns `dir`. */
export async function writeCorpus(seedPath, dir, count) {
  const seed = await readFile(seedPath, 'utf8');
  const [, front] = seed.split(/^---$/m);
  await rm(dir, { recursive: true, force: true });
  const random = lcg(42);
  const word = zipfWords(random);
  const sentence = () => {
    const n = 8 + Math.floor(random() * 14);
    const words = Array.from({ length: n }, word);
    return `${words.join(' ').replace(/^./, (c) => c.toUpperCase())}.`;
  };
  for (let i = 0; i < count; i++) {
    const folder = join(dir, corpusFolder(i));
    if (i % 100 === 0) await mkdir(folder, { recursive: true });
    const ref = `b${String(i).padStart(5, '0')}`;
    const title = `${sentence().slice(0, -1)} (${ref})`;
    const fm = front.replace(/^ref: .*$/m, `ref: ${ref}`).replace(/^title: .*$/m, `title: ${JSON.stringify(title)}`).replace(/^subtitle: .*$/m, '');
    const paragraphs = Array.from({ length: 3 + Math.floor(random() * 2) }, () => Array.from({ length: 3 }, sentence).join(' '));
    await writeFile(join(folder, `${ref}.md`), `---${fm}---\n${paragraphs.join('\n\n')}\n`);
  }
  return dir;
}

/** The folder (relative to the corpus) of release `i`. */
export function corpusFolder(i) {
  return String(Math.floor(i / 100)).padStart(3, '0');
}
