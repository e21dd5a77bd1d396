// What a benchmark process used. Its peak RSS, from the kernel's high-water mark. Where its CPU time went, read from
// Linux's per-thread accounting (/proc/self/task/*/stat): this thread,
// the process's other live threads (V8's helper threads, which compile optimised code and collect garbage for every
// isolate, and libuv's I/O pool), and what remains of the process's total: the worker threads, which have exited by
// the time a batch returns. Elsewhere (no /proc) only the total is known.
import { readFileSync, readdirSync } from 'node:fs';

/** Clock ticks per second of /proc's utime and stime (USER_HZ: 100 on every Linux that Node runs on). */
const TICKS_PER_SECOND = 100;

/** CPU ms (user + system) of each live thread of this process, by thread id; empty where there is no /proc. */
function threadTimes() {
  const times = new Map();
  let tasks = [];
  try {
    tasks = readdirSync('/proc/self/task');
  } catch {
    return times;
  }
  for (const tid of tasks) {
    try {
      const stat = readFileSync(`/proc/self/task/${tid}/stat`, 'utf8');
      // Fields after the command name (which may hold spaces), from field 3: utime and stime are fields 14 and 15.
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      times.set(Number(tid), ((Number(fields[11]) + Number(fields[12])) * 1000) / TICKS_PER_SECOND);
    } catch {
      // The thread ended between the listing and the read.
    }
  }
  return times;
}

/** The process's peak RSS in bytes as the kernel recorded it (VmHWM), 0 where there is no /proc. */
export function kernelPeakRss() {
  try {
    return Number(/VmHWM:\s+(\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'))?.[1] ?? 0) * 1024;
  } catch {
    return 0;
  }
}

/** CPU ms since `start()`: total, this thread, the other live threads, and the rest (exited threads: the workers). */
export function startCpuAccount() {
  const total0 = process.cpuUsage();
  const threads0 = threadTimes();
  return () => {
    const used = process.cpuUsage(total0);
    const total = (used.user + used.system) / 1000;
    const threads = threadTimes();
    if (threads.size === 0) return { total };
    const since = (tid, ms) => ms - (threads0.get(tid) ?? 0);
    let main = 0;
    let helpers = 0;
    for (const [tid, ms] of threads) {
      if (tid === process.pid) main = since(tid, ms);
      else helpers += since(tid, ms);
    }
    return { total, main, helpers, workers: Math.max(0, total - main - helpers) };
  };
}
