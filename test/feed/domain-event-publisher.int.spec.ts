import { v7 as uuidv7 } from 'uuid';
import { pushReactors } from '../../src/app.projections';
import { domainEventMessageId, domainEventPublisher } from '../../src/feed';
import { SqliteEventStore } from '../../src/infrastructure/event-store/sqlite/sqlite-event-store';
import { SqliteReadStore } from '../../src/infrastructure/read-store/sqlite/sqlite-read-store';
import { ProjectionRunner } from '../../src/projections/projection-runner';
import { rebuildProjection } from '../../src/projections/rebuild';
import { InMemoryOutbox } from '../support/in-memory-outbox';

const clock = () => new Date('2024-07-01T02:00:00.000Z');
const quiet = { info: () => undefined, error: () => undefined };

/**
 * The webhook publisher against a real store and the real runner: what a
 * subscription is sent, from when, masked how, and that a replay (a lost
 * checkpoint, a rebuild from position 0) enqueues the very same ids.
 */
describe('domain event publisher (webhook subscriptions reactor)', () => {
  let events: SqliteEventStore;
  const append = async (stream: string, type: string, data: unknown) => {
    const metadata = {
      actor: { id: 'hr-1', role: 'hr_specialist' },
      recordedAt: '2024-07-01T01:00:00.000Z',
      effectiveDate: '2024-07-01',
      correlationId: 'c',
      causationId: 'c',
      source: 'test',
    };
    return (await events.appendToStream(stream, 'any', [{ id: uuidv7(), type, schemaVersion: 1, data, metadata }])).position;
  };

  /** Runs the reactor over the whole log on a read store, as the service does; answers the outbox it filled. */
  async function runOver(reads: SqliteReadStore, outbox = new InMemoryOutbox()): Promise<InMemoryOutbox> {
    const runner = new ProjectionRunner(domainEventPublisher(outbox, clock), events, reads, { now: clock, log: quiet });
    const head = await events.headPosition();
    await runner.start();
    for (let i = 0; i < 500 && runner.status().checkpoint !== head; i++) await new Promise((r) => setTimeout(r, 10));
    await runner.stop();
    expect(runner.status().checkpoint).toBe(head);
    return outbox;
  }

  let before: bigint;
  let opened: bigint;
  let refused: bigint;
  let stepAfterDelete: bigint;
  let approval: bigint;

  beforeEach(async () => {
    events = new SqliteEventStore({ file: ':memory:' });
    before = await append('offboarding-C0', 'StepCompleted', { step: 'handover', effectiveDate: '2024-06-30' });
    await append('eventsubscription-payroll', 'EventSubscriptionCreated', {
      subscriptionId: 'payroll',
      channelId: 'payroll-webhook',
      eventTypes: ['OffboardingCaseOpened', 'StepCompleted'],
    });
    await append('eventsubscription-audit', 'EventSubscriptionCreated', {
      subscriptionId: 'audit',
      channelId: 'audit-robot',
      eventTypes: ['CommandRefused'],
    });
    await append('employee-E1', 'PersonalDataRecorded', { employeeId: 'E1', name: '张三', idNumber: '11010519491231002X', contact: {} });
    opened = await append('offboarding-C1', 'OffboardingCaseOpened', {
      caseId: 'C1',
      employeeId: 'E1',
      reason: 'resignation',
      lastWorkingDay: '2024-06-30',
      openedAt: '2024-06-01',
      policy: { region: 'shanghai', category: 'enterprise_regular', version: 1, steps: [] },
      effectiveDate: '2024-06-01',
    });
    refused = await append('audit-2024-07', 'CommandRefused', {
      command: 'PerformStep',
      code: 'STEP_LOCKED',
      message: 'Complete social-insurance transfer-out (社保转出) before registering labour termination (退工).',
      subjects: { caseId: 'C1', employeeId: 'E1' },
      step: 'labor_termination',
      missing: ['si_transfer_out'],
    });
    approval = await append('offboarding-C1', 'StepCompleted', { step: 'approval', effectiveDate: '2024-07-01' });
    await append('eventsubscription-payroll', 'EventSubscriptionDeleted', { subscriptionId: 'payroll' });
    stepAfterDelete = await append('offboarding-C1', 'StepCompleted', { step: 'handover', effectiveDate: '2024-07-01' });
  });
  afterEach(() => events.close());

  it('sends each subscribed event recorded while the subscription was active, to its channel, keyed by subscription and position', async () => {
    const outbox = await runOver(new SqliteReadStore(':memory:'));
    expect(outbox.ids()).toEqual([
      domainEventMessageId('payroll', opened),
      domainEventMessageId('audit', refused),
      domainEventMessageId('payroll', approval),
    ]);
    // Not the step before the subscription, nor the one after it was deleted, nor personal data.
    expect(outbox.ids().join()).not.toContain(String(before));
    expect(outbox.ids().join()).not.toContain(`:${stepAfterDelete}`);
    const message = outbox.messages.get(domainEventMessageId('payroll', approval))!.message;
    expect(message).toMatchObject({
      kind: 'domain_event',
      audience: [{ kind: 'channel', channelId: 'payroll-webhook' }],
      caseId: 'C1',
      step: 'approval',
      notBefore: '2024-07-01T01:00:00.000Z',
      title: { zh: expect.stringContaining('StepCompleted'), en: 'Domain event: StepCompleted' },
      payload: {
        subscriptionId: 'payroll',
        event: { type: 'StepCompleted', stream: 'offboarding-C1', position: String(approval), data: { step: 'approval' } },
      },
    });
    expect(outbox.messages.get(domainEventMessageId('audit', refused))?.message).toMatchObject({
      audience: [{ kind: 'channel', channelId: 'audit-robot' }],
      caseId: 'C1',
      employeeId: 'E1',
      payload: { event: { data: { code: 'STEP_LOCKED', missing: ['si_transfer_out'] } } },
    });
    expect(JSON.stringify(outbox.pending())).not.toMatch(/张三|11010519491231002X/);
  });

  it('a replay (checkpoint lost, or a rebuild from position 0) enqueues the very same ids; the outbox keeps one of each', async () => {
    const first = await runOver(new SqliteReadStore(':memory:'));
    // The same outbox, a fresh read store: as after a crash between enqueueing and committing the checkpoint.
    await runOver(new SqliteReadStore(':memory:'), first);
    expect(first.enqueued()).toEqual([...first.ids(), ...first.ids()]);
    expect(first.messages.size).toBe(3);

    const reads = new SqliteReadStore(':memory:');
    const rebuilt = new InMemoryOutbox();
    await rebuildProjection(events, reads, domainEventPublisher(rebuilt, clock), { now: clock });
    expect(rebuilt.ids()).toEqual(first.ids());
    expect([...rebuilt.messages.values()]).toEqual([...first.messages.values()]);
  });

  it('runs only where the service has an outbox', () => {
    expect(pushReactors({ events, clock }).map((r) => r.name)).toEqual([]);
    expect(pushReactors({ events, clock, outbox: new InMemoryOutbox() }).map((r) => r.name)).toEqual([
      expect.any(String),
      expect.any(String),
      'domain_event_publisher',
    ]);
  });
});
