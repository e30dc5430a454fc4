import { BadRequestException, Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { createHash, randomUUID } from 'node:crypto';
import { AuditedCommand } from '../../application/audited-command';
import { employeeDecider } from '../../domain/employee/employee.decider';
import { normalizeResidentId } from '../../domain/employee/resident-id';
import { CommandResult, handleCommand } from '../../event-sourcing/command-handler';
import { CommandContext } from '../../event-sourcing/envelope';
import { businessDate } from '../../infrastructure/business-day';
import { EVENT_STORE, EventStore } from '../../infrastructure/event-store/event-store.port';
import { PoliciesService } from '../../policies';
import { HireEmployeeDto } from '../employee.dto';
import { employeeStream } from '../../domain/shared/streams';

/** A hire retried with its Idempotency-Key must land on the same archive (and find its events there), so the id derives from the key. */
function generatedEmployeeId(context: CommandContext): string {
  const seed = context.idempotencyKey
    ? createHash('sha256').update(`employee-id|${context.idempotencyKey}`).digest('hex')
    : randomUUID().replace(/-/g, '');
  return `E${seed.slice(0, 12).toUpperCase()}`;
}

/** Opens an employee archive, or rehires a separated employee on theirs (the decider tells which). */
export class HireEmployee implements AuditedCommand {
  /** Given, or generated: known before the command runs, so that a refusal names the archive too. */
  readonly employeeId: string;

  constructor(
    readonly hire: HireEmployeeDto,
    readonly context: CommandContext,
  ) {
    this.employeeId = hire.employeeId ?? generatedEmployeeId(context);
  }

  refusal() {
    return { command: 'HireEmployee', subjects: { employeeId: this.employeeId } };
  }
}

@CommandHandler(HireEmployee)
export class HireEmployeeHandler implements ICommandHandler<HireEmployee, CommandResult & { employeeId: string }> {
  constructor(
    @Inject(EVENT_STORE) private readonly events: EventStore,
    private readonly policies: PoliciesService,
  ) {}

  async execute({ hire, employeeId, context }: HireEmployee): Promise<CommandResult & { employeeId: string }> {
    if (!(await this.policies.exists(hire.region, hire.category))) {
      throw new BadRequestException({
        code: 'VALIDATION',
        message: `No policy is published for region ${hire.region} and category ${hire.category}`,
        errors: [{ field: 'region', message: `region ${hire.region} has no policy for category ${hire.category}` }],
      });
    }
    const data = { ...hire, employeeId, idNumber: normalizeResidentId(hire.idNumber), today: businessDate(context.recordedAt) };
    const result = await handleCommand(
      this.events,
      employeeStream(employeeId),
      employeeDecider,
      { type: 'HireEmployee', data },
      { ...context, effectiveDate: hire.hireDate },
    );
    return { ...result, employeeId };
  }
}
