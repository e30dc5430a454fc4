import { Inject, Injectable, NotFoundException } from '@nestjs/common';
import { v5 as uuidv5, v7 as uuidv7 } from 'uuid';
import { refusalsRecorded, RefusalSubject } from '../audit/refusals';
import { DomainError } from '../domain/decider';
import { employeeDecider, employeeStream } from '../domain/employee/employee.decider';
import { OffboardingCaseReserved } from '../domain/employee/employee.events';
import { OffboardingCommand, OpenCase } from '../domain/offboarding/offboarding.commands';
import { offboardingDecider, OffboardingState, offboardingStream } from '../domain/offboarding/offboarding.decider';
import { checkSeparationFacts, SeparationFacts } from '../domain/offboarding/separation-facts';
import { WorkflowPolicy } from '../domain/policy/policy';
import { IsoDate } from '../domain/shared/calendar';
import { Role, SeparationReason, StepKey } from '../domain/shared/vocabulary';
import { CommandResult, fold, handleCommand, loadState } from '../event-sourcing/command-handler';
import { CommandContext, underApplicationKey } from '../event-sourcing/envelope';
import { EVENT_STORE, EventStore } from '../infrastructure/event-store/event-store.port';
import { READ_STORE, ReadStore } from '../infrastructure/read-store/read-store.port';
import { PoliciesService } from '../policies/policies.service';
import { ProjectionsService } from '../projections/projections.service';
import { CaseDocument } from './case.document';
import { caseViews, CaseViewDocument, OFFBOARDING_CASE_VIEWS, OFFBOARDING_CASES } from './case-view.projection';
import { StoredCaseView, storedCaseView } from './case.view';
import { CaseListQuery, OpenCaseDto, StepCommandDto } from './offboarding.dto';
import { businessDate } from '../infrastructure/business-day';

const CASE_ID_NAMESPACE = '0c7f2f4e-3b8a-4f55-9d0e-51a3e1f0b6a9';
const today = (context: CommandContext): IsoDate => businessDate(context.recordedAt);

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
 * Offboarding cases. Opening one takes two streams: the employee archive is the
 * lock (one open case per person), then the case stream gets its first event.
 * Every refused command is also written to the refusal log.
 */
@Injectable()
export class OffboardingService {
  constructor(
    @Inject(EVENT_STORE) private readonly events: EventStore,
    @Inject(READ_STORE) private readonly reads: ReadStore,
    private readonly policies: PoliciesService,
    private readonly projections: ProjectionsService,
  ) {}

  async open(dto: OpenCaseDto, context: CommandContext): Promise<CommandResult & { caseId: string }> {
    return this.refusalsRecorded(context, { command: 'OpenCase', subjects: { employeeId: dto.employeeId } }, async () => {
      const history = await this.events.readStream(employeeStream(dto.employeeId));
      const employee = fold(employeeDecider, history);
      if (employee.status === 'none') throw new NotFoundException({ code: 'NOT_FOUND', message: `No employee ${dto.employeeId}` });
      // Checked before the archive is locked: refused by OpenCase after the reservation, the case would be left half open.
      const facts = checkSeparationFacts(dto.reason, dto.lastWorkingDay, dto);
      // A retried request (same Idempotency-Key) must land on the same case.
      const caseId = context.idempotencyKey ? `C${uuidv5(`${dto.employeeId}|${context.idempotencyKey}`, CASE_ID_NAMESPACE).replace(/-/g, '').slice(0, 16)}` : `C${uuidv7().replace(/-/g, '')}`;
      if (employee.status === 'employed' && employee.openCaseId && employee.openCaseId !== caseId) {
        await this.finishInterruptedOpening(employee.openCaseId, history, context);
      }
      // A case entered after the fact was opened in the world on `openedAt`, under the policy in force that day.
      const openedAt = dto.openedAt ?? today(context);
      const policy = await this.policies.inForce(employee.region, employee.category, openedAt);
      if (!policy) throw new DomainError('NO_POLICY', `No policy is in force for ${employee.region} / ${employee.category} on ${openedAt}; an administrator must publish one first.`);
      const reservation = { caseId, reason: dto.reason, lastWorkingDay: dto.lastWorkingDay };
      const opening = openCaseCommand(dto.employeeId, reservation, policy, openedAt, employee.hireDate, today(context), facts);
      // Decided once before the archive's lock is taken: a case the decider refuses (dates out of order) must not leave a lock behind.
      offboardingDecider.decide(opening, offboardingDecider.initialState);
      await handleCommand(this.events, employeeStream(dto.employeeId), employeeDecider, { type: 'ReserveOffboarding', data: reservation }, { ...context, effectiveDate: openedAt });
      const result = await this.openCaseStream(opening, context);
      return { ...result, caseId };
    });
  }

  async performStep(caseId: string, step: StepKey, dto: StepCommandDto, context: CommandContext): Promise<CommandResult> {
    const action = dto.action ?? 'complete';
    return this.refusalsRecorded(context, { command: 'PerformStep', subjects: { caseId }, step, action }, () =>
      this.execute(caseId, {
        type: 'PerformStep',
        data: {
          step,
          action,
          effectiveDate: dto.effectiveDate ?? today(context),
          note: dto.note,
          data: dto.data,
          actor: { id: context.actor.id, role: context.actor.role as Role },
          today: today(context),
          override: dto.override,
        },
      }, context),
    );
  }

  async cancel(caseId: string, note: string, context: CommandContext): Promise<CommandResult> {
    return this.refusalsRecorded(context, { command: 'CancelCase', subjects: { caseId } }, () =>
      this.execute(caseId, { type: 'CancelCase', data: { note, actor: { id: context.actor.id, role: context.actor.role as Role } } }, { ...context, effectiveDate: today(context) }),
    );
  }

  /**
   * The view the projection keeps; computed from the case document when there is
   * none, as in a generation written before views were kept while the new one rebuilds.
   */
  async view(caseId: string): Promise<StoredCaseView> {
    const kept = await this.reads.get<CaseViewDocument>(this.projections.collection(caseViews.name, OFFBOARDING_CASE_VIEWS), caseId);
    if (kept) return kept;
    const doc = await this.reads.get<CaseDocument>(this.cases(), caseId);
    if (!doc || doc.state.status === 'none') throw new NotFoundException({ code: 'NOT_FOUND', message: `No offboarding case ${caseId}` });
    return storedCaseView(doc.state);
  }

  list(query: CaseListQuery): Promise<CaseDocument[]> {
    const filter = { ...(query.status ? { status: query.status } : {}), ...(query.employeeId ? { employeeId: query.employeeId } : {}) };
    return this.reads.find<CaseDocument>(this.cases(), { filter, sort: { openedAt: -1 }, limit: 500 });
  }

  private cases(): string {
    return this.projections.collection(caseViews.name, OFFBOARDING_CASES);
  }

  private async execute(caseId: string, command: OffboardingCommand, context: CommandContext): Promise<CommandResult> {
    return handleCommand(this.events, offboardingStream(caseId), offboardingDecider, command, context);
  }

  /** The case stream's first event. Its ids derive from the case id, so a repeat (retry or repair) writes nothing. */
  private openCaseStream(command: OpenCase, context: CommandContext): Promise<CommandResult> {
    const { caseId, openedAt } = command.data;
    return this.execute(caseId, command, { ...underApplicationKey(context, `open-case:${caseId}`), effectiveDate: openedAt });
  }

  /**
   * A crash between the reservation and the case's first event leaves a lock without a case: open that case now.
   * The reservation does not carry the separation facts, so such a case opens without them: they read as
   * unknown, and the severance and benefit answers then ask a person rather than guess.
   */
  private async finishInterruptedOpening(caseId: string, history: Awaited<ReturnType<EventStore['readStream']>>, context: CommandContext): Promise<void> {
    const existing: OffboardingState = await loadState(this.events, offboardingStream(caseId), offboardingDecider);
    if (existing.status !== 'none') return;
    const reserved = history.find((e) => e.type === 'OffboardingCaseReserved' && (e.data as OffboardingCaseReserved['data']).caseId === caseId);
    const employee = fold(employeeDecider, history);
    if (!reserved || employee.status === 'none') return;
    const { reason, lastWorkingDay } = reserved.data as OffboardingCaseReserved['data'];
    // The reservation is dated like the opening (openedAt); reservations written before that carry the day of the request.
    const reservedOn = reserved.metadata.effectiveDate;
    const openedAt = typeof reservedOn === 'string' && reservedOn <= today(context) ? reservedOn : today(context);
    const policy = await this.policies.inForce(employee.region, employee.category, openedAt);
    if (policy) await this.openCaseStream(openCaseCommand(employee.employeeId, { caseId, reason, lastWorkingDay }, policy, openedAt, employee.hireDate, today(context)), context);
  }

  /** Every refused command goes to the refusal log; a case's employee is looked up only then. */
  private refusalsRecorded<T>(context: CommandContext, about: RefusalSubject, run: () => Promise<T>): Promise<T> {
    const subject = async (): Promise<RefusalSubject> => ({ ...about, subjects: { ...about.subjects, employeeId: about.subjects.employeeId ?? (await this.employeeOfCase(about.subjects.caseId)) } });
    return refusalsRecorded(this.events, context, subject, run);
  }

  private async employeeOfCase(caseId: string | undefined): Promise<string | undefined> {
    if (!caseId) return undefined;
    const state = await loadState(this.events, offboardingStream(caseId), offboardingDecider);
    return state.status === 'none' ? undefined : state.employeeId;
  }
}
