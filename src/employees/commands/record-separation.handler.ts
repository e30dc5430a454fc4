import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { AuditedCommand } from '../../application/audited-command';
import { REACTOR_ATTEMPTS } from '../../application/reactor-attempts';
import { employeeDecider } from '../../domain/employee/employee.decider';
import { IsoDate } from '../../domain/shared/calendar';
import { employeeStream } from '../../domain/shared/streams';
import { SeparationReason } from '../../domain/shared/vocabulary';
import { CommandResult, handleCommand } from '../../event-sourcing/command-handler';
import { CommandContext } from '../../event-sourcing/envelope';
import { EVENT_STORE, EventStore } from '../../infrastructure/event-store/event-store.port';

/** Records in the archive that the person left, once a case's labour termination (退工) is registered (sent by the offboarding process manager). */
export class RecordEmployeeSeparation implements AuditedCommand {
  constructor(
    readonly employeeId: string,
    readonly caseId: string,
    readonly terminationDate: IsoDate,
    readonly reason: SeparationReason,
    readonly context: CommandContext,
  ) {}

  refusal() {
    return { command: 'RecordSeparation', subjects: { caseId: this.caseId, employeeId: this.employeeId } };
  }
}

@CommandHandler(RecordEmployeeSeparation)
export class RecordEmployeeSeparationHandler implements ICommandHandler<RecordEmployeeSeparation, CommandResult> {
  constructor(@Inject(EVENT_STORE) private readonly events: EventStore) {}

  execute({ employeeId, caseId, terminationDate, reason, context }: RecordEmployeeSeparation): Promise<CommandResult> {
    const command = { type: 'RecordSeparation' as const, data: { caseId, terminationDate, reason } };
    return handleCommand(this.events, employeeStream(employeeId), employeeDecider, command, context, { maxAttempts: REACTOR_ATTEMPTS });
  }
}
