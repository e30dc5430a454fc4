import { randomUUID } from 'node:crypto';
import { CommandBus } from '@nestjs/cqrs';
import { AuditedCommand } from '../../src/application/audited-command';
import { offboardingEvents } from '../../src/domain/offboarding/offboarding.schemas';
import { offboardingStream } from '../../src/domain/shared/streams';
import { SqliteEventStore } from '../../src/infrastructure/event-store/sqlite/sqlite-event-store';
import { ReadStore } from '../../src/infrastructure/read-store/read-store.port';
import { offboardingProcessManager } from '../../src/offboarding/offboarding.process-manager';
import { applyEvents } from '../../src/projections/apply-events';
import { completeTransfer, opened, perform, play, requestTransfer } from '../domain/offboarding/fixtures';

/** A case of `employeeId` whose social insurance has been transferred out: the process manager closes the account. */
async function transferredOut(events: SqliteEventStore, caseId: string, employeeId: string): Promise<void> {
  const open = opened({ caseId });
  const history = play(
    [{ ...open, data: { ...open.data, employeeId } }],
    [perform('approval', { effectiveDate: '2024-06-20' }), requestTransfer('2024-07-01'), completeTransfer()],
  );
  await events.appendToStream(
    offboardingStream(caseId),
    'no_stream',
    history.map((e) => ({
      id: randomUUID(),
      type: e.type,
      schemaVersion: offboardingEvents.versionOf(e.type),
      data: e.data,
      metadata: { recordedAt: '2024-07-01T02:00:00.000Z' },
    })),
  );
}

/** A command bus whose commands each wait until the test lets them finish, noting when each starts and ends. */
function gatedBus() {
  const log: string[] = [];
  const gates = new Map<string, () => void>();
  const bus = {
    execute: async (command: AuditedCommand & { caseId: string }) => {
      log.push(`${command.caseId} started`);
      await new Promise<void>((resolve) => gates.set(command.caseId, resolve));
      log.push(`${command.caseId} done`);
    },
  } as unknown as CommandBus;
  const finish = (caseId: string) => gates.get(caseId)!();
  return { bus, log, finish };
}

const turns = async () => {
  for (let i = 0; i < 5; i++) await new Promise((resolve) => setImmediate(resolve));
};

describe('offboarding process manager', () => {
  let events: SqliteEventStore;
  beforeEach(() => (events = new SqliteEventStore({ file: ':memory:' })));
  afterEach(() => events.close());

  it("acts on one employee's cases in the order of their events, and on other employees' meanwhile, before its checkpoint", async () => {
    // Given two cases of E1 and one of E2, each with its transfer-out completed
    await transferredOut(events, 'K1', 'E1');
    await transferredOut(events, 'K2', 'E2');
    await transferredOut(events, 'K3', 'E1');
    const completions = (await events.readAll()).filter((e) => e.type === 'SocialInsuranceTransferOutCompleted');
    const { bus, log, finish } = gatedBus();
    const checkpoints: bigint[] = [];
    const reads = { applyBatch: async (batch: { position: bigint }) => void checkpoints.push(batch.position) } as unknown as ReadStore;

    // When the process manager acts on the three in one batch
    const applying = applyEvents(
      reads,
      offboardingProcessManager(events, bus, () => new Date()),
      1,
      completions,
    );
    await turns();

    // Then E2's command runs beside E1's first, E1's second waits for its first, and no checkpoint is written yet
    expect(log).toEqual(['K1 started', 'K2 started']);
    finish('K2');
    await turns();
    expect(log).toEqual(['K1 started', 'K2 started', 'K2 done']);
    finish('K1');
    await turns();
    expect(log).toEqual(['K1 started', 'K2 started', 'K2 done', 'K1 done', 'K3 started']);
    expect(checkpoints).toEqual([]);
    finish('K3');
    await applying;
    expect(checkpoints).toEqual([completions[2].position]);
  });

  it('commits the commands of one batch in one commit of the event store, each once', async () => {
    await transferredOut(events, 'K1', 'E1');
    await transferredOut(events, 'K2', 'E2');
    await transferredOut(events, 'K3', 'E3');
    const completions = (await events.readAll()).filter((e) => e.type === 'SocialInsuranceTransferOutCompleted');
    // Each command appends one event to a stream of its own, as the real handlers do to the employee's account.
    const bus = {
      execute: async (command: AuditedCommand & { caseId: string }) =>
        events.appendToStream(`probe-${command.caseId}`, 'any', [
          { id: randomUUID(), type: 'Probed', schemaVersion: 1, data: {}, metadata: {} },
        ]),
    } as unknown as CommandBus;
    const commits: number[] = [];
    events.onCommitted(() => commits.push(commits.length + 1));
    const reads = { applyBatch: async () => undefined } as unknown as ReadStore;

    await applyEvents(
      reads,
      offboardingProcessManager(events, bus, () => new Date()),
      1,
      completions,
    );

    expect(commits).toHaveLength(1);
    const probed = (await events.readAll()).filter((e) => e.type === 'Probed').map((e) => e.stream);
    expect(probed.sort()).toEqual(['probe-K1', 'probe-K2', 'probe-K3']);
  });
});
