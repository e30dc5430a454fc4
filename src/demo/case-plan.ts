import { StepAction } from '../domain/offboarding/offboarding.commands';
import { StepDefinition, WorkflowPolicy } from '../domain/policy/policy';
import { transferOutNotice } from '../domain/policy/si-reduction';
import { addDays, IsoDate, IsoMonth } from '../domain/shared/calendar';
import { StepKey } from '../domain/shared/vocabulary';
import { BlockedAttempt, CaseScenario } from './case-scenarios';
import { laterOf, officeTime, plusMinutes, workday } from './office-hours';
import { Random } from './random';

/** One thing done on a case, `day` counted from the last working day (negative: before it). */
export interface CaseOp {
  kind: 'open' | 'step' | 'attempt' | 'cancel';
  day: number;
  /** Order among the ops of one day. */
  rank: number;
  by: 'specialist' | 'manager';
  /** Unique within the case: part of the idempotency key. */
  key: string;
  step?: StepKey;
  action?: StepAction;
  note?: string;
  /** An hr_manager's written reason to go ahead without a soft prerequisite. */
  override?: string;
}

export interface DatedCaseOp extends CaseOp {
  effectiveDate: IsoDate;
  recordedAt: Date;
  /** si_transfer_out complete: the bureau's last paid month (the notice of the filing it answers). */
  lastPaidMonth?: IsoMonth;
}

export interface DatedCase {
  ops: DatedCaseOp[];
  openedAt: Date;
  cancelledAt: Date | null;
  /** The bureau's last paid month once the transfer-out is completed. */
  lastPaidMonth: IsoMonth | null;
  /** The last contribution month the notice of the latest filing predicts, while the bureau has not answered. */
  predictedLastMonth: IsoMonth | null;
}

/** The order the shipped catalogue lists steps in: every prerequisite comes before the steps needing it. */
const ORDER: StepKey[] = [
  'approval',
  'handover',
  'term_settlement',
  'unemployment_filing',
  'si_transfer_out',
  'housing_fund_transfer',
  'termination_certificate',
  'labor_termination',
  'archive_transfer',
  'severance_payment',
  'post_release',
  'establishment_release',
];
/** Steps a custom policy adds go last. */
const rankOf = (step: StepKey) => (ORDER.includes(step) ? ORDER.indexOf(step) : ORDER.length);

/**
 * LCL art. 50 counts 15 calendar days for the transfers; an on-time case is
 * planned to finish them by day 13, so that moving a step off a weekend (up to
 * two days) keeps it on time.
 */
const ON_TIME_BY = 13;

const BUREAU_REJECTIONS = [
  '减员日期与退工日期不一致，请核对后重新申报 / The reduction date does not match the termination date; check and file again',
  '单位当月社保费未足额缴纳，暂不能办理减员 / The employer has not paid this month in full; the reduction cannot be processed yet',
  '身份证号码与参保登记信息不一致 / The ID number does not match the enrolment record',
  '缺少解除劳动合同证明材料 / The termination certificate is missing from the filing',
];

const OVERRIDE_REASONS = [
  '员工病假，交接清单由部门负责人代为确认，先行办理退工以免影响新单位参保 / The employee is on sick leave; the head of department confirmed the handover list, so 退工 goes ahead to let the new employer enrol them',
  '交接已通过电话完成，签字版清单随后补交 / Handover done by phone; the signed list follows',
  '员工已入职新单位，剩余交接由部门跟进，先行退工 / The employee has started with the new employer; the department follows up the rest of the handover',
];

const CANCEL_NOTES = {
  approved: [
    '员工撤回辞职申请，部门同意留任 / The employee withdrew the resignation; the department agreed to keep them',
    '协商后员工留任，终止离职流程 / After talks the employee stays; offboarding stopped',
  ],
  notApproved: [
    '案件误建：员工仅咨询离职流程 / Opened by mistake: the employee only asked about the procedure',
    '解除决定撤销，员工留任 / The dismissal was withdrawn; the employee stays',
  ],
};

const STEP_NOTES: Partial<Record<StepKey, string[]>> = {
  handover: ['交接清单已签字 / Handover list signed'],
  housing_fund_transfer: ['公积金账户已封存 / Housing-fund account sealed', '公积金已转入新单位 / Housing fund moved to the new employer'],
  archive_transfer: ['档案已转至人才服务中心 / Personal file sent to the talent service centre'],
  severance_payment: ['经济补偿随最后一期工资发放 / Compensation paid with the last salary'],
  termination_certificate: ['证明已当面交付本人 / Certificate handed over in person'],
};

const stepOp = (step: StepKey, day: number, action: StepAction = 'complete', n = 0): CaseOp => ({
  kind: 'step',
  day,
  rank: rankOf(step) + n / 10,
  by: step === 'approval' ? 'manager' : 'specialist',
  key: `${step}:${action}${n ? `:${n}` : ''}`,
  step,
  action,
});

/**
 * Every op of the case as the scenario plays it, sorted, and cut where the
 * scenario leaves the case at the demo's present. The steps are those of the
 * pinned policy; each is done on its usual day but never before its
 * prerequisites, so the decider accepts every step and refuses exactly the
 * blocked attempts.
 */
export function caseOps(rng: Random, scenario: CaseScenario, steps: StepDefinition[]): CaseOp[] {
  const open = -rng.int(12, 32);
  const approval = open + rng.int(0, 3);
  const override =
    Boolean(scenario.override) &&
    steps.some((s) => s.key === 'labor_termination' && s.requires.some((r) => r.step === 'handover' && r.kind === 'soft'));
  const ops: CaseOp[] = [{ kind: 'open', day: open, rank: -1, by: 'specialist', key: 'open' }];
  const doneOn = new Map<StepKey, number>();
  let filedOn: number | null = null;

  // The catalogue's order, except that an overridden handover comes right after 退工.
  const order = [...steps].sort((a, b) => rankOf(a.key) - rankOf(b.key));
  if (override) {
    const [handover] = order.splice(
      order.findIndex((s) => s.key === 'handover'),
      1,
    );
    order.splice(order.findIndex((s) => s.key === 'labor_termination') + 1, 0, handover);
  }
  for (const definition of order) {
    const key = definition.key;
    const waived = override && key === 'labor_termination' ? 'handover' : null;
    const ready = Math.max(open, ...definition.requires.filter((r) => r.step !== waived).map((r) => doneOn.get(r.step) ?? open));
    let day: number;
    let extra: Partial<CaseOp> = {};
    switch (key) {
      case 'approval':
        day = approval;
        break;
      case 'handover':
        day = override ? doneOn.get('labor_termination')! + rng.int(1, 5) : Math.max(ready, -rng.int(0, 3));
        break;
      case 'term_settlement':
        day = Math.max(ready, -rng.int(0, 6));
        break;
      case 'unemployment_filing':
        day = Math.max(ready, rng.int(1, 3));
        break;
      case 'housing_fund_transfer':
        day = Math.max(ready, rng.int(2, 20));
        break;
      case 'termination_certificate':
        day = Math.max(ready, 0);
        break;
      case 'severance_payment':
        day = Math.max(ready, rng.int(0, 10));
        break;
      case 'si_transfer_out':
        filedOn = Math.max(ready, scenario.late === 'filing' ? rng.int(13, 17) : rng.int(1, 4));
        ops.push(stepOp(key, filedOn, 'request'));
        day = filedOn;
        if (scenario.rejected) {
          day += rng.int(2, 4);
          ops.push({ ...stepOp(key, day, 'reject', 1), note: rng.pick(BUREAU_REJECTIONS) });
          day += rng.int(1, 2);
          ops.push(stepOp(key, day, 'request', 2));
        }
        day += rng.int(2, 6);
        if (scenario.late === 'filing') day = Math.max(day, 16 + rng.int(0, 4));
        ops.push(stepOp(key, day, 'complete', 3));
        doneOn.set(key, day);
        continue;
      case 'labor_termination':
        day = ready + rng.int(0, 2);
        if (override) extra = { by: 'manager', override: rng.pick(OVERRIDE_REASONS) };
        break;
      case 'archive_transfer':
        day =
          scenario.late === 'archive'
            ? Math.max(ready + rng.int(3, 10), 16 + rng.int(0, 8))
            : Math.min(ready + rng.int(1, 3), Math.max(ON_TIME_BY, ready));
        break;
      default:
        // Post and establishment release, and any step a custom policy adds: after their prerequisites.
        day = ready + rng.int(1, 7);
    }
    const notes = STEP_NOTES[key];
    if (notes && rng.chance(0.3)) extra = { ...extra, note: rng.pick(notes) };
    ops.push({ ...stepOp(key, day), ...extra });
    doneOn.set(key, day);
  }

  const has = (key: StepKey) => steps.some((s) => s.key === key);
  for (const attempt of scenario.blocked ?? []) {
    const op = blockedAttempt(attempt, { open, approval, filedOn, termination: doneOn.get('labor_termination') ?? null, override });
    if (op && has(op.step!)) ops.push(op);
  }
  ops.sort((a, b) => a.day - b.day || a.rank - b.rank);
  return cutAtPresent(rng, scenario, ops, open, approval);
}

/** The attempt, placed where the guardrail is sure to refuse it; null when the case never gets there. */
function blockedAttempt(
  attempt: BlockedAttempt,
  at: { open: number; approval: number; filedOn: number | null; termination: number | null; override: boolean },
): CaseOp | null {
  const base = { kind: 'attempt' as const, by: 'specialist' as const, key: `attempt:${attempt}`, action: 'complete' as StepAction };
  switch (attempt) {
    case 'transfer_before_approval':
      return { ...base, step: 'si_transfer_out', action: 'request', day: at.open, rank: -0.5 };
    case 'approval_by_specialist':
      return { ...base, step: 'approval', day: at.open, rank: -0.5 };
    case 'termination_before_transfer':
      // Right after the first filing: the bureau answers two days later at the earliest.
      return at.filedOn === null ? null : { ...base, step: 'labor_termination', day: at.filedOn, rank: rankOf('si_transfer_out') + 0.05 };
    case 'override_by_specialist':
      // Only where the handover is really missing on the day of 退工.
      return at.termination === null || !at.override
        ? null
        : {
            ...base,
            step: 'labor_termination',
            day: at.termination,
            rank: rankOf('labor_termination') - 0.5,
            override: OVERRIDE_REASONS[1],
          };
    case 'release_before_termination':
      return at.termination === null
        ? null
        : { ...base, step: 'post_release', day: at.termination, rank: rankOf('labor_termination') - 0.5 };
  }
}

/** The ops done by the demo's present: open cases stop at the step they wait on; a cancelled case stops with its cancellation. */
function cutAtPresent(rng: Random, scenario: CaseScenario, ops: CaseOp[], open: number, approval: number): CaseOp[] {
  const before = (stop: (op: CaseOp) => boolean) => {
    const index = ops.findIndex(stop);
    return index < 0 ? ops : ops.slice(0, index);
  };
  const isStep = (op: CaseOp, step: StepKey, ...actions: StepAction[]) =>
    op.kind === 'step' && op.step === step && (actions.length === 0 || actions.includes(op.action!));
  switch (scenario.target) {
    case 'open_approval_pending':
      return before((op) => isStep(op, 'approval'));
    case 'open_in_preparation':
      return before((op) => isStep(op, 'si_transfer_out'));
    case 'open_transfer_requested':
      return before((op) => isStep(op, 'si_transfer_out', 'complete', 'reject'));
    case 'open_transfer_rejected':
      return before((op) => op.key === 'si_transfer_out:request:2');
    case 'open_transfer_re_requested':
      return before((op) => op.key === 'si_transfer_out:complete:3');
    case 'open_waiting_labor_termination':
      return before((op) => isStep(op, 'labor_termination'));
    case 'open_after_labor_termination':
      return before((op) => op.kind === 'step' && ['archive_transfer', 'post_release', 'establishment_release'].includes(op.step!));
    case 'cancelled': {
      const day = scenario.approved ? approval + rng.int(2, 8) : open + rng.int(1, 5);
      // Cancelled before anything was filed with the bureau (and, when not approved, before the approval).
      const kept = before((op) => op.day > day || isStep(op, 'si_transfer_out') || (!scenario.approved && isStep(op, 'approval')));
      const note = rng.pick(scenario.approved ? CANCEL_NOTES.approved : CANCEL_NOTES.notApproved);
      return [...kept, { kind: 'cancel', day, rank: ORDER.length + 1, by: 'specialist', key: 'cancel', note }];
    }
    default:
      return ops;
  }
}

/**
 * The ops on the calendar: each on the first working day from its planned day,
 * recorded that day in office hours (the bureau's answer now and then a day
 * later, as it comes by post), each after the one before. `notBefore` is when
 * the archive was created.
 */
export function datedCase(rng: Random, ops: CaseOp[], lastWorkingDay: IsoDate, policy: WorkflowPolicy, notBefore: Date): DatedCase {
  let previous = notBefore;
  let notice: IsoMonth | null = null;
  let lastPaidMonth: IsoMonth | null = null;
  const dated: DatedCaseOp[] = [];
  for (const op of ops) {
    const effectiveDate = workday(addDays(lastWorkingDay, op.day));
    const answer = op.kind === 'step' && op.step === 'si_transfer_out' && op.action === 'complete';
    const entered = answer && rng.chance(0.2) ? addDays(effectiveDate, 1) : effectiveDate;
    const recordedAt = laterOf(officeTime(rng, entered), plusMinutes(previous, rng.int(3, 40)));
    previous = recordedAt;
    if (op.kind === 'step' && op.step === 'si_transfer_out' && op.action === 'request') {
      notice = transferOutNotice({ lastWorkingDay, filingDate: effectiveDate, parameters: policy.parameters }).lastContributionMonth;
    }
    if (answer) lastPaidMonth = notice;
    dated.push({ ...op, effectiveDate, recordedAt, ...(answer && notice ? { lastPaidMonth: notice } : {}) });
  }
  return {
    ops: dated,
    openedAt: dated[0].recordedAt,
    cancelledAt: dated.find((op) => op.kind === 'cancel')?.recordedAt ?? null,
    lastPaidMonth,
    predictedLastMonth: lastPaidMonth ? null : notice,
  };
}
