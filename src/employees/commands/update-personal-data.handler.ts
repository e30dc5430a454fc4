import { BadRequestException, Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { AuditedCommand } from '../../application/audited-command';
import { employeeDecider } from '../../domain/employee/employee.decider';
import { normalizeResidentId } from '../../domain/employee/resident-id';
import { CommandResult, handleCommand } from '../../event-sourcing/command-handler';
import { CommandContext } from '../../event-sourcing/envelope';
import { EVENT_STORE, EventStore } from '../../infrastructure/event-store/event-store.port';
import { UpdatePersonalDataDto } from '../employee.dto';
import { employeeStream } from '../../domain/shared/streams';

/** Corrects name, ID number or contact data on the archive. */
export class UpdatePersonalData implements AuditedCommand {
  constructor(
    readonly employeeId: string,
    readonly correction: UpdatePersonalDataDto,
    readonly context: CommandContext,
  ) {}

  refusal() {
    return { command: 'UpdatePersonalData', subjects: { employeeId: this.employeeId } };
  }
}

@CommandHandler(UpdatePersonalData)
export class UpdatePersonalDataHandler implements ICommandHandler<UpdatePersonalData, CommandResult> {
  constructor(@Inject(EVENT_STORE) private readonly events: EventStore) {}

  execute({ employeeId, correction, context }: UpdatePersonalData): Promise<CommandResult> {
    // `{}` is a client's mistake, not a correction: say so rather than answer 200 having done nothing.
    if (correction.name === undefined && correction.idNumber === undefined && correction.contact === undefined) {
      throw new BadRequestException({
        code: 'VALIDATION',
        message: 'Send at least one of name, idNumber, contact',
        errors: [{ field: 'body', message: 'at least one of name, idNumber, contact is required' }],
      });
    }
    const data = { ...correction, ...(correction.idNumber ? { idNumber: normalizeResidentId(correction.idNumber) } : {}) };
    return handleCommand(this.events, employeeStream(employeeId), employeeDecider, { type: 'UpdatePersonalData', data }, context);
  }
}
