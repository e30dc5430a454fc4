/**
 * CPU time a process has used, per thread, from Linux's /proc: the service's own
 * cost per request, which, unlike requests per second, does not move much when
 * other work shares the machine's cores.
 */
import { readdirSync, readFileSync } from 'node:fs';

/** Clock ticks per second of /proc's utime and stime (USER_HZ: 100 on Linux). */
const TICKS_PER_SECOND = 100;

export interface CpuTime {
  /** Milliseconds of CPU (user and system) of the process's first thread: the event loop. */
  main: number;
  /** Of all its other threads: the projection worker, libuv's pool, V8's compiler and collector. */
  others: number;
}

/** Null where there is no /proc (not Linux) or the process has gone. */
export function cpuTimeOf(pid: number): CpuTime | null {
  try {
    let main = 0;
    let others = 0;
    for (const tid of readdirSync(`/proc/${pid}/task`)) {
      const ms = threadMs(`/proc/${pid}/task/${tid}/stat`);
      if (Number(tid) === pid) main += ms;
      else others += ms;
    }
    return { main, others };
  } catch {
    return null;
  }
}

function threadMs(statFile: string): number {
  // The command name (field 2) may hold spaces: count fields after its closing parenthesis.
  const stat = readFileSync(statFile, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  // utime and stime are fields 14 and 15, so the 12th and 13th after the name.
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / TICKS_PER_SECOND;
}

/** CPU milliseconds per request between two readings, or null without /proc. */
export function cpuPerRequest(before: CpuTime | null, after: CpuTime | null, requests: number): CpuTime | null {
  if (!before || !after || requests === 0) return null;
  return { main: (after.main - before.main) / requests, others: (after.others - before.others) / requests };
}
