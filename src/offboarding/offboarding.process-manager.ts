import { CommandBus } from '@nestjs/cqrs';
import { AuditedCommand } from '../application/audited-command';
import { DomainError } from '../domain/decider';
import { offboardingDecider } from '../domain/offboarding/offboarding.decider';
import { offboardingEvents } from '../domain/offboarding/offboarding.schemas';
import { offboardingStream, parseStream } from '../domain/shared/streams';
import { RecordEmployeeSeparation, ReleaseOffboardingLock } from '../employees';
import { loadState } from '../event-sourcing/command-handler';
import { CommandContext } from '../event-sourcing/envelope';
import { Clock } from '../infrastructure/clock';
import { EventStore, RecordedEvent } from '../infrastructure/event-store/event-store.port';
import { Projection } from '../projections/projection';
import { CloseInsuranceForTransferOut } from '../social-insurance';

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

  return {
    name: 'offboarding_process_manager',
    version: 1,
    collections: {},
    eventTypes: [...FOLLOWED],
    async handle(stored: RecordedEvent): Promise<void> {
      const stream = parseStream(stored.stream);
      if (stream?.kind !== 'offboarding' || !FOLLOWED.has(stored.type)) return;
      const { caseId } = stream;
      const state = await loadState(events, offboardingStream(caseId), offboardingDecider);
      if (state.status === 'none') return;
      const { employeeId } = state;
      const context = contextOf(stored);
      const event = offboardingEvents.read(stored);
      switch (event.type) {
        case 'SocialInsuranceTransferOutCompleted':
          return dispatch(new CloseInsuranceForTransferOut(employeeId, caseId, event.data.lastPaidMonth, context));
        case 'LaborTerminationRegistered':
          return dispatch(new RecordEmployeeSeparation(employeeId, caseId, event.data.terminationDate, state.reason, context));
        case 'OffboardingCaseCompleted':
          return dispatch(new ReleaseOffboardingLock(employeeId, caseId, 'completed', context));
        case 'OffboardingCaseCancelled':
          return dispatch(new ReleaseOffboardingLock(employeeId, caseId, 'cancelled', context));
      }
    },
  };
}
