import { createHash } from 'node:crypto';
import { DomainError } from '../../domain/decider';
import { Proposer, RenewalOffer, separationFactsOf } from '../../domain/offboarding/separation-facts';
import { policyInForce } from '../../domain/policy/policy-publication.decider';
import { earliest, IsoDate, IsoMonth } from '../../domain/shared/calendar';
import { SeparationReason, STEP_KEYS, StepKey } from '../../domain/shared/vocabulary';
import { OpenOffboardingCase, PerformOffboardingStep, OpenCaseDto } from '../../offboarding';
import { checkApiRules } from '../api-rules';
import { FieldSpec } from '../columns';
import { policyVersions } from '../policies';
import { rejected } from '../problems';
import { RowRun } from '../row-run';
import { PROPOSER_LABELS, RENEWAL_OFFER_LABELS, SEPARATION_REASON_LABELS } from '../vocabulary';
import { ImportKindDefinition } from './import-kind';

interface CaseRow {
  employeeId: string;
  reason: SeparationReason;
  lastWorkingDay: IsoDate;
  /** When the case was opened; the policy in force on that day is pinned. Default: the earliest step date, or today when there is none (see apply). */
  openedAt?: IsoDate;
  /** Steps already done, with the day each was done. */
  steps: Array<{ step: StepKey; on: IsoDate }>;
  /** The bureau's last paid month, needed with a completed transfer-out. */
  lastPaidMonth?: IsoMonth;
  /** The end of the labour relationship, with labour termination; default the last working day. */
  terminationDate?: IsoDate;
  /** The separation facts (separation-facts.ts), when the ledger has them; absent, the answers that need them ask a person. */
  proposedBy?: Proposer;
  renewalOffer?: RenewalOffer;
  noticeGivenOn?: IsoDate;
  inProbation?: boolean;
}

/** The column of each step's completion date. */
const STEP_COLUMNS: Record<StepKey, string[]> = {
  approval: ['离职审批日期', '审批日期', '审批通过日期'],
  handover: ['工作交接日期', '交接日期', '交接完成日期'],
  term_settlement: ['聘期结算日期'],
  unemployment_filing: ['失业登记备案日期', '失业备案日期'],
  si_transfer_out: ['社保转出日期', '社保减员日期', '减员日期'],
  housing_fund_transfer: ['公积金转移日期', '公积金封存日期', '公积金转移或封存日期'],
  labor_termination: ['退工日期', '退工登记日期'],
  termination_certificate: ['离职证明日期', '离职证明开具日期', '解除或终止劳动合同证明日期'],
  archive_transfer: ['档案转移日期', '档案转出日期'],
  severance_payment: ['经济补偿支付日期', '补偿金支付日期'],
  post_release: ['岗位释放日期'],
  establishment_release: ['编制核销日期'],
};

const STEP_FIELDS: FieldSpec[] = STEP_KEYS.map((step) => ({ key: step, zh: STEP_COLUMNS[step][0], aliases: STEP_COLUMNS[step] }));

/**
 * 离职台账: one row opens an offboarding case (POST /api/offboarding) and, when
 * the file has the dates, completes the steps already done, in the order they
 * were done (ties in the policy's order). The deciders check the legal order as
 * for the API: a 退工 dated before the 社保转出 is refused (STEP_LOCKED), and so
 * is approval unless the import runs with --role hr_manager.
 */
export const cases: ImportKindDefinition<CaseRow> = {
  fields: [
    { key: 'employeeId', zh: '工号', aliases: ['工号', '员工编号', '职工编号', '人员编号', '员工工号'], required: true },
    { key: 'reason', zh: '离职原因', aliases: ['离职原因', '离职类型', '离职方式'], required: true },
    { key: 'lastWorkingDay', zh: '最后工作日', aliases: ['最后工作日', '最后工作日期', '离职日期'], required: true },
    { key: 'openedAt', zh: '发起日期', aliases: ['发起日期', '立案日期', '离职申请日期'] },
    ...STEP_FIELDS,
    { key: 'lastPaidMonth', zh: '最后缴费月', aliases: ['最后缴费月', '最后缴费月份', '社保最后缴费月'] },
    { key: 'terminationDate', zh: '劳动关系终止日期', aliases: ['劳动关系终止日期', '解除或终止日期', '解除日期'] },
    { key: 'proposedBy', zh: '协商解除提出方', aliases: ['协商解除提出方', '提出方', '解除提出方'] },
    { key: 'renewalOffer', zh: '续订情况', aliases: ['续订情况', '续签情况', '合同续订情况'] },
    { key: 'noticeGivenOn', zh: '书面通知日期', aliases: ['书面通知日期', '通知日期', '辞职通知日期', '提前通知日期'] },
    { key: 'inProbation', zh: '试用期内', aliases: ['试用期内', '是否试用期', '试用期'] },
  ],
  domainFields: { 'data.terminationDate': 'terminationDate', 'data.lastPaidMonth': 'lastPaidMonth' },

  read(r) {
    const steps = STEP_KEYS.filter((step) => r.has(step)).map((step) => ({ step, on: r.date(step) }));
    const row = {
      employeeId: r.text('employeeId'),
      reason: r.oneOf('reason', SEPARATION_REASON_LABELS),
      lastWorkingDay: r.date('lastWorkingDay'),
      openedAt: r.date('openedAt', { optional: true }),
      steps,
      lastPaidMonth: r.month('lastPaidMonth', { optional: !r.has('si_transfer_out') }),
      terminationDate: r.date('terminationDate', { optional: true }),
      proposedBy: r.oneOf('proposedBy', PROPOSER_LABELS, { optional: true }),
      renewalOffer: r.oneOf('renewalOffer', RENEWAL_OFFER_LABELS, { optional: true }),
      noticeGivenOn: r.date('noticeGivenOn', { optional: true }),
      // An empty cell is no fact at all (yesNo would read it as 否, which a contract expiry must not carry).
      inProbation: r.has('inProbation') ? r.yesNo('inProbation') : undefined,
    };
    checkApiRules(r, OpenCaseDto, row);
    return r.problems.length === 0 ? (row as CaseRow) : undefined;
  },

  severalCommands: () => true,

  async apply(row, run) {
    const employee = await run.employee(row.employeeId);
    // A ledger of past cases often has no opening date; the case was open by its first step at the latest, and no step may
    // precede the opening (DATE_OUT_OF_ORDER), so the earliest step date stands in for it, and today (as in the API) without steps.
    const openedAt = row.openedAt ?? earliest(run.today(), ...row.steps.map((s) => s.on));
    // Checked here too, to report it on the employee with the import's wording; the handler would refuse it the same.
    const policy = policyInForce(await policyVersions(run.store, employee.region, employee.category), openedAt);
    if (!policy) {
      throw rejected(
        'employeeId',
        'NO_POLICY',
        `${openedAt} 无适用于 ${employee.region} / ${employee.category} 的政策，请管理员先发布`,
        `no policy is in force for ${employee.region} / ${employee.category} on ${openedAt}; an administrator must publish one first`,
      );
    }
    const caseId = caseIdOf(run);
    const opening = {
      caseId,
      employeeId: row.employeeId,
      reason: row.reason,
      lastWorkingDay: row.lastWorkingDay,
      openedAt,
      ...separationFactsOf(row),
    };
    // The API's use case (offboarding/commands/open-case.handler.ts): the archive's lock under this row's 'reserve' key, the case's first event
    // under the case's own key. A refusal by the archive (another open case, not employed) is about the employee, the case's about its dates.
    await run.execute(
      { slot: 'reserve', field: 'lastWorkingDay', fieldOfRefusal: archiveOrCase },
      (context) => new OpenOffboardingCase(opening, context),
    );
    const order = (step: StepKey) => policy.steps.findIndex((s) => s.key === step);
    const steps = [...row.steps].sort((a, b) => a.on.localeCompare(b.on) || order(a.step) - order(b.step));
    for (const { step, on } of steps) await performStep(run, caseId, step, on, row);
  },
};

/** The case id derives from the row, so a re-run or a resumed run lands on the same case. */
function caseIdOf(run: RowRun): string {
  return `C${createHash('sha256').update(run.key('case')).digest('hex').slice(0, 16)}`;
}

/** The archive's refusals of the reservation (employee.decider.ts) are about the employee; any other names the case's dates. */
const archiveOrCase = (error: DomainError) =>
  ['OPEN_CASE_EXISTS', 'EMPLOYEE_SEPARATED', 'NOT_FOUND'].includes(error.code) ? 'employeeId' : 'lastWorkingDay';

async function performStep(run: RowRun, caseId: string, step: StepKey, on: IsoDate, row: CaseRow): Promise<void> {
  const perform = (slot: string, action: 'request' | 'complete', data?: { lastPaidMonth?: IsoMonth; terminationDate?: IsoDate }) =>
    run.execute(
      { slot, effectiveDate: on, field: step },
      (context) => new PerformOffboardingStep(caseId, step, { action, effectiveDate: on, data }, context),
    );
  if (step === 'si_transfer_out') {
    // A completed transfer-out was filed first: the request and the bureau's answer, on the day the file gives.
    await perform(`${step}.request`, 'request');
    await perform(step, 'complete', { lastPaidMonth: row.lastPaidMonth });
  } else if (step === 'labor_termination') {
    await perform(step, 'complete', row.terminationDate ? { terminationDate: row.terminationDate } : undefined);
  } else {
    await perform(step, 'complete');
  }
}
