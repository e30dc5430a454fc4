import { Inject, Injectable, NotFoundException } from '@nestjs/common';
import {
  accountContinuity,
  defaultThrough,
  isTransferredOut,
  monthCalendar,
  MonthRun,
  TypeContinuity,
} from '../domain/continuity/continuity';
import { PensionMinimum, pensionMinimum } from '../domain/continuity/pension-minimum';
import { UnemploymentBenefit, unemploymentBenefit } from '../domain/continuity/unemployment-benefit';
import { IsoMonth } from '../domain/shared/calendar';
import { OffboardingCase } from '../domain/offboarding/offboarding.decider';
import { separationFactsOf } from '../domain/offboarding/separation-facts';
import { InsuranceType } from '../domain/shared/vocabulary';
import { insuranceDecider } from '../domain/social-insurance/insurance.decider';
import { insuranceState } from '../domain/social-insurance/paid-runs';
import { EMPLOYEE_PROFILES, EmployeeProfileDocument, employeeProfiles } from '../employees';
import { Clock, CLOCK } from '../infrastructure/clock';
import { READ_STORE, ReadStore } from '../infrastructure/read-store/read-store.port';
import { CaseDocuments } from '../offboarding';
import { ProjectionsService } from '../projections/projections.service';
import { ContinuityQuery } from './continuity.dto';
import { businessMonth } from '../infrastructure/business-day';

export interface EmployeeContinuity {
  employeeId: string;
  through: IsoMonth;
  transferredOut: boolean;
  types: Partial<Record<InsuranceType, TypeContinuity & { calendar: MonthRun[] }>>;
  unemploymentBenefit: UnemploymentBenefit;
  pension: PensionMinimum;
}

/** One employee's continuity, from the profile read model (by id) and their latest case (by the employeeId index). */
@Injectable()
export class ContinuityService {
  private readonly cases: CaseDocuments;

  constructor(
    @Inject(READ_STORE) private readonly reads: ReadStore,
    private readonly projections: ProjectionsService,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {
    this.cases = new CaseDocuments(reads, projections);
  }

  async employeeContinuity(employeeId: string, query: ContinuityQuery): Promise<EmployeeContinuity> {
    const profile = await this.reads.get<EmployeeProfileDocument>(
      this.projections.collection(employeeProfiles.name, EMPLOYEE_PROFILES),
      employeeId,
    );
    if (!profile || profile.status === 'none') throw new NotFoundException({ code: 'NOT_FOUND', message: `No employee ${employeeId}` });
    const insurance = profile.insurance ? insuranceState(profile.insurance) : insuranceDecider.initialState;
    const now = this.clock();
    const through = query.through ?? defaultThrough(insurance, businessMonth(now));
    const types = accountContinuity(insurance, through);
    const latest = await this.latestCase(employeeId);
    const separationReason = query.separationReason ?? latest?.reason ?? null;
    // The case's facts are about its own reason; a different ?separationReason= is judged on the query's facts alone.
    const recorded = latest && latest.reason === separationReason ? separationFactsOf(latest) : {};
    const facts = { proposedBy: query.proposedBy ?? recorded.proposedBy, renewalOffer: query.renewalOffer ?? recorded.renewalOffer };
    return {
      employeeId,
      through,
      transferredOut: isTransferredOut(insurance),
      // The month-by-month states of each type, for a calendar (the console's continuity page).
      types: Object.fromEntries(
        Object.entries(types).map(([type, c]) => [type, { ...c, calendar: monthCalendar(insurance, type as InsuranceType, through) }]),
      ),
      unemploymentBenefit: unemploymentBenefit(separationReason, types.unemployment?.coveredMonths ?? 0, facts),
      pension: pensionMinimum(query.retirementYear ?? Number(businessMonth(now).slice(0, 4)), types.pension?.coveredMonths ?? 0),
    };
  }

  /** A cancelled case separated no one; of the others at most one exists, as a separated archive opens no new case. */
  private async latestCase(employeeId: string): Promise<OffboardingCase | null> {
    const [latest] = await this.cases.find({
      filter: { employeeId, status: { $in: ['open', 'completed'] } },
      sort: { openedAt: -1 },
      limit: 1,
    });
    return latest && latest.state.status !== 'none' ? latest.state : null;
  }
}
