import { CommandBus } from '@nestjs/cqrs';
import { AuditedCommand } from '../application/audited-command';
import { DomainError } from '../domain/decider';
import { offboardingDecider } from '../domain/offboarding/offboarding.decider';
import { OffboardingEvent } from '../domain/offboarding/offboarding.events';
import { offboardingEvents } from '../domain/offboarding/offboarding.schemas';
import { OffboardingCase } from '../domain/offboarding/offboarding.state';
import { offboardingStream, parseStream } from '../domain/shared/streams';
import { RecordEmployeeSeparation, ReleaseOffboardingLock } from '../employees';
import { loadState } from '../event-sourcing/command-handler';
import { CommandContext } from '../event-sourcing/envelope';
import { Clock } from '../infrastructure/clock';
import { EventStore, RecordedEvent } from '../infrastructure/event-store/event-store.port';
import { Projection, ProjectionView } from '../projections/projection';
import { CloseInsuranceForTransferOut } from '../social-insurance';

/**
 * How long a batch of the process manager waits for more events after its first. Its
 * commands were each alone in a commit of the event store, one fsync apiece on the
 * request thread, while step commands came in: 9,213 of 12,839 commits in bench:api's
 * step scenario held one event. Gathered and run side by side, a batch's commands share
 * one; a case's consequences follow it a few milliseconds later.
 */
const GATHER_MS = 5;

/** The events of a case that another aggregate must follow. */
const FOLLOWED = new Set([
  'SocialInsuranceTransferOutCompleted',
  'LaborTerminationRegistered',
  'OffboardingCaseCompleted',
  'OffboardingCaseCancelled',
]);

/**
 * Carries an offboarding case's facts to the other aggregates, from the store's
 * global log with its own checkpoint, never an in-memory bus:
 * - transfer-out completed → the social-insurance account closes at the last paid month;
 * - labour termination registered → the archive records the separation;
 * - case completed or cancelled → the archive releases its one-open-case lock.
 * It is a reactor, not a read model: it runs in the service's main thread beside
 * the command handlers it dispatches to on the CommandBus (ProjectionsModule's
 * reactors), never in the projection worker nor in a read-model rebuild.
 * Each command's idempotency key is the causing event's id, so a replay after a
 * crash appends nothing twice. A refused command is recorded by the bus
 * (RefusalsOnTheCommandBus) and is then done with: the checkpoint moves on.
 */
export function offboardingProcessManager(events: EventStore, commands: CommandBus, clock: Clock): Projection {
  function contextOf(cause: RecordedEvent): CommandContext {
    return {
      actor: { id: 'offboarding-process-manager', role: 'system' },
      recordedAt: clock(),
      effectiveDate: typeof cause.metadata.effectiveDate === 'string' ? cause.metadata.effectiveDate : undefined,
      correlationId: typeof cause.metadata.correlationId === 'string' ? cause.metadata.correlationId : cause.id,
      causationId: cause.id,
      source: 'process-manager',
      idempotencyKey: `process-manager:${cause.id}`,
    };
  }

  async function dispatch(command: AuditedCommand): Promise<void> {
    try {
      await commands.execute(command);
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
    }
  }

  function commandFor(event: OffboardingEvent, caseId: string, state: OffboardingCase, context: CommandContext): AuditedCommand | null {
    const { employeeId } = state;
    switch (event.type) {
      case 'SocialInsuranceTransferOutCompleted':
        return new CloseInsuranceForTransferOut(employeeId, caseId, event.data.lastPaidMonth, context);
      case 'LaborTerminationRegistered':
        return new RecordEmployeeSeparation(employeeId, caseId, event.data.terminationDate, state.reason, context);
      case 'OffboardingCaseCompleted':
        return new ReleaseOffboardingLock(employeeId, caseId, 'completed', context);
      case 'OffboardingCaseCancelled':
        return new ReleaseOffboardingLock(employeeId, caseId, 'cancelled', context);
      default:
        return null;
    }
  }

  return {
    name: 'offboarding_process_manager',
    version: 1,
    collections: {},
    eventTypes: [...FOLLOWED],
    gatherMs: GATHER_MS,
    async handle(stored: RecordedEvent, view: ProjectionView): Promise<void> {
      const stream = parseStream(stored.stream);
      if (stream?.kind !== 'offboarding' || !FOLLOWED.has(stored.type)) return;
      const { caseId } = stream;
      const state = await loadState(events, offboardingStream(caseId), offboardingDecider);
      if (state.status === 'none') return;
      const command = commandFor(offboardingEvents.read(stored), caseId, state, contextOf(stored));
      // One employee's commands in the order of their causes; other employees' meanwhile, so that they share a commit.
      if (command) view.inOrder(state.employeeId, () => dispatch(command));
    },
  };
}
