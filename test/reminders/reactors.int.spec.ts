import { v7 as uuidv7 } from 'uuid';
import { refusalWarning } from '../../src/domain/notifications/refusal-warning';
import { DomainError } from '../../src/domain/decider';
import { offboardingDecider, OffboardingState } from '../../src/domain/offboarding/offboarding.decider';
import { OffboardingEvent } from '../../src/domain/offboarding/offboarding.events';
import { offboardingStream, refusalLogStream } from '../../src/domain/shared/streams';
import { SqliteEventStore } from '../../src/infrastructure/event-store/sqlite/sqlite-event-store';
import { SqliteReadStore } from '../../src/infrastructure/read-store/sqlite/sqlite-read-store';
import { Projection } from '../../src/projections/projection';
import { ProjectionRunner } from '../../src/projections/projection-runner';
import { reminderReactor, warningReactor } from '../../src/reminders';
import { defaultPolicy, manager, opened, perform, specialist } from '../domain/offboarding/fixtures';
import { NATIONAL_DAY_2026 } from '../domain/shared/national-day-2026';
import { InMemoryOutbox } from '../support/in-memory-outbox';

const quiet = { info: () => undefined, error: () => undefined };
const now = () => new Date('2026-09-01T02:00:00Z');
const context = { calendar: NATIONAL_DAY_2026, officeHours: { timeZone: 'Asia/Shanghai', hour: 9 } };

async function eventually(check: () => Promise<boolean> | boolean, ms = 10_000): Promise<void> {
  const until = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > until) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 10));
  }
}

/** A Shanghai resignation whose last working day is 2026-09-30, opened on Sep 1 (case K1, employee E1001). */
function openedCase(): OffboardingEvent {
  const event = opened({ policy: defaultPolicy('shanghai', 'enterprise_regular'), reason: 'resignation' });
  return { ...event, effectiveDate: '2026-09-01', data: { ...event.data, lastWorkingDay: '2026-09-30', openedAt: '2026-09-01' } };
}

describe('reminder and warning reactors over SQLite, with an outbox in memory', () => {
  let events: SqliteEventStore;
  let reads: SqliteReadStore;
  let state: OffboardingState;
  const runners: ProjectionRunner[] = [];

  const run = async (projection: Projection, store = reads) => {
    const runner = new ProjectionRunner(projection, events, store, { now, log: quiet, pointerCheckMs: 20, maxBackoffMs: 20 });
    runners.push(runner);
    await runner.start();
    await eventually(async () => runner.status().checkpoint === (await events.headPosition()));
    return runner;
  };
  const append = async (stream: string, list: Array<{ type: string; data: unknown }>, actor = specialist) => {
    for (const e of list) {
      await events.appendToStream(stream, 'any', [
        {
          id: uuidv7(),
          type: e.type,
          schemaVersion: 1,
          data: e.data,
          metadata: { actor, recordedAt: now().toISOString(), source: 'test' },
        },
      ]);
      if (stream === offboardingStream('K1')) state = offboardingDecider.evolve(state, e as OffboardingEvent);
    }
  };
  const decide = (command: Parameters<typeof offboardingDecider.decide>[0]) => offboardingDecider.decide(command, state);
  /** The manager approves the case on Sep 2: the approval's reminders are withdrawn. */
  const approve = () =>
    append(offboardingStream('K1'), decide(perform('approval', { actor: manager, effectiveDate: '2026-09-02', today: '2026-09-02' })));

  beforeEach(async () => {
    events = new SqliteEventStore({ file: ':memory:', pollIntervalMs: 20 });
    reads = new SqliteReadStore(':memory:');
    state = offboardingDecider.initialState;
    await append(offboardingStream('K1'), [openedCase()]);
  });
  afterEach(async () => {
    await Promise.all(runners.splice(0).map((r) => r.stop()));
    await events.close();
    await reads.close();
  });

  it('enqueues every step’s reminders with ids from the opening event; a replay from position 0 asks for the very same ids', async () => {
    const outbox = new InMemoryOutbox();
    const first = await run(reminderReactor(events, outbox, context, now));
    const ids = outbox.enqueued();
    expect(ids).toContain('reminder:K1:approval:1:due');
    expect(outbox.messages.get('reminder:K1:approval:1:before-3')!.message.notBefore).toBe('2026-09-24T01:00:00.000Z');
    await first.stop();

    // A fresh read store: no checkpoint, the reactor starts again from the beginning of the log.
    const fresh = new SqliteReadStore(':memory:');
    await run(reminderReactor(events, outbox, context, now), fresh);
    expect(outbox.enqueued()).toEqual([...ids, ...ids]);
    expect(outbox.messages.size).toBe(new Set(ids).size);
    await fresh.close();
  });

  it('withdraws a step’s pending reminders when it is done, and the case’s when it is cancelled', async () => {
    const outbox = new InMemoryOutbox();
    const runner = await run(reminderReactor(events, outbox, context, now));
    await approve();
    await eventually(async () => runner.status().checkpoint === (await events.headPosition()));
    expect(outbox.pending().filter((m) => m.step === 'approval')).toEqual([]);
    expect(outbox.pending().some((m) => m.step === 'handover')).toBe(true);

    await append(offboardingStream('K1'), [{ type: 'OffboardingCaseCancelled', data: { note: 'withdrawn', by: manager } }], manager);
    await eventually(async () => runner.status().checkpoint === (await events.headPosition()));
    expect(outbox.pending()).toEqual([]);
  });

  it('decides each fact as of that fact: started late, it asks the outbox exactly what a live run asked', async () => {
    const live = new InMemoryOutbox();
    const runner = await run(reminderReactor(events, live, context, now));
    await approve();
    await eventually(async () => runner.status().checkpoint === (await events.headPosition()));
    const late = new InMemoryOutbox();
    const fresh = new SqliteReadStore(':memory:');
    await run(reminderReactor(events, late, context, now), fresh);
    expect(late.calls).toEqual(live.calls);
    expect(late.calls.at(-1)).toEqual({ cancel: 'reminder:K1:approval:1:' });
    await fresh.close();
  });

  it('plans the next past-due reminder when one is sent from the case as it keeps it, reading no stream', async () => {
    const outbox = new InMemoryOutbox();
    const runner = await run(reminderReactor(events, outbox, context, now));
    expect(outbox.ids()).toContain('reminder:K1:approval:1:after-2');
    expect(outbox.ids()).not.toContain('reminder:K1:approval:1:after-3');
    const reads = jest.spyOn(events, 'readStream');
    const record = (messageId: string) => ({
      type: 'NotificationSent',
      data: {
        messageId,
        kind: 'reminder',
        channelId: 'c1',
        channelType: 'webhook',
        step: 'approval',
        audience: [],
        attempt: 1,
        sentAt: '2026-10-09T01:00:02Z',
      },
    });
    await append(offboardingStream('K1'), [record('reminder:K1:approval:1:due'), record('reminder:K1:approval:1:escalation-1')]);
    await eventually(async () => runner.status().checkpoint === (await events.headPosition()));
    expect(reads).not.toHaveBeenCalled();
    await append(offboardingStream('K1'), [record('reminder:K1:approval:1:after-1')]);
    await eventually(async () => runner.status().checkpoint === (await events.headPosition()));
    expect(reads).not.toHaveBeenCalled();
    expect(outbox.calls.at(-1)).toEqual({ enqueue: ['reminder:K1:approval:1:after-3', 'reminder:K1:approval:1:escalation-3'] });
    reads.mockRestore();
  });

  it('reads a case from its stream, up to the event, when it keeps no fold of it (kept by an older version, or closed)', async () => {
    const outbox = new InMemoryOutbox();
    const runner = await run(reminderReactor(events, outbox, context, now));
    await runner.stop();
    // As the reactor left its read store before it kept folds: the checkpoint, and nothing of the case.
    await reads.dropCollection('reminder_cases_g1');
    const streams = jest.spyOn(events, 'readStream');
    const before = outbox.calls.length;
    await approve();
    await run(reminderReactor(events, outbox, context, now));
    expect(outbox.calls.slice(before)).toEqual([{ cancel: 'reminder:K1:approval:1:' }]);
    expect(streams).toHaveBeenCalledWith(offboardingStream('K1'), { maxCount: 1 });
    streams.mockRestore();
    // Folded again from there on: the case's next fact reads nothing.
    const again = jest.spyOn(events, 'readStream');
    await append(offboardingStream('K1'), decide(perform('handover', { effectiveDate: '2026-09-03', today: '2026-09-03' })));
    await eventually(async () => runners.at(-1)!.status().checkpoint === (await events.headPosition()));
    expect(outbox.calls.at(-1)).toEqual({ cancel: 'reminder:K1:handover:1:' });
    expect(again).not.toHaveBeenCalled();
    again.mockRestore();
  });

  it('resumes from its checkpoint after a restart: only what came after is decided', async () => {
    const outbox = new InMemoryOutbox();
    const runner = await run(reminderReactor(events, outbox, context, now));
    await runner.stop();
    const before = outbox.calls.length;
    await approve();
    await run(reminderReactor(events, outbox, context, now));
    expect(outbox.calls.slice(before)).toEqual([{ cancel: 'reminder:K1:approval:1:' }]);
  });

  it('on a first run over an old log, enqueues no reminder or warning already days past, and what is still to come', async () => {
    await append(refusalLogStream('2026-09'), [
      { type: 'CommandRefused', data: { command: 'CancelOffboardingCase', code: 'X', message: 'm', subjects: { caseId: 'K1' } } },
    ]);
    const outbox = new InMemoryOutbox();
    // The reactors start on 2026-10-09 (Fri): the warning of Sep 1 and the reminders before Oct 6 are too late.
    const later = () => new Date('2026-10-09T02:00:00Z');
    await run(warningReactor(events, outbox, later));
    expect(outbox.enqueued()).toEqual([]);
    await run(reminderReactor(events, outbox, context, later));
    expect(outbox.enqueued()).not.toContain('reminder:K1:approval:1:due');
    expect(outbox.enqueued()).toContain('reminder:K1:approval:1:after-1');
    expect(outbox.enqueued().every((id) => outbox.messages.get(id)!.message.notBefore >= '2026-10-06')).toBe(true);
  });

  it('warns the operator and the hr_manager of the step’s department at once when 退工 is attempted before the transfer-out', async () => {
    let refused: DomainError | undefined;
    try {
      decide(perform('labor_termination', { data: { terminationDate: '2026-09-30' }, effectiveDate: '2026-09-02', today: '2026-09-02' }));
    } catch (error) {
      refused = error as DomainError;
    }
    expect(refused?.code).toBe('STEP_LOCKED');
    const refusal = {
      command: 'PerformStep',
      code: refused!.code,
      message: refused!.message,
      subjects: { caseId: 'K1', employeeId: 'E1001' },
      step: 'labor_termination',
      action: 'complete',
      missing: refused!.details!.missing as string[],
    };
    await append(refusalLogStream('2026-09'), [{ type: 'CommandRefused', data: refusal }]);
    const outbox = new InMemoryOutbox();
    await run(warningReactor(events, outbox, now));
    const [warning] = outbox.pending();
    const [stored] = await events.readStream(refusalLogStream('2026-09'));
    expect(warning).toEqual(
      refusalWarning({ eventId: stored.id, recordedAt: now().toISOString(), actor: specialist, refusal }, state as never),
    );
    expect(warning.id).toBe(`warning:${stored.id}`);
    expect(warning.notBefore).toBe(now().toISOString());
    expect(warning.audience).toEqual([
      { kind: 'actor', actorId: 'u-specialist', department: 'hr' },
      { kind: 'role', role: 'hr_manager', department: 'hr' },
    ]);
    expect(warning.payload).toMatchObject({ code: 'STEP_LOCKED', missing: refusal.missing, doFirst: { step: refusal.missing[0] } });
    expect(warning.text.zh).toContain('请先办理');
    expect(warning.text.en).toContain('first');
  });
});
