import { BadRequestException, Inject, Injectable, NotFoundException } from '@nestjs/common';
import { createHash, randomUUID } from 'node:crypto';
import { EmployeeCommand } from '../domain/employee/employee.commands';
import { employeeDecider, employeeStream } from '../domain/employee/employee.decider';
import { normalizeResidentId } from '../domain/employee/resident-id';
import { CommandContext } from '../event-sourcing/envelope';
import { refusalsRecorded } from '../audit/refusals';
import { businessDate } from '../infrastructure/business-day';
import { CommandResult, handleCommand } from '../event-sourcing/command-handler';
import { EVENT_STORE, EventStore } from '../infrastructure/event-store/event-store.port';
import { READ_STORE, ReadStore } from '../infrastructure/read-store/read-store.port';
import { PoliciesService } from '../policies/policies.service';
import { ProjectionsService } from '../projections/projections.service';
import { ChangePositionDto, HireEmployeeDto, SignContractDto, UpdatePersonalDataDto } from './employee.dto';
import { EMPLOYEE_PROFILES, EmployeeProfileDocument, employeeProfiles } from './employee-profile.projection';
import { OpenedPersonalData, openPersonalData } from './profile-personal-data';

const today = (context: CommandContext) => businessDate(context.recordedAt);

/** A hire retried with its Idempotency-Key must land on the same archive (and find its events there), so the id derives from the key. */
function generatedEmployeeId(context: CommandContext): string {
  const seed = context.idempotencyKey ? createHash('sha256').update(`employee-id|${context.idempotencyKey}`).digest('hex') : randomUUID().replace(/-/g, '');
  return `E${seed.slice(0, 12).toUpperCase()}`;
}

/** Commands on employee archives, and the profile read model. Every refused command is also written to the refusal log. */
@Injectable()
export class EmployeesService {
  constructor(
    @Inject(EVENT_STORE) private readonly events: EventStore,
    @Inject(READ_STORE) private readonly reads: ReadStore,
    private readonly policies: PoliciesService,
    private readonly projections: ProjectionsService,
  ) {}

  async hire(dto: HireEmployeeDto, context: CommandContext): Promise<CommandResult & { employeeId: string }> {
    if (!(await this.policies.exists(dto.region, dto.category))) {
      throw new BadRequestException({
        code: 'VALIDATION',
        message: `No policy is published for region ${dto.region} and category ${dto.category}`,
        errors: [{ field: 'region', message: `region ${dto.region} has no policy for category ${dto.category}` }],
      });
    }
    const employeeId = dto.employeeId ?? generatedEmployeeId(context);
    const hire: EmployeeCommand = { type: 'HireEmployee', data: { ...dto, employeeId, idNumber: normalizeResidentId(dto.idNumber), today: today(context) } };
    const result = await this.execute(employeeId, hire, { ...context, effectiveDate: dto.hireDate });
    return { ...result, employeeId };
  }

  updatePersonalData(employeeId: string, dto: UpdatePersonalDataDto, context: CommandContext) {
    // `{}` is a client's mistake, not a correction: say so rather than answer 200 having done nothing.
    if (dto.name === undefined && dto.idNumber === undefined && dto.contact === undefined) {
      throw new BadRequestException({
        code: 'VALIDATION',
        message: 'Send at least one of name, idNumber, contact',
        errors: [{ field: 'body', message: 'at least one of name, idNumber, contact is required' }],
      });
    }
    const data = { ...dto, ...(dto.idNumber ? { idNumber: normalizeResidentId(dto.idNumber) } : {}) };
    return this.execute(employeeId, { type: 'UpdatePersonalData', data }, context);
  }

  signContract(employeeId: string, dto: SignContractDto, context: CommandContext) {
    const { type, ...terms } = dto;
    return this.execute(employeeId, { type: 'SignContract', data: { ...terms, contractType: type, today: today(context) } }, { ...context, effectiveDate: dto.startDate });
  }

  changePosition(employeeId: string, dto: ChangePositionDto, context: CommandContext) {
    return this.execute(employeeId, { type: 'ChangePosition', data: { ...dto, today: today(context) } }, { ...context, effectiveDate: dto.effectiveDate });
  }

  async profile(employeeId: string): Promise<EmployeeProfileDocument> {
    const doc = await this.reads.get<EmployeeProfileDocument>(this.projections.collection(employeeProfiles.name, EMPLOYEE_PROFILES), employeeId);
    if (!doc || doc.status === 'none') throw new NotFoundException({ code: 'NOT_FOUND', message: `No employee ${employeeId}` });
    return doc;
  }

  /** The profile and its personal data, opened from the sealed event with the employee's key (profile-personal-data.ts). */
  async profileWithPersonalData(employeeId: string): Promise<{ doc: EmployeeProfileDocument; opened: OpenedPersonalData }> {
    const doc = await this.profile(employeeId);
    return { doc, opened: await openPersonalData(this.events, employeeId, doc.personalDataRef) };
  }

  private execute(employeeId: string, command: EmployeeCommand, context: CommandContext): Promise<CommandResult> {
    return refusalsRecorded(this.events, context, { command: command.type, subjects: { employeeId } }, () =>
      handleCommand(this.events, employeeStream(employeeId), employeeDecider, command, context),
    );
  }
}
