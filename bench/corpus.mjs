// Generates a corpus of releases from the seed: different refs, titles and body lengths (one page each by default).
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/** Words the generated sentences are drawn from (deterministic: a fixed linear congruential generator). */
const WORDS = 'council europe commission cybercrime convention ratification member states justice cooperation judges prosecutors training seminar regional project police data protection network security strasbourg brussels framework legislation capacity building'.split(' ');

/** A deterministic pseudo-random generator, so every run benches the same corpus. */
function lcg(seed) {
  let s = seed >>> 0;
  return () => (s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32;
}

/** Writes `count` releases below `dir` (100 a folder), derived from the seed's front matter; returns their folder. */
export async function writeCorpus(seedPath, dir, count) {
  const seed = await readFile(seedPath, 'utf8');
  const [, front] = seed.split(/^---$/m);
  await rm(dir, { recursive: true, force: true });
  const random = lcg(42);
  const sentence = () => {
    const n = 8 + Math.floor(random() * 14);
    const words = Array.from({ length: n }, () => WORDS[Math.floor(random() * WORDS.length)]);
    return `${words.join(' ').replace(/^./, (c) => c.toUpperCase())}.`;
  };
  for (let i = 0; i < count; i++) {
    const folder = join(dir, String(Math.floor(i / 100)).padStart(3, '0'));
    if (i % 100 === 0) await mkdir(folder, { recursive: true });
    const ref = `b${String(i).padStart(5, '0')}`;
    const title = `${sentence().slice(0, -1)} (${ref})`;
    const fm = front.replace(/^ref: .*$/m, `ref: ${ref}`).replace(/^title: .*$/m, `title: ${JSON.stringify(title)}`).replace(/^subtitle: .*$/m, '');
    const paragraphs = Array.from({ length: 3 + Math.floor(random() * 2) }, () => Array.from({ length: 3 }, sentence).join(' '));
    await writeFile(join(folder, `${ref}.md`), `---${fm}---\n${paragraphs.join('\n\n')}\n`);
  }
  return dir;
}
