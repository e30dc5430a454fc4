import { filingDue } from '../../../src/domain/filing/filing-due';
import { FilingTemplate } from '../../../src/domain/filing/filing-template';
import { FilingSubject, renderFiling } from '../../../src/domain/filing/render-filing';
import { offboardingDecider } from '../../../src/domain/offboarding/offboarding.decider';
import { OffboardingEvent } from '../../../src/domain/offboarding/offboarding.events';
import { DEFAULT_POLICIES } from '../../../src/domain/policy/default-policies';
import { SHANGHAI_SI_REDUCTION } from '../../../src/domain/policy/shipped-filing-templates';
import { completeTransfer, opened, perform, play, requestTransfer } from '../offboarding/fixtures';

const subject = (over: Partial<FilingSubject> = {}): FilingSubject => ({
  caseId: 'K1',
  employeeId: 'E1001',
  orgUnit: 'Finance',
  name: '张三',
  idNumber: '11010519491231002X',
  hireDate: '2020-01-06',
  reason: 'dismissal',
  lastWorkingDay: '2024-06-30',
  terminationDate: null,
  lastContributionMonth: '2024-06',
  ...over,
});

const template = (columns: FilingTemplate['columns']): FilingTemplate => ({ ...SHANGHAI_SI_REDUCTION, columns });

describe('rendering a filing from its template', () => {
  it('writes the header and each case’s cells in the template’s column order', () => {
    const file = renderFiling(SHANGHAI_SI_REDUCTION, [subject(), subject({ caseId: 'K2', name: '李四', reason: 'resignation' })]);
    expect(file.header).toEqual(['单位编号', '姓名', '公民身份号码', '减员原因', '离职日期', '减员年月']);
    expect(file.rows).toEqual([
      ['', '张三', '11010519491231002X', '单位解除', '2024-06-30', '202407'],
      ['', '李四', '11010519491231002X', '辞职', '2024-06-30', '202407'],
    ]);
  });

  it('follows a reordered template: the order is configuration', () => {
    const reordered = template([
      { header: '减员年月', field: 'reductionMonth' },
      { header: '证件号码', field: 'idNumber' },
    ]);
    expect(renderFiling(reordered, [subject()]).rows).toEqual([['202407', '11010519491231002X']]);
  });

  it('maps the separation reason to the bureau’s code of the template', () => {
    const coded: FilingTemplate = {
      ...template([{ header: '减员原因代码', field: 'reasonCode' }]),
      reasonCodes: { resignation: '11', dismissal: '12', contract_expiry: '13', mutual_agreement: '14', retirement: '21' },
    };
    const reasons = ['resignation', 'dismissal', 'contract_expiry', 'mutual_agreement', 'retirement'] as const;
    expect(
      renderFiling(
        coded,
        reasons.map((reason) => subject({ reason })),
      ).rows.flat(),
    ).toEqual(['11', '12', '13', '14', '21']);
  });

  it('formats dates and months as each column says, and derives 减员年月 from the last paid month across a year end', () => {
    const dated = template([
      { header: 'a', field: 'lastWorkingDay', format: 'YYYYMMDD' },
      { header: 'b', field: 'hireDate', format: 'YYYY/MM/DD' },
      { header: 'c', field: 'terminationDate' },
      { header: 'd', field: 'lastContributionMonth', format: 'YYYY-MM' },
      { header: 'e', field: 'reductionMonth' },
    ]);
    const december = subject({ lastWorkingDay: '2024-12-31', lastContributionMonth: '2024-12', terminationDate: '2025-01-02' });
    expect(renderFiling(dated, [december]).rows[0]).toEqual(['20241231', '2020/01/06', '2025-01-02', '2024-12', '202501']);
    // Before 退工 is registered, the termination date is the planned last working day.
    expect(renderFiling(dated, [subject()]).rows[0][2]).toBe('2024-06-30');
  });

  it('writes the same value in a constant column, the ID type, the ID number as the social-security number, and blanks for what is unknown', () => {
    const misc = template([
      { header: '单位编号', field: 'constant', value: '310000123' },
      { header: '证件类型', field: 'idType' },
      { header: '社会保障号码', field: 'socialSecurityNumber' },
      { header: '姓名', field: 'name' },
      { header: '离职原因', field: 'reason' },
    ]);
    expect(renderFiling(misc, [subject({ name: null })]).rows[0]).toEqual([
      '310000123',
      '居民身份证',
      '11010519491231002X',
      '',
      '单位解除',
    ]);
  });
});

describe('which cases are due in a file', () => {
  const state = (events: OffboardingEvent[]) => events.reduce(offboardingDecider.evolve, offboardingDecider.initialState);
  // Shanghai: 减员 by the 15th takes effect that month; last working day 2024-06-30.
  const approved = play([opened()], [perform('approval', { effectiveDate: '2024-06-20' })]);

  it('leaves out a case whose transfer-out is locked (not approved)', () => {
    expect(filingDue('si_reduction', state([opened()]), '2024-07-01')).toEqual({ due: false, why: 'locked' });
  });

  it('leaves out a case a filing today would leave the leaving month unpaid (断缴), and takes it from the day after the cut-off', () => {
    expect(filingDue('si_reduction', state(approved), '2024-06-15')).toEqual({ due: false, why: 'too_early' });
    expect(filingDue('si_reduction', state(approved), '2024-06-16')).toEqual({ due: true, lastContributionMonth: '2024-06' });
    expect(filingDue('si_reduction', state(approved), '2024-07-01')).toEqual({ due: true, lastContributionMonth: '2024-06' });
  });

  it('keeps an overdue case (past the 15 July cut-off): the month it adds is in the file', () => {
    expect(filingDue('si_reduction', state(approved), '2024-07-16')).toEqual({ due: true, lastContributionMonth: '2024-07' });
  });

  it('leaves out a filing awaiting the bureau’s answer, and takes a rejected one again (退单)', () => {
    const requested = play(approved, [requestTransfer('2024-07-01')]);
    expect(filingDue('si_reduction', state(requested), '2024-07-02')).toEqual({ due: false, why: 'filed' });
    const rejected = play(requested, [perform('si_transfer_out', { action: 'reject', effectiveDate: '2024-07-03', note: '信息不符' })]);
    expect(filingDue('si_reduction', state(rejected), '2024-07-04')).toMatchObject({ due: true });
  });

  it('files 退工 only once the transfer-out is done (社保转出 before 退工) and the handover too', () => {
    const handedOver = play(approved, [perform('handover', { effectiveDate: '2024-06-21' })]);
    expect(filingDue('labor_termination', state(handedOver), '2024-07-02')).toEqual({ due: false, why: 'locked' });
    const transferred = play(handedOver, [requestTransfer('2024-07-01'), completeTransfer('2024-06', '2024-07-02')]);
    expect(filingDue('si_reduction', state(transferred), '2024-07-02')).toEqual({ due: false, why: 'done' });
    expect(filingDue('labor_termination', state(transferred), '2024-07-02')).toEqual({ due: true, lastContributionMonth: null });
  });

  it('ships a template in every default policy of Shanghai, Beijing and Shenzhen, each with its source', () => {
    for (const region of ['shanghai', 'beijing', 'shenzhen']) {
      for (const policy of DEFAULT_POLICIES.filter((p) => p.region === region)) {
        const [shipped] = policy.parameters.filingTemplates?.si_reduction ?? [];
        expect(shipped?.source).toMatch(/\[unverified\]|\[secondary\]/);
      }
    }
  });
});
