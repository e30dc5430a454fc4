import { validateFilingTemplates } from '../filing/validate-filing-templates';
import { isIsoDate } from '../shared/calendar';
import { EMPLOYEE_CATEGORIES, ROLES, SEPARATION_REASONS, STEP_KEYS, StepKey } from '../shared/vocabulary';
import { textProblem } from '../shared/text';
import { ASSIGNABLE_ROLES, DEPARTMENT } from './assignee';
import { StepActions } from './policy';
import { unknownPolicyFields } from './policy-fields';

/**
 * The problems of a policy as published (PUT /api/policies → 400), each as
 * `<field path>: <message>`; empty when it can be published. Takes unknown input
 * so that it never throws on malformed JSON.
 *
 * Beyond shape, it enforces what the decider relies on:
 * - prerequisites name steps of the same policy, without cycles (a cycle would
 *   lock its steps for ever);
 * - a step only requires steps that apply to every separation reason it applies
 *   to, so filtering by reason never silently drops a prerequisite;
 * - `labor_termination` requires `si_transfer_out` as **hard**: transferring social
 *   insurance out before registering the termination (退工) is the product's
 *   founding rule (docs/DESIGN.md: "labor_termination always requires si_transfer_out").
 *   A policy that weakens it (soft, missing, or labour termination without the
 *   transfer-out step) is refused, whoever publishes it;
 * - only `si_transfer_out` is a filing the bureau answers (request → complete or reject).
 */

type Json = Record<string, unknown>;
const isRecord = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);
const isNonEmptyString = (value: unknown): value is string => typeof value === 'string' && value.trim() !== '';
const isStepKey = (value: unknown): value is StepKey => (STEP_KEYS as readonly unknown[]).includes(value);
const oneOf = (values: readonly string[]) => values.join(', ');

/** Lower-case letters, digits and underscores: the region is part of the stream name `policy-<region>-<category>`. */
const REGION = /^[a-z][a-z0-9_]*$/;
const DUE_KINDS = ['on_termination', 'days_after_termination', 'before_last_working_day', 'reduction_cutoff', 'none'];

export function validatePolicy(input: unknown): string[] {
  const problems: string[] = [];
  const problem = (path: string, message: string) => problems.push(`${path}: ${message}`);
  if (!isRecord(input)) return ['policy: must be an object'];
  for (const path of unknownPolicyFields(input)) problem(path, 'is not a field of a policy');

  if (typeof input.region !== 'string' || !REGION.test(input.region))
    problem('region', 'must be lower-case letters, digits or underscores, starting with a letter');
  if (!(EMPLOYEE_CATEGORIES as readonly unknown[]).includes(input.category))
    problem('category', `must be one of ${oneOf(EMPLOYEE_CATEGORIES)}`);
  if (!Number.isInteger(input.version) || (input.version as number) < 1) problem('version', 'must be a whole number from 1');
  if (!isIsoDate(input.effectiveFrom)) problem('effectiveFrom', 'must be a real date (YYYY-MM-DD)');

  validateSteps(input.steps, problem);
  validateParameters(input.parameters, problem);
  if (input.reminders !== undefined) validateReminders(input.reminders, 'reminders', problem);
  return problems;
}

type Problem = (path: string, message: string) => void;

interface StepShape {
  index: number;
  key: StepKey;
  reasons: unknown[] | undefined;
  requires: Array<{ index: number; step: StepKey; kind: unknown }>;
}

/**
 * Which actions a step may take: the transfer-out is filed, then answered; 退工
 * may record the employment service's rejection (驳回, docs/LAW.md §1.6) or, as in
 * policies published before that, only its registration; every other step is
 * simply done.
 */
const ACTIONS_BY_STEP: Partial<Record<StepKey, StepActions[]>> = {
  si_transfer_out: ['request_complete_reject'],
  labor_termination: ['complete_reject', 'complete'],
};

function validateSteps(steps: unknown, problem: Problem): void {
  if (!Array.isArray(steps) || steps.length === 0) {
    problem('steps', 'must be a non-empty list');
    return;
  }
  const valid: StepShape[] = [];
  const seen = new Set<StepKey>();
  steps.forEach((step, index) => {
    const path = `steps[${index}]`;
    if (!isRecord(step)) return problem(path, 'must be an object');
    if (!isStepKey(step.key)) return problem(`${path}.key`, `unknown step '${String(step.key)}'; one of ${oneOf(STEP_KEYS)}`);
    if (seen.has(step.key)) problem(`${path}.key`, `duplicate step '${step.key}'`);
    seen.add(step.key);

    if (!isRecord(step.title) || !isNonEmptyString(step.title.zh) || !isNonEmptyString(step.title.en))
      problem(`${path}.title`, 'needs non-empty zh and en');
    else for (const lang of ['zh', 'en'] as const) textRule(step.title[lang], `${path}.title.${lang}`, TITLE, problem);
    if (step.role !== undefined && !(ROLES as readonly unknown[]).includes(step.role))
      problem(`${path}.role`, `must be one of ${oneOf(ROLES)}`);
    const allowed = ACTIONS_BY_STEP[step.key] ?? ['complete'];
    if (!(allowed as unknown[]).includes(step.actions))
      problem(`${path}.actions`, `must be ${allowed.map((a) => `'${a}'`).join(' or ')} for ${step.key}`);
    validateDue(step.due, `${path}.due`, problem);
    if (step.assignee !== undefined) validateAssignee(step.assignee, step.role, `${path}.assignee`, problem);
    if (step.reminders !== undefined) validateReminders(step.reminders, `${path}.reminders`, problem);

    let reasons: unknown[] | undefined;
    if (step.appliesTo !== undefined) {
      if (!isRecord(step.appliesTo)) problem(`${path}.appliesTo`, 'must be an object');
      else if (step.appliesTo.reasons !== undefined) {
        const listed = step.appliesTo.reasons;
        if (!Array.isArray(listed) || listed.length === 0 || listed.some((r) => !(SEPARATION_REASONS as readonly unknown[]).includes(r))) {
          problem(`${path}.appliesTo.reasons`, `must be a non-empty list of ${oneOf(SEPARATION_REASONS)}`);
        } else reasons = listed;
      }
    }

    const requires: StepShape['requires'] = [];
    if (!Array.isArray(step.requires)) problem(`${path}.requires`, 'must be a list');
    else {
      step.requires.forEach((prerequisite, j) => {
        const at = `${path}.requires[${j}]`;
        if (!isRecord(prerequisite)) return problem(at, 'must be an object');
        if (prerequisite.kind !== 'hard' && prerequisite.kind !== 'soft') problem(`${at}.kind`, "must be 'hard' or 'soft'");
        if (!isStepKey(prerequisite.step)) return problem(`${at}.step`, `unknown step '${String(prerequisite.step)}'`);
        if (prerequisite.step === step.key) return problem(`${at}.step`, 'a step cannot require itself');
        requires.push({ index: j, step: prerequisite.step, kind: prerequisite.kind });
      });
    }
    valid.push({ index, key: step.key, reasons, requires });
  });

  const byKey = new Map(valid.map((s) => [s.key, s]));
  for (const step of valid) {
    for (const prerequisite of step.requires) {
      const at = `steps[${step.index}].requires[${prerequisite.index}].step`;
      const required = byKey.get(prerequisite.step);
      if (!required) {
        problem(at, `'${prerequisite.step}' is not a step of this policy`);
        continue;
      }
      const uncovered = required.reasons && (step.reasons ?? SEPARATION_REASONS).filter((r) => !required.reasons!.includes(r));
      if (uncovered && uncovered.length > 0) {
        problem(at, `'${prerequisite.step}' does not apply to ${uncovered.join(', ')}, which '${step.key}' applies to`);
      }
    }
  }
  const cycle = findCycle(valid, byKey);
  if (cycle) problem('steps', `prerequisites form a cycle: ${cycle.join(' → ')}`);

  const termination = byKey.get('labor_termination');
  if (termination) {
    const transfer = termination.requires.find((r) => r.step === 'si_transfer_out');
    if (!byKey.has('si_transfer_out') || transfer?.kind !== 'hard') {
      problem(
        `steps[${termination.index}].requires`,
        'labor_termination must require si_transfer_out as hard (社保转出 before 退工: the founding rule cannot be weakened or overridden)',
      );
    }
  }
}

/** A cycle of prerequisites as a path of keys (first key repeated at the end), or null. */
function findCycle(steps: StepShape[], byKey: Map<StepKey, StepShape>): StepKey[] | null {
  const state = new Map<StepKey, 'visiting' | 'done'>();
  const path: StepKey[] = [];
  const visit = (key: StepKey): StepKey[] | null => {
    if (state.get(key) === 'done') return null;
    if (state.get(key) === 'visiting') return [...path.slice(path.indexOf(key)), key];
    state.set(key, 'visiting');
    path.push(key);
    for (const prerequisite of byKey.get(key)?.requires ?? []) {
      if (!byKey.has(prerequisite.step)) continue;
      const cycle = visit(prerequisite.step);
      if (cycle) return cycle;
    }
    path.pop();
    state.set(key, 'done');
    return null;
  };
  for (const step of steps) {
    const cycle = visit(step.key);
    if (cycle) return cycle;
  }
  return null;
}

function validateDue(due: unknown, path: string, problem: Problem): void {
  if (!isRecord(due) || !DUE_KINDS.includes(due.kind as string)) return problem(path, `kind must be one of ${oneOf(DUE_KINDS)}`);
  if (
    (due.kind === 'days_after_termination' || due.kind === 'before_last_working_day') &&
    (!Number.isInteger(due.days) || (due.days as number) < 0)
  ) {
    problem(`${path}.days`, 'must be a whole number of days, 0 or more');
  }
}

/** A role that acts on steps, the one the step requires if it requires one, and a department slug. */
function validateAssignee(assignee: unknown, stepRole: unknown, path: string, problem: Problem): void {
  if (!isRecord(assignee)) return problem(path, 'must be an object with a role and optionally a department');
  if (!ASSIGNABLE_ROLES.includes(assignee.role as never)) problem(`${path}.role`, `must be one of ${oneOf(ASSIGNABLE_ROLES)}`);
  else if ((ROLES as readonly unknown[]).includes(stepRole) && assignee.role !== stepRole)
    problem(`${path}.role`, `must be ${String(stepRole)}, the role the step requires: nobody else could do the task`);
  if (assignee.department !== undefined && !DEPARTMENT.test(String(assignee.department)))
    problem(`${path}.department`, 'must be a lower-case department key (letters, digits, underscores; 2 to 40), e.g. hr, it, finance');
}

/** Bounds that keep a schedule short: a reminder more than 60 working days ahead, or one every day for ever, helps nobody. */
const MAX_REMINDER_OFFSET = 60;

function validateReminders(rule: unknown, path: string, problem: Problem): void {
  if (!isRecord(rule))
    return problem(path, 'must be an object: { before: [working days], onDue: true|false, after?: { every, escalateTo? } }');
  const offsets = rule.before;
  if (
    !Array.isArray(offsets) ||
    offsets.length > 5 ||
    offsets.some((d) => !Number.isInteger(d) || (d as number) < 1 || (d as number) > MAX_REMINDER_OFFSET) ||
    new Set(offsets).size !== offsets.length
  )
    problem(`${path}.before`, `must be a list of at most 5 different whole numbers of working days, 1 to ${MAX_REMINDER_OFFSET}`);
  if (typeof rule.onDue !== 'boolean') problem(`${path}.onDue`, 'must be true or false');
  if (rule.after === undefined) return;
  if (!isRecord(rule.after)) return problem(`${path}.after`, 'must be an object: { every: working days, escalateTo?: role }');
  if (!Number.isInteger(rule.after.every) || (rule.after.every as number) < 1 || (rule.after.every as number) > MAX_REMINDER_OFFSET)
    problem(`${path}.after.every`, `must be a whole number of working days, 1 to ${MAX_REMINDER_OFFSET}`);
  if (rule.after.escalateTo !== undefined && !ASSIGNABLE_ROLES.includes(rule.after.escalateTo as never))
    problem(`${path}.after.escalateTo`, `must be one of ${oneOf(ASSIGNABLE_ROLES)}`);
}

function validateParameters(parameters: unknown, problem: Problem): void {
  if (!isRecord(parameters)) return problem('parameters', 'must be an object');
  // The transfer-out notice needs a reduction rule; the wage lists may be empty until the administrator has the figures.
  validateDated(parameters.siReduction, 'parameters.siReduction', true, problem, (entry, path) => {
    const rule = entry.rule;
    if (!isRecord(rule) || (rule.kind !== 'monthly_cutoff' && rule.kind !== 'no_cutoff'))
      return problem(`${path}.rule.kind`, "must be 'monthly_cutoff' or 'no_cutoff'");
    if (rule.kind === 'no_cutoff') return;
    if (!Number.isInteger(rule.cutoffDay) || (rule.cutoffDay as number) < 1 || (rule.cutoffDay as number) > 31)
      problem(`${path}.rule.cutoffDay`, 'must be a day of the month, 1 to 31');
    if (rule.effect !== 'same_month' && rule.effect !== 'next_month')
      problem(`${path}.rule.effect`, "must be 'same_month' or 'next_month'");
  });
  validateDated(parameters.averageMonthlyWage, 'parameters.averageMonthlyWage', false, problem, (entry, path) => {
    if (!Number.isInteger(entry.year) || (entry.year as number) < 1900) problem(`${path}.year`, 'must be a year (YYYY)');
    validateAmount(entry.amount, `${path}.amount`, problem);
  });
  validateDated(parameters.minimumMonthlyWage, 'parameters.minimumMonthlyWage', false, problem, (entry, path) =>
    validateAmount(entry.amount, `${path}.amount`, problem),
  );
  validateFilingTemplates(parameters.filingTemplates, 'parameters.filingTemplates', problem);
}

/** A list of values with an effective date and a source; two entries from the same date would make the value in force ambiguous. */
function validateDated(
  list: unknown,
  path: string,
  required: boolean,
  problem: Problem,
  validateEntry: (entry: Json, path: string) => void,
): void {
  if (!Array.isArray(list) || (required && list.length === 0))
    return problem(path, required ? 'must be a non-empty list' : 'must be a list');
  const dates = new Set<string>();
  list.forEach((entry, index) => {
    const at = `${path}[${index}]`;
    if (!isRecord(entry)) return problem(at, 'must be an object');
    if (!isIsoDate(entry.effectiveFrom)) problem(`${at}.effectiveFrom`, 'must be a real date (YYYY-MM-DD)');
    else if (dates.has(entry.effectiveFrom)) problem(`${at}.effectiveFrom`, `another entry already takes effect on ${entry.effectiveFrom}`);
    else dates.add(entry.effectiveFrom);
    if (!isNonEmptyString(entry.source)) problem(`${at}.source`, 'must say where the value comes from');
    else textRule(entry.source, `${at}.source`, SOURCE, problem);
    validateEntry(entry, at);
  });
}

function validateAmount(amount: unknown, path: string, problem: Problem): void {
  if (typeof amount !== 'number' || !Number.isFinite(amount) || amount < 0) problem(path, 'must be an amount in yuan, 0 or more');
}

/** Titles are shown on one line in every front-end; sources may cite at length, over lines. Same rules as the API's free text (text.ts). */
const TITLE = { max: 200 };
const SOURCE = { max: 2000, multiline: true };

function textRule(value: unknown, path: string, rule: { max: number; multiline?: boolean }, problem: Problem): void {
  const why = textProblem(value, rule);
  if (why) problem(path, why);
}
