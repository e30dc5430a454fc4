import { BadRequestException, Inject, Injectable, NotFoundException } from '@nestjs/common';
import { employeeDecider, EmployeeState, employeeStream } from '../domain/employee/employee.decider';
import { offboardingDecider, offboardingStream } from '../domain/offboarding/offboarding.decider';
import { WorkflowPolicy } from '../domain/policy/policy';
import { parameterInForce } from '../domain/policy/si-reduction';
import { earlierService } from '../domain/severance/earlier-service';
import { calculateSeverance } from '../domain/severance/severance';
import { IsoDate } from '../domain/shared/calendar';
import { loadState } from '../event-sourcing/command-handler';
import { EVENT_STORE, EventStore } from '../infrastructure/event-store/event-store.port';
import { PoliciesService } from '../policies/policies.service';
import { SeveranceQuery, SeveranceView } from './severance.dto';

type OnRecord = Exclude<EmployeeState, { status: 'none' }>;

interface AppliedPolicy {
  policy: WorkflowPolicy;
  pinnedByCase: string | null;
}

/**
 * The severance answer for one employee. The archive and the case are read from
 * their own streams, not from the profile read model: the figure may be paid or
 * put before an arbitrator, so it must reflect a hire, a wage or a separation
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

    const applied = await this.policyFor(employee, terminationDate);
    const parameters = applied?.policy.parameters;
    const result = calculateSeverance({
      hireDate: employee.hireDate,
      terminationDate,
      reason,
      // The archive's monthlyWage is the average monthly wage HR keeps over the last 12 months (API.md), art. 47 para. 3's wage.
      averageMonthlyWage: employee.monthlyWage,
      // No separate previous-month wage is recorded, so the same figure stands for it (Regs art. 20).
      previousMonthWage: employee.monthlyWage,
      regionalAverageMonthlyWage: (parameters && parameterInForce(parameters.averageMonthlyWage, terminationDate)) ?? null,
      minimumMonthlyWage: (parameters && parameterInForce(parameters.minimumMonthlyWage, terminationDate)) ?? null,
      withoutNotice: query.withoutNotice === 'true',
      unlawful: query.unlawful === 'true',
    });
    const recorded = separation && `recorded separation (case ${separation.caseId})`;
    // hireDate is the latest (re)hire: service counts from there (earlier-service.ts says why, and flags Regs art. 10 transfers).
    const earlier = earlierService({ hireDate: employee.hireDate, previousPeriods: employee.previousPeriods ?? [], priorTransfer: employee.priorTransfer });
    return {
      ...result,
      manualReview: result.manualReview || earlier.review.length > 0,
      reviewReasons: [...result.reviewReasons, ...earlier.review],
      inputs: {
        ...result.inputs,
        policy: applied && { region: applied.policy.region, category: applied.policy.category, version: applied.policy.version, pinnedByCase: applied.pinnedByCase },
        takenFrom: {
          terminationDate: query.terminationDate ? 'query' : recorded,
          reason: query.reason ? 'query' : recorded,
          averageMonthlyWage: 'employee archive: monthlyWage, the 12-month average HR keeps',
          previousMonthWage: 'employee archive: monthlyWage (no separate previous-month wage is recorded)',
        },
      },
      basis: [policyLine(applied, employee, terminationDate), ...earlier.basis, ...earlier.review, ...result.basis],
    };
  }

  /** The version pinned by the employee's offboarding case (open, or the one that separated them), else the version in force on the termination date. */
  private async policyFor(employee: OnRecord, terminationDate: IsoDate): Promise<AppliedPolicy | null> {
    const caseId = employee.status === 'separated' ? employee.separation.caseId : employee.openCaseId;
    if (caseId) {
      const offboardingCase = await loadState(this.events, offboardingStream(caseId), offboardingDecider);
      if (offboardingCase.status !== 'none') return { policy: offboardingCase.policy, pinnedByCase: caseId };
    }
    const policy = await this.policies.inForce(employee.region, employee.category, terminationDate);
    return policy && { policy, pinnedByCase: null };
  }
}

function policyLine(applied: AppliedPolicy | null, employee: OnRecord, terminationDate: IsoDate): string {
  if (!applied) return `${terminationDate} 无适用的 ${employee.region}/${employee.category} 政策。 / No ${employee.region}/${employee.category} policy is in force on ${terminationDate}.`;
  const { region, category, version } = applied.policy;
  const which = applied.pinnedByCase ? `离职案件 ${applied.pinnedByCase} 锁定的版本` : `${terminationDate} 适用的版本`;
  const whichEn = applied.pinnedByCase ? `the version pinned by offboarding case ${applied.pinnedByCase}` : `the version in force on ${terminationDate}`;
  return `地区参数取自政策 ${region}/${category} 第 ${version} 版（${which}）。 / Regional parameters from policy ${region}/${category} version ${version}, ${whichEn}.`;
}

function requiredWithoutSeparation(given: { terminationDate?: string; reason?: string }): BadRequestException {
  const errors = (['terminationDate', 'reason'] as const)
    .filter((field) => !given[field])
    .map((field) => ({ field, message: `${field} is required: the employee has no recorded separation to take it from` }));
  return new BadRequestException({ code: 'VALIDATION', message: `Invalid input: ${errors.map((e) => e.field).join(', ')}`, errors });
}
