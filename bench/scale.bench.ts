/**
 * The service at scale (npm run bench:scale): SCALE_EMPLOYEES employees (default
 * 100,000, ~51 events each, ~5 million events) written by direct appends
 * (support/history.ts), then
 *  - each projection rebuilt from position 0 by the real command
 *    (projections:rebuild, compiled), in its own process: time, events/s, peak RSS;
 *  - the data directory's size per store (events.db, read-models.db, keys.db with
 *    their -wal files, and the free pages inside each) after writing, after the first
 *    rebuild, after a second rebuild of every projection (each switching from a full
 *    generation) and after a service has dropped the old generations (the service
 *    drops them, not the command); then the check that the read store is no larger
 *    than the event store (issue 15: the target at 1M events);
 *  - p50/p99 latency of a command, a timeline, a continuity report and the
 *    continuity-gaps and incomplete-records reports, on the compiled service, for
 *    the same employees in a log of their ~10,000 events (a copy kept aside) and in
 *    the full log; the reports' p50 against their target at the full log's size.
 * SCALE_SAMPLES sets the requests per latency figure; SCALE_KEEP=1 keeps the data directories.
 */
import { ChildProcess, spawn } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { addMonths } from '../src/domain/shared/calendar';
import { allProjections } from '../src/app.projections';
import { printProfile, summarizeProfile } from './support/cpu-profile';
import { employeeIdOf, historyCalendar, HistoryCalendar, HistoryWriter, leaves } from './support/history';
import { commandLine, fmt, machineLines, positiveIntFromEnv, table } from './support/machine';
import { describeSizes, readStoreWithinEventStore, StoreSizes, storeSizes } from './support/store-sizes';
import { bearer, Build, buildEnv, buildService, caughtUp, Reply, request, Service, startService } from './support/service';

const EMPLOYEES = positiveIntFromEnv('SCALE_EMPLOYEES', 100_000);
const SAMPLES = positiveIntFromEnv('SCALE_SAMPLES', 300);
/** The first employees, written first: the small log is theirs, and they are the ones queried at both sizes. */
const PROBES = Math.min(200, EMPLOYEES);
const BLOCK = 5_000;
/** Rebuilds run under --cpu-prof, sampling every 10 ms: too seldom to slow them, often enough to say where a slow one spends its time. */
const PROFILE_INTERVAL_US = 10_000;
/** Requests of each kind before the samples: the service starts cold. */
const WARMUP = 100;
const FULL_SIZE = 100_000;

const TARGETS = { rebuildEventsPerSecond: 20_000, peakRssMiB: 512, flat: 0.2, reportP50Ms: 20 };

// ---------------------------------------------------------------- latency

interface Latency {
  p50: number;
  p99: number;
}

type Query = 'command' | 'timeline' | 'continuity' | 'continuity-gaps' | 'incomplete-records';
const QUERIES: Query[] = ['command', 'timeline', 'continuity', 'continuity-gaps', 'incomplete-records'];
/** Reports over every employee: their latency may grow with the log (no flatness target), but has a p50 target of its own. */
const REPORTS: Query[] = ['continuity-gaps', 'incomplete-records'];

type Size = 'small' | 'full';
const SIZES: Size[] = ['small', 'full'];
const commandTargets = Array.from({ length: PROBES }, (_, i) => i)
  .filter((i) => !leaves(i))
  .map(employeeIdOf);
/** The new months each command target is sent (one service takes WARMUP + SAMPLES commands, in turn over the targets). */
const FREE_MONTHS = Math.ceil((WARMUP + SAMPLES) / Math.max(1, commandTargets.length));
/** Fixed once for the run, from its clock: the histories end early enough that every command's month is in the past. */
const CALENDAR: HistoryCalendar = historyCalendar(new Date(), FREE_MONTHS);

/** A service over read models that have caught up, started afresh, as after a rebuild: a first service catches up, then the measured one starts. */
async function readyService(build: Build, dataDir: string): Promise<Service> {
  const catchingUp = await startService({ build, dataDir });
  try {
    await caughtUp(catchingUp.url);
  } finally {
    await catchingUp.stop();
  }
  const service = await startService({ build, dataDir });
  await caughtUp(service.url);
  return service;
}

/** The requests measured, on the probes; commands take each probe's next free month. */
function callsTo(service: Service): Record<Query, () => Promise<Reply>> {
  const hr = bearer(service.secret, 'bench-specialist', 'hr_specialist');
  const investigator = bearer(service.secret, 'bench-investigator', 'investigator');
  const nextMonth = new Map<string, string>();
  let k = 0;
  return {
    command: () => {
      const id = commandTargets[k++ % commandTargets.length];
      const month = nextMonth.get(id) ?? CALENDAR.firstFreeMonth;
      nextMonth.set(id, addMonths(month, 1));
      return request(`${service.url}/api/employees/${id}/social-insurance/contributions`, {
        method: 'POST',
        headers: { authorization: hr },
        body: { month, base: 12_000 },
      });
    },
    timeline: () =>
      request(`${service.url}/api/employees/${employeeIdOf(k++ % PROBES)}/timeline`, { headers: { authorization: investigator } }),
    continuity: () =>
      request(`${service.url}/api/employees/${employeeIdOf(k++ % PROBES)}/social-insurance/continuity`, {
        headers: { authorization: investigator },
      }),
    'continuity-gaps': () => request(`${service.url}/api/reports/continuity-gaps`, { headers: { authorization: investigator } }),
    'incomplete-records': () => request(`${service.url}/api/reports/incomplete-records`, { headers: { authorization: investigator } }),
  };
}

/**
 * The small and the full log, each behind its own service, asked the same
 * requests one at a time in turns (alternating which goes first), so that both
 * see the same machine at the same moments: a difference between them is the
 * log's size, not the minute it was measured in.
 */
async function latencies(build: Build, dirs: Record<Size, string>): Promise<Record<Size, Record<Query, Latency>>> {
  const services = { small: await readyService(build, dirs.small), full: await readyService(build, dirs.full) };
  try {
    const calls = { small: callsTo(services.small), full: callsTo(services.full) };
    const result = { small: {}, full: {} } as Record<Size, Record<Query, Latency>>;
    for (const query of QUERIES) {
      const samples: Record<Size, number[]> = { small: [], full: [] };
      for (let n = 0; n < SAMPLES + WARMUP; n++) {
        for (const size of n % 2 === 0 ? SIZES : [...SIZES].reverse()) {
          const start = process.hrtime.bigint();
          const reply = await calls[size][query]();
          const ms = Number(process.hrtime.bigint() - start) / 1e6;
          if (reply.status < 200 || reply.status > 299)
            throw new Error(`${query} on the ${size} log: ${reply.status} ${reply.body.slice(0, 300)}`);
          if (n >= WARMUP) samples[size].push(ms);
        }
      }
      for (const size of SIZES) {
        const sorted = samples[size].sort((a, b) => a - b);
        result[size][query] = { p50: percentile(sorted, 0.5), p99: percentile(sorted, 0.99) };
      }
    }
    return result;
  } finally {
    await Promise.all(Object.values(services).map((service) => service.stop()));
  }
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)];

// ---------------------------------------------------------------- rebuilds

interface Rebuild {
  projection: string;
  events: number;
  seconds: number;
  peakRssMiB: number;
}

/** `npm run projections:rebuild -- <name>`, compiled, with its peak RSS from the kernel (sampled) and from the process itself. */
async function rebuild(build: Build, dataDir: string, projection: string, profileDir: string): Promise<Rebuild> {
  const start = process.hrtime.bigint();
  const profiling = [
    '--cpu-prof',
    `--cpu-prof-dir=${profileDir}`,
    `--cpu-prof-name=${projection}.cpuprofile`,
    `--cpu-prof-interval=${PROFILE_INTERVAL_US}`,
  ];
  const child = spawn(
    process.execPath,
    [...profiling, '--require', join(__dirname, 'support', 'max-rss.js'), join(build.dir, 'cli', 'rebuild-projection.js'), projection],
    {
      env: buildEnv(dataDir),
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let out = '';
  child.stdout!.on('data', (chunk: Buffer) => (out += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (out += chunk.toString()));
  let sampledKiB = 0;
  const sampler = setInterval(() => (sampledKiB = Math.max(sampledKiB, highWaterMarkKiB(child))), 100);
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  clearInterval(sampler);
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  if (code !== 0) throw new Error(`rebuild of ${projection} exited with ${code}: ${out}`);
  const events = Number(/, (\d+) events/.exec(out)?.[1]);
  const reportedKiB = Number(/max-rss-kib (\d+)/.exec(out)?.[1] ?? 0);
  return { projection, events, seconds, peakRssMiB: Math.max(sampledKiB, reportedKiB) / 1024 };
}

function highWaterMarkKiB(child: ChildProcess): number {
  try {
    return Number(/VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'))?.[1] ?? 0);
  } catch {
    return 0; // the child has just exited
  }
}

// ---------------------------------------------------------------- report

function sizes(dataDir: string): { files: string; totalMiB: number } {
  const entries = readdirSync(dataDir).map((name) => ({ name, mib: statSync(join(dataDir, name)).size / 2 ** 20 }));
  const files = entries
    .filter((e) => e.mib >= 0.05)
    .sort((a, b) => b.mib - a.mib)
    .map((e) => `${e.name} ${e.mib.toFixed(1)} MiB`)
    .join(', ');
  return { files, totalMiB: entries.reduce((sum, e) => sum + e.mib, 0) };
}

async function main(): Promise<void> {
  const command = commandLine('bench:scale', ['SCALE_EMPLOYEES', 'SCALE_SAMPLES', 'SCALE_KEEP']);
  for (const line of machineLines(command)) console.log(line);
  console.log(
    `workload:   ${fmt(EMPLOYEES)} employees (~51 events each), written by direct appends; latencies on the first ${PROBES} employees, ${SAMPLES} sequential requests each after ${WARMUP} warm-up, at both sizes in turns`,
  );
  console.log(
    `calendar:   histories through ${CALENDAR.through}; commands record ${CALENDAR.firstFreeMonth}..${addMonths(CALENDAR.firstFreeMonth, FREE_MONTHS - 1)} (${FREE_MONTHS} new month(s) per employee)`,
  );
  const build = buildService();
  const dataDir = mkdtempSync(join(os.tmpdir(), 'bench-scale-'));
  const smallDir = mkdtempSync(join(os.tmpdir(), 'bench-scale-small-'));
  try {
    // The service publishes the default policies on its first start.
    await (await startService({ build, dataDir })).stop();

    const writer = new HistoryWriter(dataDir, CALENDAR);
    await writer.write(0, PROBES);
    const smallEvents = Number(await writer.head());
    await writer.close();
    // A copy of the small log stays aside, to be measured beside the full one.
    cpSync(dataDir, smallDir, { recursive: true });
    console.log(`small log:  ${fmt(smallEvents)} events, copied aside`);

    const generation = process.hrtime.bigint();
    const rest = new HistoryWriter(dataDir, CALENDAR);
    for (let first = PROBES; first < EMPLOYEES; first += BLOCK) {
      await rest.write(first, Math.min(BLOCK, EMPLOYEES - first));
      if (process.stdout.isTTY) process.stdout.write(`\rgenerated ${fmt(first + BLOCK)} employees`);
    }
    const events = Number(await rest.head());
    await rest.close();
    const generationSeconds = Number(process.hrtime.bigint() - generation) / 1e9;
    console.log(
      `${process.stdout.isTTY ? '\n' : ''}full log:   ${fmt(events)} events (${fmt((events - smallEvents) / generationSeconds)} events/s generated with synchronous=NORMAL)`,
    );
    const written = sizes(dataDir);
    const storesWritten = storeSizes(dataDir);

    const rebuilds: Rebuild[] = [];
    const profileDir = mkdtempSync(join(os.tmpdir(), 'bench-scale-prof-'));
    for (const { name } of allProjections()) rebuilds.push(await rebuild(build, dataDir, name, profileDir));
    const storesRebuilt = storeSizes(dataDir);
    const { small, full } = await latencies(build, { small: smallDir, full: dataDir });
    const after = sizes(dataDir);
    const storesAfterLatency = storeSizes(dataDir);
    // Each rebuild now replaces a full generation: the switch drops it, and its pages should go back to the file system.
    const switchStart = process.hrtime.bigint();
    const switchProfiles = mkdtempSync(join(os.tmpdir(), 'bench-scale-prof-switch-'));
    for (const { name } of allProjections()) await rebuild(build, dataDir, name, switchProfiles);
    const switchSeconds = Number(process.hrtime.bigint() - switchStart) / 1e9;
    rmSync(switchProfiles, { recursive: true, force: true });
    const storesSwitched = storeSizes(dataDir);
    // The rebuild command switches readers; the service drops the old generations when it follows the new ones.
    const dropStart = process.hrtime.bigint();
    const dropping = await startService({ build, dataDir });
    try {
      await caughtUp(dropping.url);
    } finally {
      await dropping.stop();
    }
    const dropSeconds = Number(process.hrtime.bigint() - dropStart) / 1e9;
    const storesDropped = storeSizes(dataDir);

    console.log('');
    console.log('Rebuild of every projection from position 0 (npm run projections:rebuild -- <name>, one process each):');
    console.log(
      table(
        ['projection', 'events', 'seconds', 'events/s', 'peak RSS MiB', 'met (>= 20,000/s, <= 512 MiB)'],
        rebuilds.map((r) => {
          const rate = r.events / r.seconds;
          const met = rate >= TARGETS.rebuildEventsPerSecond && r.peakRssMiB <= TARGETS.peakRssMiB;
          return [r.projection, fmt(r.events), r.seconds.toFixed(1), fmt(rate), r.peakRssMiB.toFixed(0), met ? 'yes' : 'NO'];
        }),
      ),
    );
    const totalSeconds = rebuilds.reduce((sum, r) => sum + r.seconds, 0);
    console.log(
      `all ${rebuilds.length} one after another: ${totalSeconds.toFixed(0)} s; each under --cpu-prof at ${PROFILE_INTERVAL_US / 1000} ms sampling, profiles in ${profileDir}`,
    );
    for (const r of rebuilds.filter((x) => x.events / x.seconds < TARGETS.rebuildEventsPerSecond)) {
      console.log('');
      printProfile(
        `profile of the ${r.projection} rebuild (missed ${fmt(TARGETS.rebuildEventsPerSecond)} events/s)`,
        summarizeProfile(join(profileDir, `${r.projection}.cpuprofile`), build.dir, 12),
      );
    }
    console.log('');
    console.log(`Data directory after writing ${fmt(events)} events: ${written.totalMiB.toFixed(0)} MiB (${written.files})`);
    console.log(`Data directory after the rebuilds and the latency run: ${after.totalMiB.toFixed(0)} MiB (${after.files})`);
    console.log('');
    console.log('Size per store (file + -wal; free pages are inside the file, unused):');
    const stages: Array<[string, StoreSizes]> = [
      [`after writing ${fmt(events)} events`, storesWritten],
      ['after the first rebuild of every projection (old generations near empty)', storesRebuilt],
      ['after the latency run', storesAfterLatency],
      [`after a second rebuild of every projection, switching each from a full generation (${switchSeconds.toFixed(0)} s)`, storesSwitched],
      [`after a service started, dropped the old generations and caught up (${dropSeconds.toFixed(0)} s)`, storesDropped],
    ];
    for (const [stage, stores] of stages) console.log(`  ${stage}: ${describeSizes(stores)}`);
    console.log(`  after the first rebuild: ${readStoreWithinEventStore(storesRebuilt)}`);
    console.log(`  after the generation switch and the drop: ${readStoreWithinEventStore(storesDropped)}`);
    console.log('');
    console.log(
      `Latency, ms, one request at a time, ${SAMPLES} of each after ${WARMUP} warm-up, a service on the small (${fmt(smallEvents)} events) and one on the full log (${fmt(events)}) asked in turns` +
        ' (command: a contribution for a new month; the rest GET):',
    );
    console.log(
      table(
        ['request', 'p50 small', 'p99 small', 'p50 full', 'p99 full', 'p50 full/small', 'p99 full/small', 'flat (p50 within 20%)'],
        QUERIES.map((q) => {
          const ratio50 = full[q].p50 / small[q].p50;
          const ratio99 = full[q].p99 / small[q].p99;
          const perEmployee = !REPORTS.includes(q);
          const flat = Math.abs(ratio50 - 1) <= TARGETS.flat;
          return [
            q,
            small[q].p50.toFixed(2),
            small[q].p99.toFixed(2),
            full[q].p50.toFixed(2),
            full[q].p99.toFixed(2),
            ratio50.toFixed(2),
            ratio99.toFixed(2),
            perEmployee ? (flat ? 'yes' : 'NO') : `${flat ? 'yes' : 'no'} (no target)`,
          ];
        }),
      ),
    );
    console.log('');
    for (const q of REPORTS) {
      const met = full[q].p50 <= TARGETS.reportP50Ms;
      console.log(
        `${q} report at ${fmt(events)} events: p50 ${full[q].p50.toFixed(2)} ms, p99 ${full[q].p99.toFixed(2)} ms (target p50 <= ${TARGETS.reportP50Ms} ms at 5M events: ${met ? 'met' : 'NO'})`,
      );
    }
    if (EMPLOYEES < FULL_SIZE) {
      const factor = FULL_SIZE / EMPLOYEES;
      const slowest = rebuilds.reduce((a, b) => (a.events / a.seconds < b.events / b.seconds ? a : b));
      console.log('');
      console.log(
        `EXTRAPOLATION (not measured) to ${fmt(FULL_SIZE)} employees, ~${fmt(events * factor)} events, assuming linear growth: ` +
          `rebuilds ${fmt(totalSeconds * factor)} s in all (slowest ${slowest.projection}: ${fmt(slowest.seconds * factor)} s), data directory ~${fmt(after.totalMiB * factor)} MiB`,
      );
    }
  } finally {
    if (process.env.SCALE_KEEP) console.log(`data directories kept: ${dataDir} (full), ${smallDir} (small)`);
    else for (const dir of [dataDir, smallDir]) rmSync(dir, { recursive: true, force: true });
    build.remove();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
