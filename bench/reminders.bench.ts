/**
 * The reminder and warning reactors over a large log (npm run bench:reminders):
 * REMINDERS_CASES open offboarding cases (default 100,000), each opened and
 * approved, every 10th with a refused step on the month's refusal log, written
 * straight through the store port with the deciders and toEnvelopes (as
 * support/history.ts writes histories), recorded now so that their reminders
 * are still to come. Then, on the same files, from position 0 to the head:
 *  - baselines: a no-op projection (every event through the runner and its
 *    checkpoint) and the offboarding process manager (acts on none of these events);
 *  - the reminder reactor, then the warning reactor, each with a real
 *    ReadStoreOutbox on a SQLite read store: events/s, messages enqueued/s, and
 *    their events/s against the baselines';
 *  - both reactors live while a writer appends REMINDERS_WRITE_RATE events/s for
 *    REMINDERS_WRITE_SECONDS: lag (log head - checkpoint) sampled every 250 ms, and
 *    whether it returns to ~0 while the writer runs ("keeps up").
 * REMINDERS_KEEP=1 keeps the data directory.
 */
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { join } from 'node:path';
import { CommandBus } from '@nestjs/cqrs';
import { v7 as uuidv7 } from 'uuid';
import { refusalLog } from '../src/domain/audit/refusal-log';
import { offboardingDecider, OffboardingState } from '../src/domain/offboarding/offboarding.decider';
import { DEFAULT_POLICIES } from '../src/domain/policy/default-policies';
import { addDays } from '../src/domain/shared/calendar';
import { offboardingStream, refusalLogStream } from '../src/domain/shared/streams';
import { SeparationReason } from '../src/domain/shared/vocabulary';
import { CommandContext, EmittedEvent, EventMetadata, toEnvelopes } from '../src/event-sourcing/envelope';
import { businessDate, businessMonth, businessTimeZone } from '../src/infrastructure/business-day';
import { systemClock } from '../src/infrastructure/clock';
import { EventToAppend } from '../src/infrastructure/event-store/event-store.port';
import { SqliteEventStore } from '../src/infrastructure/event-store/sqlite/sqlite-event-store';
import { SqliteReadStore } from '../src/infrastructure/read-store/sqlite/sqlite-read-store';
import { chineseDaysCalendar } from '../src/infrastructure/working-days/chinese-days-calendar';
import { OUTBOX_MESSAGES, ReadStoreOutbox } from '../src/notifications/delivery/read-store-outbox';
import { offboardingProcessManager } from '../src/offboarding/offboarding.process-manager';
import { Projection } from '../src/projections/projection';
import { ProjectionRunner } from '../src/projections/projection-runner';
import { reminderReactor, warningReactor } from '../src/reminders';
import { commandLine, fmt, machineLines, positiveIntFromEnv, table } from './support/machine';

const CASES = positiveIntFromEnv('REMINDERS_CASES', 100_000);
const WRITE_RATE = positiveIntFromEnv('REMINDERS_WRITE_RATE', 20);
const WRITE_SECONDS = positiveIntFromEnv('REMINDERS_WRITE_SECONDS', 30);
const KEEP = process.env.REMINDERS_KEEP === '1';
/** Cases appended in the same event-loop turn: the store's group commit makes them one transaction. */
const CHUNK = 500;
const REFUSAL_EVERY = 10;
const REASONS: SeparationReason[] = ['resignation', 'dismissal', 'contract_expiry', 'mutual_agreement'];
/**
 * "Keeps up": in the second half of the writing, the lag never exceeds what the
 * writer appends in KEEPS_UP_SECONDS (nor CAUGHT_UP_LAG events), and it is 0 within
 * KEEPS_UP_SECONDS of the writer stopping: it does not grow with time.
 */
const KEEPS_UP_SECONDS = 2;
const CAUGHT_UP_LAG = 5;

const quietLog = { info: () => undefined, error: (message: string, fields?: unknown) => console.error(message, fields) };

interface CaseWrite {
  caseId: string;
  events: EventToAppend[];
  refusal: { context: CommandContext; data: Parameters<typeof refusalLog.decide>[0]['data'] } | null;
}

/** One case, opened today and approved by the hr_manager, its last working day 20..59 days ahead; every 10th with a refused 退工 attempt. */
function caseWrite(i: number, now: Date): CaseWrite {
  const caseId = `C${uuidv7().replace(/-/g, '')}`;
  const employeeId = `E${String(i).padStart(7, '0')}`;
  const policy = DEFAULT_POLICIES[i % DEFAULT_POLICIES.length];
  const today = businessDate(now);
  const reason = REASONS[i % REASONS.length];
  const context = (role: string): CommandContext => ({
    actor: { id: `hr-${i % 20}`, role },
    recordedAt: now,
    correlationId: uuidv7(),
    source: 'api',
  });
  const open = {
    type: 'OpenCase' as const,
    data: {
      caseId,
      employeeId,
      reason,
      lastWorkingDay: addDays(today, 20 + (i % 40)),
      policy,
      openedAt: today,
      hireDate: '2022-03-01',
      today,
    },
  };
  const opened = offboardingDecider.decide(open, offboardingDecider.initialState);
  const state: OffboardingState = opened.reduce((s, e) => offboardingDecider.evolve(s, e), offboardingDecider.initialState);
  const approve = {
    type: 'PerformStep' as const,
    data: {
      step: 'approval' as const,
      action: 'complete' as const,
      effectiveDate: today,
      actor: { id: `hr-${i % 20}`, role: 'hr_manager' as const },
      today,
    },
  };
  const approved = offboardingDecider.decide(approve, state);
  const stream = offboardingStream(caseId);
  const first = toEnvelopes(stream, opened as EmittedEvent[], context('hr_specialist'), null, offboardingEvents);
  const hash = (first[first.length - 1].metadata as unknown as EventMetadata).hash;
  const second = toEnvelopes(stream, approved as EmittedEvent[], context('hr_manager'), hash, offboardingEvents);
  const refusal =
    i % REFUSAL_EVERY === 0
      ? {
          context: context('hr_specialist'),
          data: {
            command: 'PerformStep',
            code: 'STEP_LOCKED',
            message: '步骤尚未解锁 / The step is locked.',
            subjects: { caseId, employeeId },
            step: 'labor_termination',
            action: 'complete',
            missing: ['handover'],
          },
        }
      : null;
  return { caseId, events: [...first, ...second], refusal };
}

const offboardingEvents = (type: string) => offboardingDecider.events.versionOf(type);

/** Appends cases (and their refusals, on the month's refusal log, in order) through the store port. */
class CaseWriter {
  private refusalRevision: bigint | 'no_stream' = 'no_stream';
  private refusalHash: string | null = null;
  private next = 0;
  written = 0;

  constructor(private readonly store: SqliteEventStore) {}

  async write(count: number): Promise<void> {
    const now = new Date();
    const cases = Array.from({ length: count }, () => caseWrite(this.next++, now));
    await Promise.all(cases.map((c) => this.store.appendToStream(offboardingStream(c.caseId), 'no_stream', c.events)));
    const refusals: EventToAppend[] = [];
    for (const c of cases) {
      if (!c.refusal) continue;
      const emitted = refusalLog.decide({ type: 'RecordRefusal', data: c.refusal.data }, null);
      const envelopes = toEnvelopes(
        refusalLogStream(businessMonth(now)),
        emitted as EmittedEvent[],
        c.refusal.context,
        this.refusalHash,
        refusalLog.events.versionOf,
      );
      this.refusalHash = (envelopes[envelopes.length - 1].metadata as unknown as EventMetadata).hash;
      refusals.push(...envelopes);
    }
    if (refusals.length > 0) {
      const result = await this.store.appendToStream(refusalLogStream(businessMonth(now)), this.refusalRevision, refusals);
      this.refusalRevision = result.nextExpectedRevision;
    }
    this.written += cases.reduce((n, c) => n + c.events.length + (c.refusal ? 1 : 0), 0);
  }
}

const noop: Projection = { name: 'bench_noop', version: 1, collections: {}, handle: async () => undefined };

/** A CommandBus that must not be used: on this log the process manager acts on no event (no step it follows is completed). */
const noCommands = {
  execute: async () => {
    throw new Error('the process manager dispatched a command on a log of open cases');
  },
} as unknown as CommandBus;

interface CatchUp {
  name: string;
  events: number;
  seconds: number;
  messages: number;
  /** The longest the event loop waited meanwhile (ms): in the service, reactors run in the thread that answers HTTP. */
  maxLoopDelayMs: number;
}

/** Runs one projection from position 0 until its checkpoint reaches the head. */
async function catchUp(projection: Projection, events: SqliteEventStore, reads: SqliteReadStore): Promise<CatchUp> {
  const head = await events.headPosition();
  const before = await reads.count(OUTBOX_MESSAGES);
  const runner = new ProjectionRunner(projection, events, reads, { now: systemClock, log: quietLog });
  const loop = monitorEventLoopDelay({ resolution: 10 });
  loop.enable();
  const start = process.hrtime.bigint();
  await runner.start();
  while ((runner.status().checkpoint ?? 0n) < head) {
    if (runner.status().state === 'failing') throw new Error(`${projection.name}: ${runner.status().lastError}`);
    await sleep(20);
  }
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  loop.disable();
  await runner.stop();
  return {
    name: projection.name,
    events: Number(head),
    seconds,
    messages: (await reads.count(OUTBOX_MESSAGES)) - before,
    maxLoopDelayMs: loop.max / 1e6,
  };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function main(): Promise<void> {
  const command = commandLine('bench:reminders', ['REMINDERS_CASES', 'REMINDERS_WRITE_RATE', 'REMINDERS_WRITE_SECONDS', 'REMINDERS_KEEP']);
  for (const line of machineLines(command)) console.log(line);
  console.log(
    `workload:   ${fmt(CASES)} open cases (opened today and approved: 2 events each; every ${REFUSAL_EVERY}th with a refused 退工 attempt on the refusal log), written through the store port; ${os.loadavg()[0].toFixed(1)} load average at start`,
  );
  const dir = mkdtempSync(join(os.tmpdir(), 'bench-reminders-'));
  const events = new SqliteEventStore({ file: join(dir, 'events.db') });
  const reads = new SqliteReadStore(join(dir, 'read-models.db'));
  const outbox = new ReadStoreOutbox(reads, systemClock);
  await outbox.ensureCollections();
  try {
    // Seeding only: no fsync per append (the generator's speed is no figure).
    (events as unknown as { db: { pragma(s: string): void } }).db.pragma('synchronous = NORMAL');
    const writer = new CaseWriter(events);
    const seedStart = process.hrtime.bigint();
    for (let done = 0; done < CASES; done += CHUNK) await writer.write(Math.min(CHUNK, CASES - done));
    const seedSeconds = Number(process.hrtime.bigint() - seedStart) / 1e9;
    (events as unknown as { db: { pragma(s: string): void } }).db.pragma('synchronous = FULL');
    console.log(
      `log:        ${fmt(writer.written)} events written in ${seedSeconds.toFixed(1)} s (${fmt(writer.written / seedSeconds)}/s)`,
    );

    const context = { calendar: chineseDaysCalendar(), officeHours: { timeZone: businessTimeZone(), hour: 9 } }; // REMINDER_HOUR's default
    const reminders = () => reminderReactor(events, outbox, context, systemClock);
    const warnings = () => warningReactor(events, outbox, systemClock);

    console.log('');
    console.log('From position 0 to the head, one at a time (ProjectionRunner, batches of 500, checkpoint in the read store):');
    const runs: CatchUp[] = [];
    for (const projection of [noop, offboardingProcessManager(events, noCommands, systemClock), reminders(), warnings()]) {
      runs.push(await catchUp(projection, events, reads));
      const r = runs[runs.length - 1];
      console.log(
        `  ${r.name}: ${fmt(r.events)} events in ${r.seconds.toFixed(1)} s, ${fmt(r.messages)} messages, event loop blocked up to ${fmt(r.maxLoopDelayMs)} ms`,
      );
    }
    const [baseline, pm] = runs;
    const rate = (r: CatchUp) => r.events / r.seconds;
    console.log(
      table(
        ['projection', 'events', 'seconds', 'events/s', 'messages', 'messages/s', 'loop blocked max ms', 'vs no-op', 'vs process manager'],
        runs.map((r) => [
          r.name,
          fmt(r.events),
          r.seconds.toFixed(1),
          fmt(rate(r)),
          fmt(r.messages),
          fmt(r.messages / r.seconds),
          fmt(r.maxLoopDelayMs),
          `${((100 * rate(r)) / rate(baseline)).toFixed(1)}%`,
          `${((100 * rate(r)) / rate(pm)).toFixed(1)}%`,
        ]),
      ),
    );

    console.log('');
    console.log(
      `Live: both reactors from their checkpoints while a writer appends ~${WRITE_RATE} events/s (new cases, approvals, refusals) for ${WRITE_SECONDS} s; lag = head - checkpoint, every 250 ms:`,
    );
    const runners = [reminders(), warnings()].map((p) => new ProjectionRunner(p, events, reads, { now: systemClock, log: quietLog }));
    for (const runner of runners) await runner.start();
    const messagesBefore = await reads.count(OUTBOX_MESSAGES);
    const liveLoop = monitorEventLoopDelay({ resolution: 10 });
    liveLoop.enable();
    // Ten ticks a second; a case is 2 events, and every 10th adds a refusal.
    const casesPerTick = Math.max(1, Math.round(WRITE_RATE / 10 / 2.1));
    let writing = true;
    const writeStart = Date.now();
    const writerDone = (async () => {
      let ticks = 0;
      while (Date.now() - writeStart < WRITE_SECONDS * 1000) {
        await writer.write(casesPerTick);
        ticks++;
        const wait = writeStart + ticks * 100 - Date.now();
        if (wait > 0) await sleep(wait);
      }
      writing = false;
    })();
    const firstWritten = writer.written;
    const samples: Array<{ t: number; lag: Record<string, number>; writing: boolean }> = [];
    let settledAt: number | null = null;
    while (writing || settledAt === null) {
      const head = await events.headPosition();
      const lag: Record<string, number> = {};
      for (const runner of runners) lag[runner.projection.name] = Number(head - (runner.status().checkpoint ?? 0n));
      const t = (Date.now() - writeStart) / 1000;
      samples.push({ t, lag, writing });
      if (!writing && Object.values(lag).every((l) => l === 0)) settledAt = t;
      if (t > WRITE_SECONDS + 600) break;
      await sleep(250);
    }
    await writerDone;
    liveLoop.disable();
    for (const runner of runners) await runner.stop();
    const appended = writer.written - firstWritten;
    const enqueued = (await reads.count(OUTBOX_MESSAGES)) - messagesBefore;
    const during = samples.filter((s) => s.writing && s.t >= 1);
    const perSecond = appended / WRITE_SECONDS;
    // The runner polls the log (250 ms) and applies it in batches: a lag of a second or so of writing is its rhythm, not falling behind.
    const bound = Math.max(CAUGHT_UP_LAG, Math.ceil(perSecond * KEEPS_UP_SECONDS));
    const rows = runners.map((runner) => {
      const name = runner.projection.name;
      const lags = during.map((s) => s.lag[name]).sort((a, b) => a - b);
      const pct = (p: number) => lags[Math.min(lags.length - 1, Math.ceil(p * lags.length) - 1)] ?? 0;
      const secondHalf = during.filter((s) => s.t >= WRITE_SECONDS / 2).map((s) => s.lag[name]);
      const lastFive = during.filter((s) => s.t >= WRITE_SECONDS - 5).map((s) => s.lag[name]);
      const keepsUp =
        secondHalf.length > 0 && Math.max(...secondHalf) <= bound && settledAt !== null && settledAt - WRITE_SECONDS <= KEEPS_UP_SECONDS;
      return [
        name,
        fmt(pct(0.5)),
        fmt(pct(0.99)),
        fmt(lags[lags.length - 1] ?? 0),
        `${(pct(0.99) / perSecond).toFixed(2)} s`,
        fmt(lastFive.length ? Math.min(...lastFive) : 0),
        keepsUp ? 'yes' : 'NO',
      ];
    });
    console.log(
      `writer:     ${fmt(appended)} events in ${WRITE_SECONDS} s (${fmt(perSecond)}/s, asked ${fmt(WRITE_RATE)}/s); ${fmt(enqueued)} messages enqueued meanwhile (${fmt(enqueued / WRITE_SECONDS)}/s); event loop delay p99 ${fmt(liveLoop.percentile(99) / 1e6)} ms, max ${fmt(liveLoop.max / 1e6)} ms`,
    );
    console.log(
      table(
        [
          'reactor',
          'lag p50',
          'lag p99',
          'lag max',
          'p99 in s of writing',
          'min lag, last 5 s',
          `keeps up (2nd half <= ${fmt(bound)}, 0 within ${KEEPS_UP_SECONDS} s of the end)`,
        ],
        rows,
      ),
    );
    console.log(
      settledAt === null
        ? 'lag did not return to 0 after the writer stopped'
        : `lag 0 on both ${(settledAt - WRITE_SECONDS).toFixed(2)} s after the writer stopped`,
    );
    const sizes = ['events.db', 'read-models.db'].map((f) => `${f} ${(statSync(join(dir, f)).size / 2 ** 20).toFixed(1)} MiB`);
    console.log(`data:       ${sizes.join(', ')}; ${fmt(await reads.count(OUTBOX_MESSAGES))} messages in the outbox`);
  } finally {
    await events.close();
    await reads.close();
    if (KEEP) console.log(`kept:       ${dir}`);
    else rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
