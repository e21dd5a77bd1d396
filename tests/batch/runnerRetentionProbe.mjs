// Child process of runnerRetention.test.ts (run with --expose-gc): renders through a runner, keeps only weak references
// to the outcomes, collects, and prints how many outcomes something still holds, per runner: { pool, inThread }.
import { createRunner } from '../../dist/batch/createRunner.js';

const ENGINE = new URL('./fakeEngine.mjs', import.meta.url).href;
const RENDERS = 40;

async function stillHeld(jobs) {
  const runner = createRunner({ jobs, options: {}, timeoutMs: 60_000, engineModule: ENGINE });
  const refs = [];
  // Two at a time, as the batch keeps them: a render is awaited before its slot takes the next.
  const lane = async (k) => {
    for (let i = k; i < RENDERS; i += 2) {
      const outcome = await runner.run({ path: `r${i}.md`, kind: 'markdown', text: `R${i}`, bytes: new TextEncoder().encode(`R${i}`) }, new AbortController().signal);
      if (!outcome.ok) throw new Error(JSON.stringify(outcome));
      refs.push(new WeakRef(outcome));
    }
  };
  await Promise.all([lane(0), lane(1)]);
  for (let i = 0; i < 5; i++) {
    await new Promise((resolve) => setTimeout(resolve, 10));
    globalThis.gc();
  }
  const held = refs.filter((ref) => ref.deref() !== undefined).length;
  await runner.close();
  return held;
}

console.log(JSON.stringify({ pool: await stillHeld(2), inThread: await stillHeld(1) }));
