import { Inject, NotFoundException } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { v5 as uuidv5, v7 as uuidv7 } from 'uuid';
import { AuditedCommand } from '../../application/audited-command';
import { DomainError } from '../../domain/decider';
import { employeeDecider } from '../../domain/employee/employee.decider';
import { OffboardingCaseReserved } from '../../domain/employee/employee.events';
import { employeeEvents } from '../../domain/employee/employee.schemas';
import { OpenCase } from '../../domain/offboarding/offboarding.commands';
import { offboardingDecider, OffboardingState } from '../../domain/offboarding/offboarding.decider';
import { checkSeparationFacts, SeparationFacts } from '../../domain/offboarding/separation-facts';
import { WorkflowPolicy } from '../../domain/policy/policy';
import { IsoDate } from '../../domain/shared/calendar';
import { SeparationReason } from '../../domain/shared/vocabulary';
import { CommandResult, fold, handleCommand, loadState } from '../../event-sourcing/command-handler';
import { CommandContext, underApplicationKey } from '../../event-sourcing/envelope';
import { businessDate } from '../../infrastructure/business-day';
import { EVENT_STORE, EventStore, RecordedEvent } from '../../infrastructure/event-store/event-store.port';
import { PoliciesService } from '../../policies';
import { OpenCaseDto } from '../offboarding.dto';
import { employeeStream, offboardingStream } from '../../domain/shared/streams';

const CASE_ID_NAMESPACE = '0c7f2f4e-3b8a-4f55-9d0e-51a3e1f0b6a9';
const today = (context: CommandContext): IsoDate => businessDate(context.recordedAt);

/** What opens a case: the DTO's fields (the separation facts among them), and, from the import, the case id it derives from its row. */
export type CaseOpening = OpenCaseDto & { caseId?: string };

/**
 * Opens an offboarding case (离职) under the policy in force for the employee's
 * region and category on `openedAt` (default today). The one implementation of
 * the use case: the API, the import and the demo dispatch it.
 */
export class OpenOffboardingCase implements AuditedCommand {
  constructor(
    readonly opening: CaseOpening,
    readonly context: CommandContext,
  ) {}

  refusal() {
    return { command: 'OpenCase', subjects: { employeeId: this.opening.employeeId } };
  }
}

/** The case's first command: the hire date and today come from the application, for the decider's date checks. */
function openCaseCommand(
  employeeId: string,
  reservation: { caseId: string; reason: SeparationReason; lastWorkingDay: IsoDate },
  policy: WorkflowPolicy,
  openedAt: IsoDate,
  hireDate: IsoDate,
  day: IsoDate,
  facts: SeparationFacts = {},
): OpenCase {
  return { type: 'OpenCase', data: { ...reservation, employeeId, policy, openedAt, hireDate, today: day, ...facts } };
}

/**
 * Opening takes two streams: the employee archive is the lock (one open case per
 * person), then the case stream gets its first event.
 */
@CommandHandler(OpenOffboardingCase)
export class OpenOffboardingCaseHandler implements ICommandHandler<OpenOffboardingCase, CommandResult & { caseId: string }> {
  constructor(
    @Inject(EVENT_STORE) private readonly events: EventStore,
    private readonly policies: PoliciesService,
  ) {}

  async execute({ opening: dto, context }: OpenOffboardingCase): Promise<CommandResult & { caseId: string }> {
    const history = await this.events.readStream(employeeStream(dto.employeeId));
    const employee = fold(employeeDecider, history);
    if (employee.status === 'none') throw new NotFoundException({ code: 'NOT_FOUND', message: `No employee ${dto.employeeId}` });
    // Checked before the archive is locked: refused by OpenCase after the reservation, the case would be left half open.
    const facts = checkSeparationFacts(dto.reason, dto.lastWorkingDay, dto);
    const caseId = dto.caseId ?? newCaseId(dto.employeeId, context);
    if (employee.status === 'employed' && employee.openCaseId && employee.openCaseId !== caseId) {
      await this.finishInterruptedOpening(employee.openCaseId, history, context);
    }
    // A case entered after the fact was opened in the world on `openedAt`, under the policy in force that day.
    const openedAt = dto.openedAt ?? today(context);
    const policy = await this.policies.inForce(employee.region, employee.category, openedAt);
    if (!policy)
      throw new DomainError(
        'NO_POLICY',
        `No policy is in force for ${employee.region} / ${employee.category} on ${openedAt}; an administrator must publish one first.`,
      );
    const reservation = { caseId, reason: dto.reason, lastWorkingDay: dto.lastWorkingDay };
    const opening = openCaseCommand(dto.employeeId, reservation, policy, openedAt, employee.hireDate, today(context), facts);
    // Decided once before the archive's lock is taken: a case the decider refuses (dates out of order) must not leave a lock behind.
    offboardingDecider.decide(opening, offboardingDecider.initialState);
    await handleCommand(
      this.events,
      employeeStream(dto.employeeId),
      employeeDecider,
      { type: 'ReserveOffboarding', data: reservation },
      { ...context, effectiveDate: openedAt },
    );
    const result = await this.openCaseStream(opening, context);
    return { ...result, caseId };
  }

  /** The case stream's first event. Its ids derive from the case id, so a repeat (retry or repair) writes nothing. */
  private openCaseStream(command: OpenCase, context: CommandContext): Promise<CommandResult> {
    const { caseId, openedAt } = command.data;
    return handleCommand(this.events, offboardingStream(caseId), offboardingDecider, command, {
      ...underApplicationKey(context, `open-case:${caseId}`),
      effectiveDate: openedAt,
    });
  }

  /**
   * A crash between the reservation and the case's first event leaves a lock without a case: open that case now.
   * The reservation does not carry the separation facts, so such a case opens without them: they read as
   * unknown, and the severance and benefit answers then ask a person rather than guess.
   */
  private async finishInterruptedOpening(caseId: string, history: RecordedEvent[], context: CommandContext): Promise<void> {
    const existing: OffboardingState = await loadState(this.events, offboardingStream(caseId), offboardingDecider);
    if (existing.status !== 'none') return;
    const reserved = history.find((e) => reservationOf(e)?.caseId === caseId);
    const reservation = reserved && reservationOf(reserved);
    const employee = fold(employeeDecider, history);
    if (!reserved || !reservation || employee.status === 'none') return;
    const { reason, lastWorkingDay } = reservation;
    // The reservation is dated like the opening (openedAt); reservations written before that carry the day of the request.
    const reservedOn = reserved.metadata.effectiveDate;
    const openedAt = typeof reservedOn === 'string' && reservedOn <= today(context) ? reservedOn : today(context);
    const policy = await this.policies.inForce(employee.region, employee.category, openedAt);
    if (policy)
      await this.openCaseStream(
        openCaseCommand(employee.employeeId, { caseId, reason, lastWorkingDay }, policy, openedAt, employee.hireDate, today(context)),
        context,
      );
  }
}

/** A retried request (same Idempotency-Key) must land on the same case. */
function newCaseId(employeeId: string, context: CommandContext): string {
  return context.idempotencyKey
    ? `C${uuidv5(`${employeeId}|${context.idempotencyKey}`, CASE_ID_NAMESPACE).replace(/-/g, '').slice(0, 16)}`
    : `C${uuidv7().replace(/-/g, '')}`;
}

/** The reservation a stored employee event makes, read through the employee's event seam; null for any other event. */
function reservationOf(stored: RecordedEvent): OffboardingCaseReserved['data'] | null {
  if (stored.type !== 'OffboardingCaseReserved') return null;
  const event = employeeEvents.read(stored);
  return event.type === 'OffboardingCaseReserved' ? event.data : null;
}
