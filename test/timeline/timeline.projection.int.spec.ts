import { RecordedEvent } from '../../src/infrastructure/event-store/event-store.port';
import { timelineFind, TimelineCriteria } from '../../src/timeline/timeline-query';
import { timeline, TimelineEntryDocument } from '../../src/timeline/timeline.projection';
import { TimelineItemView, timelineItem } from '../../src/timeline/timeline.view';
import { event, projectionSpec } from '../support/projection-harness';

const at = (recordedAt: string, effectiveDate: string, actor = { id: 'hr-1', role: 'hr_specialist' }) => ({
  recordedAt,
  effectiveDate,
  actor,
});
const policy = { region: 'shanghai', category: 'enterprise_regular', version: 1, steps: [] };
const opened = (caseId: string, employeeId: string) => ({
  caseId,
  employeeId,
  reason: 'resignation',
  lastWorkingDay: '2024-06-30',
  openedAt: '2024-06-01',
  policy,
});
const refused = (subjects: Record<string, string>) => ({
  command: 'PerformStep',
  code: 'STEP_LOCKED',
  message: '请先完成社保转出 / Complete the transfer-out first',
  subjects,
  step: 'labor_termination',
  action: 'complete',
  missing: ['si_transfer_out'],
});

/** The item a page shows for a recorded event: what the log holds, plus the fields given (timeline.view.ts reads it from the entry and the event). */
const item = (
  e: RecordedEvent,
  fields: Pick<TimelineItemView, 'recordedAt' | 'effectiveDate' | 'actor' | 'summary'>,
): TimelineItemView => ({
  position: e.position.toString(),
  stream: e.stream,
  revision: e.revision.toString(),
  hash: typeof e.metadata.hash === 'string' ? e.metadata.hash : null,
  type: e.type,
  eventId: e.id,
  ...fields,
});

projectionSpec('employee timeline', timeline, ({ given, collection, store, physical }) => {
  const entriesOf = (employeeId: string) =>
    collection<TimelineEntryDocument>('timeline_entries', { filter: { employeeId }, sort: { positionKey: 1 } });
  /** The employee's items as a page shows them, each entry's event taken from those given (as timeline-events.ts reads them from the log). */
  const itemsOf = async (employeeId: string, recorded: RecordedEvent[]) =>
    (await entriesOf(employeeId)).map((entry) =>
      timelineItem(
        entry,
        recorded.find((e) => e.stream === entry.stream && e.revision.toString() === entry.revision)!,
      ),
    );

  it("puts an employee's archive, account, case and the refusals about them on one timeline, and nothing of anyone else's", async () => {
    const recorded = await given([
      event(
        'employee-E1',
        'EmployeeHired',
        {
          employeeId: 'E1',
          orgUnit: 'Finance',
          category: 'enterprise_regular',
          region: 'shanghai',
          hireDate: '2020-01-06',
          monthlyWage: 12000,
          position: null,
        },
        at('2024-01-02T01:00:00.000Z', '2020-01-06'),
      ),
      event(
        'employee-E1',
        'PersonalDataRecorded',
        { employeeId: 'E1', name: '张三', idNumber: '11010519491231002X', contact: {} },
        at('2024-01-02T01:00:00.000Z', '2020-01-06'),
      ),
      event(
        'insurance-E1',
        'SocialInsuranceEnrolled',
        { employeeId: 'E1', startMonth: '2020-01', insuranceTypes: ['pension'], contributionBase: 12000, hireDate: '2020-01-06' },
        at('2024-01-02T01:05:00.000Z', '2020-01-01'),
      ),
      // Recorded in May, with an offset, for March: stored in UTC and dated in March.
      event(
        'insurance-E1',
        'ContributionRecorded',
        { month: '2024-03', insuranceTypes: ['pension'], base: 12000 },
        at('2024-05-20T10:15:00+08:00', '2024-03-01'),
      ),
      event('offboarding-K1', 'OffboardingCaseOpened', opened('K1', 'E1'), at('2024-06-01T02:00:00.000Z', '2024-06-01')),
      event(
        'offboarding-K1',
        'StepCompleted',
        { step: 'handover', effectiveDate: '2024-06-20' },
        at('2024-06-21T02:00:00.000Z', '2024-06-20'),
      ),
      // As the process manager records them: about the case only.
      event(
        'audit-2024-06',
        'CommandRefused',
        refused({ caseId: 'K1' }),
        at('2024-06-22T02:00:00.000Z', '2024-06-22', { id: 'offboarding-process-manager', role: 'system' }),
      ),
      event('employee-E2', 'EmployeeHired', {
        employeeId: 'E2',
        orgUnit: 'Sales',
        category: 'enterprise_regular',
        region: 'beijing',
        hireDate: '2021-03-01',
        monthlyWage: 9000,
        position: null,
      }),
      event('offboarding-K2', 'OffboardingCaseOpened', opened('K2', 'E2')),
      event('audit-2024-06', 'CommandRefused', refused({ caseId: 'K2', employeeId: 'E2' })),
      event('policy-shanghai-enterprise_regular', 'PolicyPublished', { version: 2 }),
      event('audit-2024-06', 'CommandRefused', refused({ caseId: 'UNKNOWN' })),
    ]);

    const [hired, personal, enrolled, contribution, caseOpened, stepDone, refusal] = recorded;
    expect(await itemsOf('E1', recorded)).toEqual([
      item(hired, {
        recordedAt: '2024-01-02T01:00:00.000Z',
        effectiveDate: '2020-01-06',
        actor: { id: 'hr-1', role: 'hr_specialist' },
        summary: { zh: '入职（企业正式员工，shanghai），入职日期 2020-01-06', en: 'hired (enterprise regular, shanghai) on 2020-01-06' },
      }),
      item(personal, {
        recordedAt: '2024-01-02T01:00:00.000Z',
        effectiveDate: '2020-01-06',
        actor: { id: 'hr-1', role: 'hr_specialist' },
        summary: { zh: '个人信息已记录', en: 'personal data recorded' },
      }),
      item(enrolled, {
        recordedAt: '2024-01-02T01:05:00.000Z',
        effectiveDate: '2020-01-01',
        actor: { id: 'hr-1', role: 'hr_specialist' },
        summary: { zh: '参保，自 2020-01 起：养老，缴费基数 12000.00 元', en: 'enrolled from 2020-01: pension, base CNY 12000.00' },
      }),
      item(contribution, {
        recordedAt: '2024-05-20T02:15:00.000Z',
        effectiveDate: '2024-03-01',
        actor: { id: 'hr-1', role: 'hr_specialist' },
        summary: { zh: '2024-03 缴费已记录：养老，基数 12000.00 元', en: 'contribution for 2024-03 recorded: pension, base CNY 12000.00' },
      }),
      item(caseOpened, {
        recordedAt: '2024-06-01T02:00:00.000Z',
        effectiveDate: '2024-06-01',
        actor: { id: 'hr-1', role: 'hr_specialist' },
        summary: {
          zh: '离职案件开启（辞职，最后工作日 2024-06-30，政策 shanghai/enterprise_regular v1）',
          en: 'offboarding case opened (resignation, last working day 2024-06-30, policy shanghai/enterprise_regular v1)',
        },
      }),
      item(stepDone, {
        recordedAt: '2024-06-21T02:00:00.000Z',
        effectiveDate: '2024-06-20',
        actor: { id: 'hr-1', role: 'hr_specialist' },
        summary: { zh: '步骤完成：工作交接', en: 'step completed: work handover' },
      }),
      item(refusal, {
        recordedAt: '2024-06-22T02:00:00.000Z',
        effectiveDate: '2024-06-22',
        actor: { id: 'offboarding-process-manager', role: 'system' },
        summary: {
          zh: '操作被拒绝：退工登记（complete），STEP_LOCKED，缺少：社保转出（减员）',
          en: 'refused: complete labour termination registration (退工), STEP_LOCKED; missing: social-insurance transfer-out (社保转出)',
        },
      }),
    ]);
    // An entry holds what a page is found and sorted by, and where its event is: the rest is read from the log.
    expect((await entriesOf('E1'))[3]).toEqual({
      id: contribution.position.toString().padStart(20, '0'),
      employeeId: 'E1',
      positionKey: contribution.position.toString().padStart(20, '0'),
      stream: 'insurance-E1',
      revision: '1',
      type: 'ContributionRecorded',
      recordedAt: '2024-05-20T02:15:00.000Z',
      effectiveDate: '2024-03-01',
    });
    expect((await entriesOf('E2')).map((e) => e.stream)).toEqual(['employee-E2', 'offboarding-K2', 'audit-2024-06']);
    expect(await collection('timeline_entries')).toHaveLength(10);
    expect(await collection('timeline_cases')).toEqual([
      { id: 'K1', employeeId: 'E1' },
      { id: 'K2', employeeId: 'E2' },
    ]);
    // What a timeline page answers as its total without counting: one per entry, nobody else's.
    expect(await collection('timeline_counts')).toEqual([
      { id: 'E1', entries: 7 },
      { id: 'E2', entries: 3 },
    ]);
  });

  it('summarises an event stored at an older schema version as upcast, and one it cannot read with the generic line', async () => {
    // The harness writes schemaVersion 1: MonthlyPayRecorded as written before version 2 named the replaced amount `corrects`.
    const recorded = await given([
      event('employee-E1', 'EmployeeHired', {
        employeeId: 'E1',
        orgUnit: 'Finance',
        category: 'enterprise_regular',
        region: 'shanghai',
        hireDate: '2020-01-06',
        monthlyWage: 12000,
        position: null,
      }),
      event('employee-E1', 'MonthlyPayRecorded', { employeeId: 'E1', month: '2024-03', amount: 22000, corrects: 21500 }),
      event('employee-E1', 'HousingFundAccountOpened', { employeeId: 'E1' }),
    ]);
    expect((await itemsOf('E1', recorded)).map((e) => e.summary.en)).toEqual([
      'hired (enterprise regular, shanghai) on 2020-01-06',
      'pay owed for 2024-03 corrected: CNY 21500.00 → 22000.00',
      'event: HousingFundAccountOpened',
    ]);
  });

  it('keeps each employee’s count equal to their entries as events arrive in later batches', async () => {
    await given([
      event('employee-E4', 'ContractSigned', { employeeId: 'E4' }),
      event('offboarding-K4', 'OffboardingCaseOpened', opened('K4', 'E4')),
    ]);
    await given([
      event('audit-2024-07', 'CommandRefused', refused({ caseId: 'K4' })),
      event('insurance-E4', 'ContributionRecorded', { month: '2024-05', insuranceTypes: ['pension'], base: 1 }),
    ]);
    expect(await collection('timeline_counts')).toEqual([{ id: 'E4', entries: (await entriesOf('E4')).length }]);
    expect((await entriesOf('E4')).length).toBe(4);
  });

  it('fills what an imported envelope lacks: the business date from the recorded day, an unknown actor', async () => {
    const recorded = await given([
      event(
        'employee-E3',
        'ContractSigned',
        { employeeId: 'E3' },
        { recordedAt: '2024-05-10T23:30:00-02:00', effectiveDate: undefined, actor: undefined },
      ),
    ]);
    expect(await itemsOf('E3', recorded)).toEqual([
      expect.objectContaining({
        eventId: recorded[0].id,
        recordedAt: '2024-05-11T01:30:00.000Z',
        effectiveDate: '2024-05-11',
        actor: { id: 'unknown', role: 'unknown' },
      }),
    ]);
  });

  describe('queries', () => {
    const E = 'E5';
    const find = async (criteria: Omit<TimelineCriteria, 'employeeId'>) =>
      (await store().find<TimelineEntryDocument>(physical('timeline_entries'), timelineFind({ employeeId: E, ...criteria }))).map((d) =>
        d.type === 'CommandRefused' ? 'refused' : d.effectiveDate!.slice(0, 7),
      );
    beforeEach(async () => {
      await given([
        event(
          `insurance-${E}`,
          'ContributionRecorded',
          { month: '2024-04', insuranceTypes: ['pension'], base: 1 },
          at('2024-04-30T23:59:59.999Z', '2024-04-01'),
        ),
        event(
          `insurance-${E}`,
          'ContributionRecorded',
          { month: '2024-05', insuranceTypes: ['pension'], base: 1 },
          at('2024-05-10T08:00:00.000Z', '2024-05-01'),
        ),
        event(
          `insurance-${E}`,
          'ContributionRecorded',
          { month: '2024-03', insuranceTypes: ['pension'], base: 1 },
          at('2024-05-20T08:00:00.000Z', '2024-03-01'),
        ),
        event(`audit-2024-06`, 'CommandRefused', refused({ employeeId: E }), at('2024-06-01T00:00:00.000Z', '2024-06-01')),
      ]);
    });
    // Each entry by its contribution month, or as 'refused'.
    const [march, april, may, refusedLine] = ['2024-03', '2024-04', '2024-05', 'refused'];

    it('orders as recorded, or by business date (the back-dated March first)', async () => {
      expect(await find({ order: 'recorded' })).toEqual([april, may, march, refusedLine]);
      expect(await find({ order: 'effective' })).toEqual([march, april, may, refusedLine]);
    });

    it('knows as of an instant only what was recorded by then, compared as instants', async () => {
      expect(await find({ order: 'effective', asKnownAt: '2024-05-10T08:00:00.000Z' })).toEqual([april, may]);
      expect(await find({ order: 'recorded', asKnownAt: '2024-05-10T07:59:59.999Z' })).toEqual([april]);
    });

    it('filters by day of recording, or of business date, inclusive at both ends, and by type', async () => {
      expect(await find({ order: 'recorded', from: '2024-05-01', to: '2024-05-20' })).toEqual([may, march]);
      expect(await find({ order: 'recorded', to: '2024-04-30' })).toEqual([april]);
      expect(await find({ order: 'effective', from: '2024-04-01', to: '2024-05-01' })).toEqual([april, may]);
      expect(await find({ order: 'recorded', types: ['CommandRefused'] })).toEqual([refusedLine]);
      expect(await find({ order: 'effective', types: ['CommandRefused', 'ContributionRecorded'], from: '2024-05-01' })).toEqual([
        may,
        refusedLine,
      ]);
    });
  });
});
