import { recordRefusal } from '../audit/refusals';
import { Decider, DomainError, DomainEvent } from '../domain/decider';
import { EmployeeCommand } from '../domain/employee/employee.commands';
import { employeeDecider, employeeStream } from '../domain/employee/employee.decider';
import { offboardingDecider, offboardingStream } from '../domain/offboarding/offboarding.decider';
import { LaborTerminationRegistered, SocialInsuranceTransferOutCompleted } from '../domain/offboarding/offboarding.events';
import { insuranceDecider, insuranceStream } from '../domain/social-insurance/insurance.decider';
import { handleCommand, loadState } from '../event-sourcing/command-handler';
import { CommandContext } from '../event-sourcing/envelope';
import { Clock } from '../infrastructure/clock';
import { EventStore, RecordedEvent } from '../infrastructure/event-store/event-store.port';
import { Projection } from '../projections/projection';
import { streamCategory } from '../streams/stream-catalog.projection';

/**
 * Carries an offboarding case's facts to the other aggregates, from the store's
 * global log with its own checkpoint (run by the projection runner), never an
 * in-memory bus:
 * - transfer-out completed → the social-insurance account closes at the last paid month;
 * - labour termination registered → the archive records the separation;
 * - case completed or cancelled → the archive releases its one-open-case lock.
 * Each command's event ids derive from the causing event's id, so a replay after
 * a crash appends nothing twice. A refused command goes to the refusal log.
 */
export function offboardingProcessManager(events: EventStore, clock: Clock): Projection {
  async function follow<Command extends DomainEvent, State, Event extends DomainEvent>(cause: RecordedEvent, stream: string, decider: Decider<Command, State, Event>, command: Command): Promise<void> {
    const context: CommandContext = {
      actor: { id: 'offboarding-process-manager', role: 'system' },
      recordedAt: clock(),
      effectiveDate: typeof cause.metadata.effectiveDate === 'string' ? cause.metadata.effectiveDate : undefined,
      correlationId: typeof cause.metadata.correlationId === 'string' ? cause.metadata.correlationId : cause.id,
      causationId: cause.id,
      source: 'process-manager',
      idempotencyKey: `process-manager:${cause.id}`,
    };
    try {
      await handleCommand(events, stream, decider, command, context, { maxAttempts: 20 });
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      await recordRefusal(events, context, { command: command.type, code: error.code, message: error.message, subjects: { caseId: caseIdOf(cause) } });
    }
  }

  return {
    name: 'offboarding_process_manager',
    version: 1,
    collections: {},
    async handle(event: RecordedEvent): Promise<void> {
      if (streamCategory(event.stream) !== 'offboarding') return;
      const caseId = caseIdOf(event);
      const relevant = ['SocialInsuranceTransferOutCompleted', 'LaborTerminationRegistered', 'OffboardingCaseCompleted', 'OffboardingCaseCancelled'];
      if (!relevant.includes(event.type)) return;
      const state = await loadState(events, offboardingStream(caseId), offboardingDecider);
      if (state.status === 'none') return;
      const toEmployee = (command: EmployeeCommand) => follow(event, employeeStream(state.employeeId), employeeDecider, command);
      switch (event.type) {
        case 'SocialInsuranceTransferOutCompleted': {
          const { lastPaidMonth } = event.data as SocialInsuranceTransferOutCompleted['data'];
          return follow(event, insuranceStream(state.employeeId), insuranceDecider, { type: 'CloseForTransferOut', data: { caseId, lastPaidMonth } });
        }
        case 'LaborTerminationRegistered': {
          const { terminationDate } = event.data as LaborTerminationRegistered['data'];
          return toEmployee({ type: 'RecordSeparation', data: { caseId, terminationDate, reason: state.reason } });
        }
        case 'OffboardingCaseCompleted':
          return toEmployee({ type: 'ReleaseOffboarding', data: { caseId, outcome: 'completed' } });
        case 'OffboardingCaseCancelled':
          return toEmployee({ type: 'ReleaseOffboarding', data: { caseId, outcome: 'cancelled' } });
      }
    },
  };
}

const caseIdOf = (event: RecordedEvent) => event.stream.slice('offboarding-'.length);
