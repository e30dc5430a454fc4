import { CommandRefused } from '../../src/domain/audit/refusal-log';
import { EmployeeEvent } from '../../src/domain/employee/employee.events';
import { OffboardingEvent } from '../../src/domain/offboarding/offboarding.events';
import { DEFAULT_POLICIES } from '../../src/domain/policy/default-policies';
import { InsuranceEvent } from '../../src/domain/social-insurance/insurance.events';
import { summarize } from '../../src/timeline/timeline-summaries';

const NAME = '张三';
const ID_NUMBER = '11010519491231002X';
const PHONE = '13800138000';
const EMAIL = 'zhang.san@example.com';
/** Free text may hold anything a person typed, personal data included. */
const TYPED = `${NAME} ${ID_NUMBER} ${PHONE}`;
const PERSONAL = [NAME, ID_NUMBER, PHONE, EMAIL, ID_NUMBER.slice(0, 6) + '********' + ID_NUMBER.slice(14)];

const actor = { id: 'hr-mgr-1', role: 'hr_manager' as const };
/** One event of every type the timeline shows, with personal data or typed text in every field that can hold it. */
const EVENTS: Array<EmployeeEvent | InsuranceEvent | OffboardingEvent | CommandRefused> = [
  {
    type: 'EmployeeHired',
    effectiveDate: '2020-01-06',
    data: {
      employeeId: 'E1',
      orgUnit: TYPED,
      category: 'enterprise_regular',
      region: 'shanghai',
      hireDate: '2020-01-06',
      monthlyWage: 12000,
      position: TYPED,
    },
  },
  {
    type: 'PersonalDataRecorded',
    data: { employeeId: 'E1', name: NAME, idNumber: ID_NUMBER, contact: { phone: PHONE, email: EMAIL, address: TYPED } },
  },
  {
    type: 'ContractSigned',
    data: {
      employeeId: 'E1',
      contractId: 'C1',
      contractType: 'fixed_term',
      kind: 'labour',
      startDate: '2020-01-06',
      endDate: '2023-01-05',
    },
  },
  {
    type: 'PositionChanged',
    effectiveDate: '2022-03-01',
    data: { employeeId: 'E1', position: TYPED, orgUnit: TYPED, effectiveDate: '2022-03-01' },
  },
  {
    type: 'WageChanged',
    effectiveDate: '2023-01-01',
    data: { employeeId: 'E1', monthlyWage: 20000, effectiveDate: '2023-01-01', previousWage: 12000, note: TYPED },
  },
  {
    type: 'WageChanged',
    effectiveDate: '2020-01-06',
    data: { employeeId: 'E1', monthlyWage: 12500, effectiveDate: '2020-01-06', note: TYPED },
  },
  {
    type: 'MonthlyPayRecorded',
    effectiveDate: '2024-03-01',
    data: { employeeId: 'E1', month: '2024-03', amount: 21500, previousAmount: null, note: TYPED },
  },
  {
    type: 'MonthlyPayRecorded',
    effectiveDate: '2024-03-01',
    data: { employeeId: 'E1', month: '2024-03', amount: 22000, previousAmount: 21500, note: TYPED },
  },
  {
    type: 'EmployeeSeparated',
    effectiveDate: '2024-06-30',
    data: { employeeId: 'E1', caseId: 'K1', terminationDate: '2024-06-30', reason: 'dismissal' },
  },
  { type: 'OffboardingCaseReserved', data: { employeeId: 'E1', caseId: 'K1', reason: 'dismissal', lastWorkingDay: '2024-06-30' } },
  { type: 'OffboardingCaseReleased', data: { employeeId: 'E1', caseId: 'K1', outcome: 'completed' } },
  {
    type: 'SocialInsuranceEnrolled',
    data: {
      employeeId: 'E1',
      startMonth: '2020-01',
      insuranceTypes: ['pension', 'medical'],
      contributionBase: 12000,
      hireDate: '2020-01-06',
    },
  },
  { type: 'ContributionRecorded', data: { month: '2024-03', insuranceTypes: ['pension'], base: 12000 } },
  { type: 'ContributionCorrected', data: { month: '2024-03', insuranceTypes: ['pension'], base: 12500, previousBase: 12000 } },
  { type: 'ContributionBaseAdjusted', data: { fromMonth: '2024-07', contributionBase: 13000, previousBase: 12000 } },
  { type: 'SocialInsuranceTransferredOut', data: { caseId: 'K1', lastPaidMonth: '2024-06', contributionsAfterLastPaidMonth: ['2024-07'] } },
  {
    type: 'OffboardingCaseOpened',
    effectiveDate: '2024-06-01',
    data: {
      caseId: 'K1',
      employeeId: 'E1',
      reason: 'dismissal',
      lastWorkingDay: '2024-06-30',
      openedAt: '2024-06-01',
      policy: DEFAULT_POLICIES[0],
    },
  },
  {
    type: 'PrerequisiteOverridden',
    effectiveDate: '2024-07-06',
    data: { step: 'labor_termination', overridden: ['handover'], reason: TYPED, by: actor, effectiveDate: '2024-07-06' },
  },
  { type: 'StepCompleted', effectiveDate: '2024-06-20', data: { step: 'handover', effectiveDate: '2024-06-20', note: TYPED } },
  {
    type: 'SocialInsuranceTransferOutRequested',
    effectiveDate: '2024-07-01',
    data: {
      effectiveDate: '2024-07-01',
      notice: { lastContributionMonth: '2024-06', fileBy: '2024-07-15', warnings: [TYPED] },
      note: TYPED,
    },
  },
  { type: 'SocialInsuranceTransferOutRejected', effectiveDate: '2024-07-03', data: { effectiveDate: '2024-07-03', reason: TYPED } },
  {
    type: 'SocialInsuranceTransferOutCompleted',
    effectiveDate: '2024-07-05',
    data: { effectiveDate: '2024-07-05', lastPaidMonth: '2024-06', note: TYPED },
  },
  {
    type: 'LaborTerminationRegistered',
    effectiveDate: '2024-07-06',
    data: { effectiveDate: '2024-07-06', terminationDate: '2024-06-30', note: TYPED },
  },
  { type: 'OffboardingCaseCompleted', effectiveDate: '2024-07-08', data: { completedOn: '2024-07-08' } },
  { type: 'OffboardingCaseCancelled', data: { note: TYPED, by: actor } },
  {
    type: 'CommandRefused',
    data: {
      command: 'PerformStep',
      code: 'STEP_LOCKED',
      message: TYPED,
      subjects: { caseId: 'K1', employeeId: 'E1' },
      step: 'labor_termination',
      action: 'complete',
      missing: ['si_transfer_out'],
    },
  },
];

describe('timeline summaries', () => {
  it('says only that personal data was recorded, never the name, ID number or contact data', () => {
    const summary = summarize('PersonalDataRecorded', {
      employeeId: 'E1',
      name: NAME,
      idNumber: ID_NUMBER,
      contact: { phone: PHONE, email: EMAIL },
    });
    expect(summary).toEqual({ zh: '个人信息已记录', en: 'personal data recorded' });
  });

  it.each(EVENTS.map((e) => [e.type, e] as const))(
    '%s: its own single line in both languages, with no personal data from any field',
    (type, e) => {
      const summary = summarize(type, e.data);
      for (const line of [summary.zh, summary.en]) {
        expect(line).not.toMatch(/^event: |^事件：|\n|undefined/);
        expect(line.length).toBeGreaterThan(5);
        for (const personal of PERSONAL) expect(line).not.toContain(personal);
      }
    },
  );

  it('states the facts that matter: the month and base of a contribution, the step refused and what was missing', () => {
    expect(summarize('ContributionRecorded', { month: '2024-03', insuranceTypes: ['pension', 'medical'], base: 12000 })).toEqual({
      zh: '2024-03 缴费已记录：养老、医疗，基数 12000.00 元',
      en: 'contribution for 2024-03 recorded: pension, medical, base CNY 12000.00',
    });
    expect(summarize('CommandRefused', EVENTS.at(-1)!.data)).toEqual({
      zh: '操作被拒绝：退工登记（complete），STEP_LOCKED，缺少：社保转出（减员）',
      en: 'refused: complete labour termination registration (退工), STEP_LOCKED; missing: social-insurance transfer-out (社保转出)',
    });
    expect(
      summarize('CommandRefused', { command: 'OpenCase', code: 'OPEN_CASE_EXISTS', message: TYPED, subjects: { employeeId: 'E1' } }),
    ).toEqual({
      zh: '操作被拒绝：OpenCase，OPEN_CASE_EXISTS',
      en: 'refused: OpenCase, OPEN_CASE_EXISTS',
    });
  });

  it('states a wage change with the wage it replaces, and a pay record as recorded or as a correction', () => {
    expect(summarize('WageChanged', { monthlyWage: 20000, effectiveDate: '2023-01-01', previousWage: 12000 })).toEqual({
      zh: '月工资自 2023-01-01 起调整：12000.00 → 20000.00 元',
      en: 'monthly wage from 2023-01-01: CNY 12000.00 → 20000.00',
    });
    expect(summarize('MonthlyPayRecorded', { month: '2024-03', amount: 21500, previousAmount: null })).toEqual({
      zh: '2024-03 应发工资已记录：21500.00 元',
      en: 'pay owed for 2024-03 recorded: CNY 21500.00',
    });
    expect(summarize('MonthlyPayRecorded', { month: '2024-03', amount: 22000, previousAmount: 21500 }).en).toBe(
      'pay owed for 2024-03 corrected: CNY 21500.00 → 22000.00',
    );
  });

  it('says who was told what through which channel, or that the message could not be delivered (issue 13)', () => {
    const record = {
      messageId: 'reminder:C1:labor_termination:2',
      kind: 'escalation',
      channelId: 'hr-ding',
      channelType: 'dingtalk',
      step: 'labor_termination',
      audience: [{ kind: 'role', role: 'hr_manager', department: 'hr' }],
      attempt: 1,
    };
    const sent = summarize('NotificationSent', { ...record, sentAt: '2026-12-03T01:00:00.000Z' });
    expect(sent.en).toMatch(/^told hr_manager\/hr: escalation \(.+\), through dingtalk hr-ding \(attempt 1\)$/);
    expect(sent.zh).toMatch(/^已通知 hr_manager\/hr：逾期升级（.+），经 dingtalk hr-ding（第 1 次投递）$/);
    const failed = summarize('NotificationFailed', { ...record, attempt: 8, failedAt: '2026-12-03T05:00:00.000Z', error: 'HTTP 500' });
    expect(failed.en).toMatch(/^could not tell hr_manager\/hr: escalation .+ through dingtalk hr-ding, given up after 8 attempts$/);
    expect(summarize('NotificationSent', { ...record, audience: [{ kind: 'actor', actorId: 'op-7' }], step: undefined }).en).toBe(
      'told actor op-7: escalation, through dingtalk hr-ding (attempt 1)',
    );
  });

  it('gives a type it does not know a generic line', () => {
    expect(summarize('HousingFundAccountOpened', { employeeId: 'E1', name: NAME })).toEqual({
      zh: '事件：HousingFundAccountOpened',
      en: 'event: HousingFundAccountOpened',
    });
  });

  it('never throws on data of another shape (an older schema), so the projection cannot stall', () => {
    for (const { type } of EVENTS) {
      expect(() => summarize(type, {})).not.toThrow();
      expect(() => summarize(type, null)).not.toThrow();
    }
  });
});
