import { FilingTemplates } from '../filing/filing-template';
import { IsoDate } from '../shared/calendar';
import { EmployeeCategory, Role, SeparationReason, StepKey } from '../shared/vocabulary';

/**
 * Workflow policies: versioned configuration per region and employee category
 * (stream `policy-<region>-<category>`). An offboarding case pins the policy in
 * force when it opens, so publishing a new version never moves an open case.
 */

/**
 * `hard`: never overridable (a legal order, or a step that cannot be undone while
 * the case may still be cancelled). `soft`: an hr_manager may override it with a
 * written reason, recorded as its own event.
 */
export type PrerequisiteKind = 'hard' | 'soft';

export interface Prerequisite {
  step: StepKey;
  kind: PrerequisiteKind;
}

/**
 * When a step falls due. "Termination" is the registered termination date when
 * known, else the last working day (see due-dates.ts).
 * - `on_termination`: the day of termination (LCL art. 50: the certificate is issued at termination).
 * - `days_after_termination`: a period of calendar days; counting starts the next day
 *   (Civil Code art. 201), so 15 days after 2024-06-30 is 2024-07-15.
 * - `before_last_working_day`: `days` before the last working day (0: on it), for internal steps.
 * - `reduction_cutoff`: the last day to file the SI reduction (减员) under the region's cut-off (si-reduction.ts).
 * - `none`: no date (e.g. severance is due when the handover is done, LCL art. 50 para. 2).
 */
export type DueRule =
  | { kind: 'on_termination' }
  | { kind: 'days_after_termination'; days: number }
  | { kind: 'before_last_working_day'; days: number }
  | { kind: 'reduction_cutoff' }
  | { kind: 'none' };

export type StepActions = 'complete' | 'complete_reject' | 'request_complete_reject';

/**
 * Who does a step: a role, narrowed to a department when given (`hr`, `it`,
 * `finance`, `assets`, `academic_affairs`…: a lower-case slug, as tokens carry
 * them in their `departments` claim). See assignee.ts for the default of policies
 * published before steps named one.
 */
export interface Assignee {
  role: Role;
  department?: string;
}

/**
 * When the assignee is reminded of a step with a due date, in China's working days
 * (working-day-calendar.ts): `before` the due date (3: three working days before),
 * on the due date itself, then `after` it every `every` working days to the
 * assignee, with an escalation to `escalateTo` (of the step's department).
 * Set per policy, overridden per step (reminder-schedule.ts).
 */
export interface ReminderRule {
  before: number[];
  onDue: boolean;
  after?: { every: number; escalateTo?: Role };
}

export interface StepDefinition {
  key: StepKey;
  title: { zh: string; en: string };
  requires: Prerequisite[];
  /** Absent: the step applies to every separation reason. */
  appliesTo?: { reasons?: SeparationReason[] };
  due: DueRule;
  /** Only this role may act on the step (approval: hr_manager). */
  role?: Role;
  /**
   * `request_complete_reject`: a filing the bureau answers (si_transfer_out);
   * `complete_reject`: a filing whose answer alone is recorded, accepted
   * (`complete`) or returned (`reject`, 驳回) and filed again (labor_termination,
   * from the shipped defaults on; policies published before keep `complete`);
   * `complete`: one action.
   */
  actions: StepActions;
  /** Absent in policies published before assignees existed: assignee.ts gives the default. */
  assignee?: Assignee;
  /** Overrides the policy's `reminders` for this step. */
  reminders?: ReminderRule;
}

/** How the bureau treats an SI reduction (减员) filing; see si-reduction.ts for the exact reading. */
export type SiReductionRule = { kind: 'monthly_cutoff'; cutoffDay: number; effect: 'same_month' | 'next_month' } | { kind: 'no_cutoff' };

/** A parameter value with the date from which it applies and where it comes from. */
interface Sourced {
  effectiveFrom: IsoDate;
  source: string;
}

export interface RegionalParameters {
  siReduction: Array<Sourced & { rule: SiReductionRule }>;
  /** The prior-year local average monthly wage (LCL art. 47 cap), in yuan; `year` is the year it averages. */
  averageMonthlyWage: Array<Sourced & { year: number; amount: number }>;
  /** The local monthly minimum wage (Regs art. 27 floor), in yuan. */
  minimumMonthlyWage: Array<Sourced & { amount: number }>;
  /**
   * The bureau's batch files (减员, 退工) and their receipts, per kind, dated
   * (domain/filing/filing-template.ts). Absent in policies published before them and
   * for a region that files one by one.
   */
  filingTemplates?: FilingTemplates;
}

export interface WorkflowPolicy {
  region: string;
  category: EmployeeCategory;
  version: number;
  effectiveFrom: IsoDate;
  steps: StepDefinition[];
  parameters: RegionalParameters;
  /** Reminders for every step with a due date unless the step has its own; absent: reminder-schedule.ts's default. */
  reminders?: ReminderRule;
}

/** The steps of a policy that apply to a separation reason. */
export const stepsFor = (policy: WorkflowPolicy, reason: SeparationReason): StepDefinition[] =>
  policy.steps.filter((step) => step.appliesTo?.reasons === undefined || step.appliesTo.reasons.includes(reason));
