import { BadRequestException, Inject, Injectable, NotFoundException } from '@nestjs/common';
import { employeeDecider, EmployeeState } from '../domain/employee/employee.decider';
import { OffboardingCase, offboardingDecider } from '../domain/offboarding/offboarding.decider';
import { dismissalNotice, SeparationFacts, separationFactsOf } from '../domain/offboarding/separation-facts';
import { WorkflowPolicy } from '../domain/policy/policy';
import { parameterInForce } from '../domain/policy/si-reduction';
import { averageWageInForce } from '../domain/severance/regional-average';
import { earlierService } from '../domain/severance/earlier-service';
import { calculateSeverance } from '../domain/severance/severance';
import { averageMonthlyWage } from '../domain/severance/wage-months';
import { IsoDate } from '../domain/shared/calendar';
import { SeparationReason } from '../domain/shared/vocabulary';
import { loadState } from '../event-sourcing/command-handler';
import { EVENT_STORE, EventStore } from '../infrastructure/event-store/event-store.port';
import { PoliciesService } from '../policies';
import { SeveranceQuery, SeveranceView } from './severance.dto';
import { employeeStream, offboardingStream } from '../domain/shared/streams';

type OnRecord = Exclude<EmployeeState, { status: 'none' }>;

interface AppliedPolicy {
  policy: WorkflowPolicy;
  pinnedByCase: string | null;
}

/**
 * The severance answer for one employee. The archive and the case are read from
 * their own streams, not from the profile read model: the figure may be paid or
 * put before an arbitrator, so it must reflect a hire, a wage, a payroll record or a separation
 * recorded a moment ago, and one employee's stream is a few events.
 */
@Injectable()
export class SeveranceService {
  constructor(
    @Inject(EVENT_STORE) private readonly events: EventStore,
    private readonly policies: PoliciesService,
  ) {}

  async calculate(employeeId: string, query: SeveranceQuery): Promise<SeveranceView> {
    const employee = await loadState(this.events, employeeStream(employeeId), employeeDecider);
    if (employee.status === 'none') throw new NotFoundException({ code: 'NOT_FOUND', message: `No employee ${employeeId}` });
    const separation = employee.status === 'separated' ? employee.separation : undefined;
    const terminationDate = query.terminationDate ?? separation?.terminationDate;
    const reason = query.reason ?? separation?.reason;
    if (!terminationDate || !reason) throw requiredWithoutSeparation({ terminationDate, reason });

    // The employee's case (open, or the one that separated them) pins the policy and records the separation facts: read once.
    const pinningCase = await this.recordedCase(employee);
    const applied = await this.policyFor(employee, pinningCase, terminationDate);
    const parameters = applied?.policy.parameters;
    // Art. 47 para. 2 takes the year before the termination year, not the newest figure in force (regional-average.ts).
    const average = averageWageInForce(parameters?.averageMonthlyWage ?? [], terminationDate);
    // Before the hire date the domain refuses below; the window is only asked for a real period.
    const wage = terminationDate >= employee.hireDate ? averageMonthlyWage(employee, terminationDate) : null;
    const facts = caseFacts(pinningCase, reason, query, terminationDate);
    const withoutNotice = facts.withoutNotice;
    const result = calculateSeverance({
      hireDate: employee.hireDate,
      terminationDate,
      reason,
      // W month by month (wage-months.ts); with no month known, 0, which the review reasons say and the minimum-wage floor lifts.
      averageMonthlyWage: wage?.average ?? 0,
      // Regs art. 20; with no wage known for that month, W stands in and the review reasons say so.
      previousMonthWage: wage?.previousMonth.amount ?? wage?.average ?? 0,
      regionalAverageMonthlyWage: average.figure,
      regionalAverageYearNeeded: average.needed,
      minimumMonthlyWage: (parameters && parameterInForce(parameters.minimumMonthlyWage, terminationDate)) ?? null,
      withoutNotice,
      unlawful: query.unlawful === 'true',
      proposedBy: facts.proposedBy,
      renewalOffer: facts.renewalOffer,
    });
    const recorded = separation && `recorded separation (case ${separation.caseId})`;
    const wageReview = wage ? [...wage.review, ...(withoutNotice ? wage.previousMonthReview : [])] : [];
    // hireDate is the latest (re)hire: service counts from there (earlier-service.ts says why, and flags Regs art. 10 transfers).
    const earlier = earlierService({
      hireDate: employee.hireDate,
      previousPeriods: employee.previousPeriods ?? [],
      priorTransfer: employee.priorTransfer,
    });
    return {
      ...result,
      manualReview: result.manualReview || wageReview.length > 0 || earlier.review.length > 0,
      reviewReasons: [...wageReview, ...result.reviewReasons, ...earlier.review],
      inputs: {
        ...result.inputs,
        wageMonths: wage?.months ?? [],
        previousMonth: wage?.previousMonth ?? null,
        noticeGivenOn: facts.noticeGivenOn,
        policy: applied && {
          region: applied.policy.region,
          category: applied.policy.category,
          version: applied.policy.version,
          pinnedByCase: applied.pinnedByCase,
        },
        takenFrom: {
          terminationDate: query.terminationDate ? 'query' : recorded,
          reason: query.reason ? 'query' : recorded,
          averageMonthlyWage: 'employee archive: the average of wageMonths (payroll records, else the wage history)',
          previousMonthWage: 'employee archive: previousMonth (payroll record, else the wage history)',
          regionalAverageMonthlyWage: applied
            ? `policy parameters.averageMonthlyWage: the newest figure public on the termination date for ${average.needed.year} or earlier`
            : 'no policy in force',
          ...facts.takenFrom,
        },
      },
      basis: [
        policyLine(applied, employee, terminationDate),
        ...earlier.basis,
        ...earlier.review,
        ...(wage?.basis ?? []),
        ...facts.basis,
        ...result.basis,
      ],
    };
  }

  /**
   * The facts art. 46 and art. 40 turn on (who proposed a mutual agreement, the renewal offer at an expiry, the
   * notice of a dismissal), from the query for a what-if, else from the employee's case (open, or the one that
   * separated them) when its reason is the one asked about: a case's facts say nothing about another reason.
   * A dismissal's recorded notice sets withoutNotice when the caller does not.
   */
  private async recordedCase(employee: OnRecord): Promise<OffboardingCase | null> {
    const caseId = employee.status === 'separated' ? employee.separation.caseId : employee.openCaseId;
    if (!caseId) return null;
    const state = await loadState(this.events, offboardingStream(caseId), offboardingDecider);
    return state.status === 'none' ? null : state;
  }

  /** The version pinned by the employee's offboarding case (open, or the one that separated them), else the version in force on the termination date. */
  private async policyFor(employee: OnRecord, recorded: OffboardingCase | null, terminationDate: IsoDate): Promise<AppliedPolicy | null> {
    if (recorded) return { policy: recorded.policy, pinnedByCase: recorded.caseId };
    const policy = await this.policies.inForce(employee.region, employee.category, terminationDate);
    return policy && { policy, pinnedByCase: null };
  }
}

function policyLine(applied: AppliedPolicy | null, employee: OnRecord, terminationDate: IsoDate): string {
  if (!applied)
    return `${terminationDate} 无适用的 ${employee.region}/${employee.category} 政策。 / No ${employee.region}/${employee.category} policy is in force on ${terminationDate}.`;
  const { region, category, version } = applied.policy;
  const which = applied.pinnedByCase ? `离职案件 ${applied.pinnedByCase} 锁定的版本` : `${terminationDate} 适用的版本`;
  const whichEn = applied.pinnedByCase
    ? `the version pinned by offboarding case ${applied.pinnedByCase}`
    : `the version in force on ${terminationDate}`;
  return `地区参数取自政策 ${region}/${category} 第 ${version} 版（${which}）。 / Regional parameters from policy ${region}/${category} version ${version}, ${whichEn}.`;
}

function requiredWithoutSeparation(given: { terminationDate?: string; reason?: string }): BadRequestException {
  const errors = (['terminationDate', 'reason'] as const)
    .filter((field) => !given[field])
    .map((field) => ({ field, message: `${field} is required: the employee has no recorded separation to take it from` }));
  return new BadRequestException({ code: 'VALIDATION', message: `Invalid input: ${errors.map((e) => e.field).join(', ')}`, errors });
}

/** The separation facts for the answer: the query's (what-if) first, else the recorded case's when its reason is the one asked about. */
function caseFacts(recorded: OffboardingCase | null, reason: SeparationReason, query: SeveranceQuery, terminationDate: IsoDate) {
  const fromCase: SeparationFacts = recorded && recorded.reason === reason ? separationFactsOf(recorded) : {};
  const where = recorded ? `offboarding case ${recorded.caseId}` : null;
  const source = (fromQuery: unknown, fromCaseValue: unknown) =>
    fromQuery !== undefined ? 'query' : fromCaseValue !== undefined ? where : 'not recorded';
  const notice = reason === 'dismissal' ? dismissalNotice(fromCase, terminationDate) : null;
  const withoutNotice = query.withoutNotice !== undefined ? query.withoutNotice === 'true' : (notice?.withoutNotice ?? false);
  return {
    proposedBy: query.proposedBy ?? fromCase.proposedBy ?? null,
    renewalOffer: query.renewalOffer ?? fromCase.renewalOffer ?? null,
    noticeGivenOn: fromCase.noticeGivenOn ?? null,
    withoutNotice,
    // The caller's flag wins over the recorded notice; the lines say what the record gives and that it was overruled.
    basis: !notice
      ? []
      : notice.withoutNotice === withoutNotice
        ? [notice.basis]
        : [
            notice.basis,
            `查询参数 withoutNotice=${withoutNotice} 优先于案件记载。 / The query's withoutNotice=${withoutNotice} takes precedence over the case's record.`,
          ],
    takenFrom: {
      proposedBy: source(query.proposedBy, fromCase.proposedBy),
      renewalOffer: source(query.renewalOffer, fromCase.renewalOffer),
      noticeGivenOn: fromCase.noticeGivenOn !== undefined ? where : 'not recorded',
      withoutNotice:
        query.withoutNotice !== undefined
          ? 'query'
          : notice
            ? `${where}: notice given on ${fromCase.noticeGivenOn}`
            : 'default: false (no notice recorded)',
    },
  };
}
