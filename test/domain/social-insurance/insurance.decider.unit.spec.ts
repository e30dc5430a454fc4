import { DomainError } from '../../../src/domain/decider';
import { InsuranceType } from '../../../src/domain/shared/vocabulary';
import { InsuranceCommand } from '../../../src/domain/social-insurance/insurance.commands';
import { contributionBaseIn, insuranceDecider, lastPaidMonth, paidMonths } from '../../../src/domain/social-insurance/insurance.decider';
import {
  ContributionBaseAdjusted,
  ContributionCorrected,
  ContributionRecorded,
  InsuranceEvent,
  SocialInsuranceEnrolled,
  SocialInsuranceTransferredOut,
} from '../../../src/domain/social-insurance/insurance.events';
import { spec } from '../given-when-then';
import { insuranceStream } from '../../../src/domain/shared/streams';

const given = (history: InsuranceEvent[]) => spec(insuranceDecider).given(history);
const stateAfter = (history: InsuranceEvent[]) => history.reduce(insuranceDecider.evolve, insuranceDecider.initialState);

// ---- Events -----------------------------------------------------------------------

const enrolled = (data: Partial<SocialInsuranceEnrolled['data']> = {}): SocialInsuranceEnrolled => ({
  type: 'SocialInsuranceEnrolled',
  data: {
    employeeId: 'E1001',
    startMonth: '2024-01',
    insuranceTypes: ['pension', 'medical'],
    contributionBase: 12000,
    hireDate: '2024-01-08',
    ...data,
  },
});
const recorded = (month: string, insuranceTypes: InsuranceType[] = ['pension', 'medical'], base = 12000): ContributionRecorded => ({
  type: 'ContributionRecorded',
  data: { month, insuranceTypes, base },
});
const corrected = (month: string, insuranceTypes: InsuranceType[], base: number, previousBase: number): ContributionCorrected => ({
  type: 'ContributionCorrected',
  data: { month, insuranceTypes, base, previousBase },
});
const baseAdjusted = (fromMonth: string, contributionBase: number, previousBase: number): ContributionBaseAdjusted => ({
  type: 'ContributionBaseAdjusted',
  data: { fromMonth, contributionBase, previousBase },
});
const transferredOut = (
  caseId: string,
  lastPaid: string,
  contributionsAfterLastPaidMonth: string[] = [],
): SocialInsuranceTransferredOut => ({
  type: 'SocialInsuranceTransferredOut',
  data: { caseId, lastPaidMonth: lastPaid, contributionsAfterLastPaidMonth },
});

// ---- Commands ---------------------------------------------------------------------

type Data<T extends InsuranceCommand['type']> = Extract<InsuranceCommand, { type: T }>['data'];

/** The business day commands are sent on, unless a test says otherwise: after every month the specs record. */
const TODAY = '2026-12-31';

const enrol = (data: Partial<Data<'EnrollInSocialInsurance'>> = {}): InsuranceCommand => ({
  type: 'EnrollInSocialInsurance',
  data: {
    employeeId: 'E1001',
    startMonth: '2024-01',
    insuranceTypes: ['pension', 'medical'],
    contributionBase: 12000,
    hireDate: '2024-01-08',
    today: TODAY,
    ...data,
  },
});
const contribute = (month: string, data: Partial<Data<'RecordContribution'>> = {}): InsuranceCommand => ({
  type: 'RecordContribution',
  data: { month, base: 12000, correction: false, today: TODAY, ...data },
});
const correct = (month: string, data: Partial<Data<'RecordContribution'>> = {}) => contribute(month, { correction: true, ...data });
const adjustBase = (fromMonth: string, contributionBase: number, today = TODAY): InsuranceCommand => ({
  type: 'AdjustContributionBase',
  data: { fromMonth, contributionBase, today },
});
const closeForTransferOut = (caseId: string, lastPaid: string): InsuranceCommand => ({
  type: 'CloseForTransferOut',
  data: { caseId, lastPaidMonth: lastPaid },
});

const BAD_AMOUNTS: Array<[string, number]> = [
  ['zero', 0],
  ['negative', -1],
  ['NaN', NaN],
  ['non-finite', Infinity],
  ['three decimals', 12000.005],
];

describe('insuranceStream', () => {
  it('is in the insurance category', () => {
    expect(insuranceStream('E1001')).toBe('insurance-E1001');
  });
});

describe('when the employee is not enrolled', () => {
  const history: InsuranceEvent[] = [];

  it('enrols, keeping the hire date the check used', () => {
    given(history).when(enrol()).then([enrolled()]);
  });

  it('enrols from the month of hire (boundary) and long after it', () => {
    given(history)
      .when(enrol({ startMonth: '2024-01', hireDate: '2024-01-31' }))
      .then([enrolled({ hireDate: '2024-01-31' })]);
    given(history)
      .when(enrol({ startMonth: '2026-05' }))
      .then([enrolled({ startMonth: '2026-05' })]);
  });

  it('refuses an enrolment in the month before the month of hire', () => {
    const error = given(history)
      .when(enrol({ startMonth: '2023-12', hireDate: '2024-01-01' }))
      .thenThrows('ENROLMENT_BEFORE_HIRE', { startMonth: '2023-12' });
    expect(error.message).toContain('2024-01');
  });

  it('accepts a base with two decimals', () => {
    given(history)
      .when(enrol({ contributionBase: 12000.55 }))
      .then([enrolled({ contributionBase: 12000.55 })]);
  });

  it.each(BAD_AMOUNTS)('refuses a %s contribution base', (_, contributionBase) => {
    given(history).when(enrol({ contributionBase })).thenThrows('INVALID_AMOUNT', { field: 'contributionBase' });
  });

  it('refuses no insurance types', () => {
    given(history)
      .when(enrol({ insuranceTypes: [] }))
      .thenThrows('INVALID_INSURANCE_TYPES');
  });

  it('refuses a repeated insurance type', () => {
    given(history)
      .when(enrol({ insuranceTypes: ['pension', 'medical', 'pension'] }))
      .thenThrows('INVALID_INSURANCE_TYPES', { repeated: ['pension'] });
  });

  it('refuses an unknown insurance type', () => {
    given(history)
      .when(enrol({ insuranceTypes: ['pension', 'dental' as InsuranceType] }))
      .thenThrows('INVALID_INSURANCE_TYPES', { unknown: ['dental'] });
  });

  it('refuses a malformed start month and hire date', () => {
    given(history)
      .when(enrol({ startMonth: '2024-13' }))
      .thenThrows('INVALID_MONTH', { field: 'startMonth' });
    given(history)
      .when(enrol({ hireDate: '2024-02-30' }))
      .thenThrows('INVALID_DATE', { field: 'hireDate' });
  });

  it('refuses contributions, base adjustments and transfer-outs', () => {
    const error = given(history).when(contribute('2024-01')).thenThrows('NOT_ENROLLED');
    expect(error.message).toMatch(/尚未参保.*not enrolled/);
    given(history).when(adjustBase('2024-01', 13000)).thenThrows('NOT_ENROLLED');
    given(history).when(closeForTransferOut('C1', '2024-01')).thenThrows('NOT_ENROLLED');
  });
});

describe('when the employee is enrolled (no contributions yet)', () => {
  const history = [enrolled()];

  it('refuses a second enrolment', () => {
    given(history)
      .when(enrol({ startMonth: '2024-06' }))
      .thenThrows('ALREADY_ENROLLED', { startMonth: '2024-01' });
  });

  it('records a contribution exactly in the start month, for every enrolled type by default', () => {
    const { state } = given(history)
      .when(contribute('2024-01'))
      .then([recorded('2024-01', ['pension', 'medical'])]);
    expect(paidMonths(state, 'pension')).toEqual(['2024-01']);
    expect(paidMonths(state, 'medical')).toEqual(['2024-01']);
  });

  it('records a contribution for the types named only', () => {
    const { state } = given(history)
      .when(contribute('2024-02', { insuranceTypes: ['medical'], base: 9000 }))
      .then([recorded('2024-02', ['medical'], 9000)]);
    expect(paidMonths(state, 'pension')).toEqual([]);
    expect(state.paid.medical).toEqual({ '2024-02': { base: 9000, corrections: 0 } });
  });

  it('refuses a contribution for the month before the start month (enrolled late, after the hire)', () => {
    given([enrolled({ hireDate: '2023-11-20' })])
      .when(contribute('2023-12'))
      .thenThrows('CONTRIBUTION_OUTSIDE_ENROLMENT', { month: '2023-12', startMonth: '2024-01' });
  });

  it('refuses a contribution for a month before the hire, naming the hire date rather than the enrolment', () => {
    const error = given(history)
      .when(contribute('2023-12'))
      .thenThrows('DATE_OUT_OF_ORDER', {
        field: 'month',
        date: '2023-12',
        conflictsWith: { event: 'SocialInsuranceEnrolled', field: 'hireDate', effectiveDate: '2024-01-08' },
      });
    expect(error.message).toMatch(/入职月.*month of hire/);
  });

  it('refuses a contribution for a type not enrolled, naming it', () => {
    const error = given(history)
      .when(contribute('2024-02', { insuranceTypes: ['pension', 'unemployment'] }))
      .thenThrows('CONTRIBUTION_OUTSIDE_ENROLMENT', { month: '2024-02', insuranceTypes: ['unemployment'] });
    expect(error.message).toContain('失业保险');
  });

  it('refuses a contribution for an unknown type as not enrolled', () => {
    given(history)
      .when(contribute('2024-02', { insuranceTypes: ['dental' as InsuranceType] }))
      .thenThrows('CONTRIBUTION_OUTSIDE_ENROLMENT', { insuranceTypes: ['dental'] });
  });

  it('refuses an empty or repeated list of types', () => {
    given(history)
      .when(contribute('2024-02', { insuranceTypes: [] }))
      .thenThrows('INVALID_INSURANCE_TYPES');
    given(history)
      .when(contribute('2024-02', { insuranceTypes: ['pension', 'pension'] }))
      .thenThrows('INVALID_INSURANCE_TYPES', { repeated: ['pension'] });
  });

  it.each(BAD_AMOUNTS)('refuses a %s contribution', (_, base) => {
    given(history).when(contribute('2024-02', { base })).thenThrows('INVALID_AMOUNT', { field: 'base' });
  });

  it('refuses a malformed month', () => {
    given(history).when(contribute('2024-3')).thenThrows('INVALID_MONTH', { field: 'month' });
  });

  it('refuses a correction of a month not paid yet', () => {
    const error = given(history)
      .when(correct('2024-02'))
      .thenThrows('NOTHING_TO_CORRECT', { month: '2024-02', insuranceTypes: ['pension', 'medical'] });
    expect(error.message).toMatch(/无可更正.*no recorded contribution/);
  });

  it('adjusts the base from a month, naming the base it replaces', () => {
    const { state } = given(history)
      .when(adjustBase('2024-07', 13500))
      .then([baseAdjusted('2024-07', 13500, 12000)]);
    expect(contributionBaseIn(state.periods[0], '2024-06')).toBe(12000);
    expect(contributionBaseIn(state.periods[0], '2024-07')).toBe(13500);
    expect(contributionBaseIn(state.periods[0], '2025-03')).toBe(13500);
  });

  it('adjusts the base exactly from the start month, and refuses the month before', () => {
    given(history)
      .when(adjustBase('2024-01', 13000))
      .then([baseAdjusted('2024-01', 13000, 12000)]);
    given(history).when(adjustBase('2023-12', 13000)).thenThrows('CONTRIBUTION_OUTSIDE_ENROLMENT', { month: '2023-12' });
  });

  it('refuses a bad adjusted base', () => {
    given(history).when(adjustBase('2024-02', 0)).thenThrows('INVALID_AMOUNT', { field: 'contributionBase' });
  });

  it('closes for transfer-out', () => {
    const { state } = given(history)
      .when(closeForTransferOut('C1', '2024-01'))
      .then([transferredOut('C1', '2024-01', [])]);
    expect(state.periods[0].transferOut).toEqual({ caseId: 'C1', lastPaidMonth: '2024-01', contributionsAfterLastPaidMonth: [] });
  });

  it('refuses a transfer-out whose last paid month is before the start month', () => {
    given(history).when(closeForTransferOut('C1', '2023-12')).thenThrows('CONTRIBUTION_OUTSIDE_ENROLMENT', { month: '2023-12' });
  });
});

describe('when contributions are recorded', () => {
  const history = [enrolled(), recorded('2024-01'), recorded('2024-02'), recorded('2024-03'), recorded('2024-04', ['pension'])];

  it('refuses a month already paid, naming the types', () => {
    const error = given(history)
      .when(contribute('2024-03'))
      .thenThrows('DUPLICATE_CONTRIBUTION', { month: '2024-03', insuranceTypes: ['pension', 'medical'] });
    expect(error.message).toBe(
      '2024-03 的养老保险、医疗保险已缴 / pension, medical for 2024-03 are already recorded; mark it as a correction to change it',
    );
  });

  it('names only the types already paid when some of them are', () => {
    const error = given(history)
      .when(contribute('2024-04'))
      .thenThrows('DUPLICATE_CONTRIBUTION', { month: '2024-04', insuranceTypes: ['pension'] });
    expect((error.details as { insuranceTypes: string[] }).insuranceTypes).toEqual(['pension']);
    expect(error.message).toBe('2024-04 的养老保险已缴 / pension for 2024-04 is already recorded; mark it as a correction to change it');
  });

  it('records a type not yet paid for a month another type is paid for', () => {
    given(history)
      .when(contribute('2024-04', { insuranceTypes: ['medical'] }))
      .then([recorded('2024-04', ['medical'])]);
  });

  it('corrects a paid month as its own event, counting the correction', () => {
    const { state } = given(history)
      .when(correct('2024-03', { insuranceTypes: ['pension'], base: 12500 }))
      .then([corrected('2024-03', ['pension'], 12500, 12000)]);
    expect(state.paid.pension?.['2024-03']).toEqual({ base: 12500, corrections: 1 });
    expect(state.paid.medical?.['2024-03']).toEqual({ base: 12000, corrections: 0 });
    expect(paidMonths(state, 'pension')).toEqual(['2024-01', '2024-02', '2024-03', '2024-04']);
  });

  it('corrects every enrolled type by default', () => {
    given(history)
      .when(correct('2024-02', { base: 11000 }))
      .then([corrected('2024-02', ['pension', 'medical'], 11000, 12000)]);
  });

  it('emits one correction per previous base so that each previousBase is exact', () => {
    const withDifferentBases = [...history, corrected('2024-03', ['medical'], 9000, 12000)];
    const { state } = given(withDifferentBases)
      .when(correct('2024-03', { base: 13000 }))
      .then([corrected('2024-03', ['pension'], 13000, 12000), corrected('2024-03', ['medical'], 13000, 9000)]);
    expect(state.paid.medical?.['2024-03']).toEqual({ base: 13000, corrections: 2 });
  });

  it('refuses a correction when one of the types is not paid for that month, naming it', () => {
    given(history)
      .when(correct('2024-04'))
      .thenThrows('NOTHING_TO_CORRECT', { month: '2024-04', insuranceTypes: ['medical'] });
  });

  it('rolls over from 2024-12 to 2025-01', () => {
    const yearEnd = [enrolled({ startMonth: '2024-11' }), recorded('2024-11'), recorded('2024-12')];
    const { state } = given(yearEnd)
      .when(contribute('2025-01'))
      .then([recorded('2025-01', ['pension', 'medical'])]);
    expect(paidMonths(state, 'pension')).toEqual(['2024-11', '2024-12', '2025-01']);
    expect(lastPaidMonth(state, 'pension')).toBe('2025-01');
    given([...yearEnd, recorded('2025-01')])
      .when(contribute('2025-01'))
      .thenThrows('DUPLICATE_CONTRIBUTION', { month: '2025-01' });
  });

  it('names the base in force, after earlier adjustments, when adjusting again', () => {
    given([...history, baseAdjusted('2024-07', 13500, 12000)])
      .when(adjustBase('2024-09', 14000))
      .then([baseAdjusted('2024-09', 14000, 13500)]);
    given([...history, baseAdjusted('2024-07', 13500, 12000)])
      .when(adjustBase('2024-05', 12800))
      .then([baseAdjusted('2024-05', 12800, 12000)]);
  });

  it('replaces an adjustment from the same month', () => {
    const state = stateAfter([...history, baseAdjusted('2024-07', 13500, 12000), baseAdjusted('2024-07', 14000, 13500)]);
    expect(state.periods[0].bases).toEqual([
      { fromMonth: '2024-01', contributionBase: 12000 },
      { fromMonth: '2024-07', contributionBase: 14000 },
    ]);
  });

  it('closes for transfer-out, listing the months recorded after the last paid month without refusing', () => {
    given(history)
      .when(closeForTransferOut('C1', '2024-02'))
      .then([transferredOut('C1', '2024-02', ['2024-03', '2024-04'])]);
    given(history)
      .when(closeForTransferOut('C1', '2024-04'))
      .then([transferredOut('C1', '2024-04', [])]);
  });
});

describe('when the account was transferred out', () => {
  // Paid through 2024-03; the bureau says 2024-04 was paid too, so it can still be recorded (补缴).
  const history = [enrolled(), recorded('2024-01'), recorded('2024-02'), recorded('2024-03'), transferredOut('C1', '2024-04')];

  it('records a back-payment for exactly the last paid month', () => {
    given(history)
      .when(contribute('2024-04'))
      .then([recorded('2024-04', ['pension', 'medical'])]);
  });

  it('refuses a contribution for the month after the last paid month', () => {
    const error = given(history)
      .when(contribute('2024-05'))
      .thenThrows('CONTRIBUTION_AFTER_TRANSFER_OUT', { month: '2024-05', lastPaidMonth: '2024-04', caseId: 'C1', nextStartMonth: null });
    expect(error.message).toMatch(/社保已转出.*transferred out/);
  });

  it('refuses a contribution years after the transfer-out', () => {
    given(history)
      .when(contribute('2026-01', { correction: true }))
      .thenThrows('CONTRIBUTION_AFTER_TRANSFER_OUT');
  });

  it('still corrects an earlier month', () => {
    given(history)
      .when(correct('2024-02', { base: 12100 }))
      .then([corrected('2024-02', ['pension', 'medical'], 12100, 12000)]);
  });

  it('still refuses a duplicate of an earlier month', () => {
    given(history).when(contribute('2024-02')).thenThrows('DUPLICATE_CONTRIBUTION', { month: '2024-02' });
  });

  it('ignores the same transfer-out again (idempotent)', () => {
    given(history).when(closeForTransferOut('C1', '2024-04')).then([]);
    given(history).when(closeForTransferOut('C1', '2024-06')).then([]);
  });

  it('refuses a transfer-out for another case', () => {
    const error = given(history)
      .when(closeForTransferOut('C2', '2024-05'))
      .thenThrows('ALREADY_TRANSFERRED_OUT', { caseId: 'C1', lastPaidMonth: '2024-04' });
    expect(error).toBeInstanceOf(DomainError);
    expect(error.message).toContain('C1');
  });

  it('refuses a base adjustment', () => {
    given(history).when(adjustBase('2024-04', 13000)).thenThrows('ALREADY_TRANSFERRED_OUT', { caseId: 'C1' });
  });

  it('re-enrols from the month after the last paid month', () => {
    const { state } = given(history)
      .when(enrol({ startMonth: '2024-05', hireDate: '2024-05-20', contributionBase: 15000 }))
      .then([enrolled({ startMonth: '2024-05', hireDate: '2024-05-20', contributionBase: 15000 })]);
    expect(state.periods.map((p) => [p.startMonth, p.transferOut?.lastPaidMonth ?? null])).toEqual([
      ['2024-01', '2024-04'],
      ['2024-05', null],
    ]);
  });

  it('refuses a re-enrolment starting in the last paid month', () => {
    const error = given(history)
      .when(enrol({ startMonth: '2024-04', hireDate: '2024-04-20' }))
      .thenThrows('ALREADY_ENROLLED', { startMonth: '2024-04', lastPaidMonth: '2024-04' });
    expect(error.message).toContain('2024-05');
  });

  it('refuses a re-enrolment before the new hire date', () => {
    given(history)
      .when(enrol({ startMonth: '2024-08', hireDate: '2024-09-02' }))
      .thenThrows('ENROLMENT_BEFORE_HIRE');
  });
});

describe('when the employee was re-enrolled after a transfer-out', () => {
  const firstPeriod = [enrolled(), recorded('2024-01'), recorded('2024-02'), recorded('2024-03'), transferredOut('C1', '2024-04')];
  const history = [
    ...firstPeriod,
    enrolled({
      startMonth: '2024-09',
      hireDate: '2024-09-02',
      insuranceTypes: ['pension', 'medical', 'unemployment'],
      contributionBase: 15000,
    }),
    recorded('2024-09', ['pension', 'medical', 'unemployment'], 15000),
  ];

  it('refuses another enrolment', () => {
    given(history)
      .when(enrol({ startMonth: '2025-01', hireDate: '2024-09-02' }))
      .thenThrows('ALREADY_ENROLLED', { startMonth: '2024-09' });
  });

  it('defaults a contribution to the types of the new period', () => {
    given(history)
      .when(contribute('2024-10', { base: 15000 }))
      .then([recorded('2024-10', ['pension', 'medical', 'unemployment'], 15000)]);
  });

  it('sums paid months across both periods', () => {
    const state = stateAfter(history);
    expect(paidMonths(state, 'pension')).toEqual(['2024-01', '2024-02', '2024-03', '2024-09']);
    expect(paidMonths(state, 'unemployment')).toEqual(['2024-09']);
    expect(lastPaidMonth(state, 'pension')).toBe('2024-09');
  });

  it('refuses a contribution for a month between the periods', () => {
    given(history)
      .when(contribute('2024-07'))
      .thenThrows('CONTRIBUTION_AFTER_TRANSFER_OUT', { month: '2024-07', lastPaidMonth: '2024-04', nextStartMonth: '2024-09' });
  });

  it('records a back-payment in the first period with that period’s types', () => {
    given(history)
      .when(contribute('2024-04'))
      .then([recorded('2024-04', ['pension', 'medical'])]);
    given(history)
      .when(contribute('2024-04', { insuranceTypes: ['unemployment'] }))
      .thenThrows('CONTRIBUTION_OUTSIDE_ENROLMENT', { insuranceTypes: ['unemployment'] });
  });

  it('adjusts the base of the new period only, from its start month', () => {
    const { state } = given(history)
      .when(adjustBase('2025-01', 16000))
      .then([baseAdjusted('2025-01', 16000, 15000)]);
    expect(state.periods[0].bases).toEqual([{ fromMonth: '2024-01', contributionBase: 12000 }]);
    given(history)
      .when(adjustBase('2024-08', 16000))
      .thenThrows('CONTRIBUTION_OUTSIDE_ENROLMENT', { month: '2024-08', startMonth: '2024-09' });
  });

  it('closes the new period for another case', () => {
    const { state } = given(history)
      .when(closeForTransferOut('C2', '2024-10'))
      .then([transferredOut('C2', '2024-10', [])]);
    expect(state.periods.map((p) => p.transferOut?.caseId)).toEqual(['C1', 'C2']);
  });

  it('ignores a redelivered transfer-out of the first case', () => {
    given(history).when(closeForTransferOut('C1', '2024-04')).then([]);
  });

  it('refuses a transfer-out whose last paid month is before the new start month', () => {
    given(history)
      .when(closeForTransferOut('C2', '2024-08'))
      .thenThrows('CONTRIBUTION_OUTSIDE_ENROLMENT', { month: '2024-08', startMonth: '2024-09' });
  });
});

describe('queries', () => {
  it('answer nothing for a type never paid', () => {
    const state = stateAfter([enrolled()]);
    expect(paidMonths(state, 'maternity')).toEqual([]);
    expect(lastPaidMonth(state, 'maternity')).toBeNull();
  });

  it('order months whatever the order they were recorded in', () => {
    const state = stateAfter([enrolled(), recorded('2024-03'), recorded('2024-01'), recorded('2024-10'), recorded('2024-02')]);
    expect(paidMonths(state, 'medical')).toEqual(['2024-01', '2024-02', '2024-03', '2024-10']);
    expect(lastPaidMonth(state, 'medical')).toBe('2024-10');
  });

  it('count a corrected month once', () => {
    const state = stateAfter([enrolled(), recorded('2024-01'), corrected('2024-01', ['pension'], 13000, 12000)]);
    expect(paidMonths(state, 'pension')).toEqual(['2024-01']);
  });
});

/**
 * Against the account's history and the calendar: the first and the last month
 * allowed, and one month outside each. Hired 2024-01-08, enrolled from 2024-01;
 * "today" is 2024-06-15, so a fact may be of 2024-06 at the latest and a base may
 * be set ahead to the month 90 days away (2024-09-13: 2024-09).
 */
describe('dates against the account and today', () => {
  const today = '2024-06-15';
  const history = [enrolled()];

  it('records a contribution for the month of hire and for the current month', () => {
    given(history)
      .when(contribute('2024-01', { today }))
      .then([recorded('2024-01')]);
    given(history)
      .when(contribute('2024-06', { today }))
      .then([recorded('2024-06')]);
  });

  it('refuses a contribution for the month after the current one', () => {
    given(history)
      .when(contribute('2024-07', { today }))
      .thenThrows('DATE_IN_FUTURE', { field: 'month', date: '2024-07', today, latest: '2024-06' });
  });

  it('refuses a correction for a month after the current one', () => {
    given([...history, recorded('2024-07')])
      .when(correct('2024-07', { today }))
      .thenThrows('DATE_IN_FUTURE', { field: 'month' });
  });

  it('refuses a contribution for the month before the hire month, with the hire date', () => {
    given(history)
      .when(contribute('2023-12', { today }))
      .thenThrows('DATE_OUT_OF_ORDER', { conflictsWith: { field: 'hireDate', effectiveDate: '2024-01-08' } });
  });

  it('checks the hire month of the period a month falls in, after a re-hire', () => {
    const rehired = [enrolled(), transferredOut('C1', '2024-02'), enrolled({ startMonth: '2024-05', hireDate: '2024-05-06' })];
    given(rehired)
      .when(contribute('2024-05', { today }))
      .then([recorded('2024-05')]);
    given(rehired).when(contribute('2024-04', { today })).thenThrows('CONTRIBUTION_AFTER_TRANSFER_OUT');
  });

  it('takes an enrolment filed after the cut-off to start next month, and refuses one starting the month after', () => {
    given([])
      .when(enrol({ startMonth: '2024-07', today }))
      .then([enrolled({ startMonth: '2024-07' })]);
    given([])
      .when(enrol({ startMonth: '2024-08', today }))
      .thenThrows('DATE_IN_FUTURE', { field: 'startMonth', latest: '2024-07' });
  });

  it('takes a base from the month the plan horizon reaches and refuses the month after', () => {
    given(history)
      .when(adjustBase('2024-09', 13000, today))
      .then([{ type: 'ContributionBaseAdjusted' }]);
    given(history)
      .when(adjustBase('2024-10', 13000, today))
      .thenThrows('DATE_IN_FUTURE', { field: 'fromMonth', latest: '2024-09' });
  });

  it('still refuses a base before the enrolment start', () => {
    given(history)
      .when(adjustBase('2023-12', 13000, today))
      .thenThrows('CONTRIBUTION_OUTSIDE_ENROLMENT');
  });
});
