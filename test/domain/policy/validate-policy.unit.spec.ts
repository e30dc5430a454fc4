import { DEFAULT_POLICIES } from '../../../src/domain/policy/default-policies';
import { WorkflowPolicy } from '../../../src/domain/policy/policy';
import { validatePolicy } from '../../../src/domain/policy/validate-policy';

const shanghai = () => structuredClone(DEFAULT_POLICIES.find((p) => p.region === 'shanghai' && p.category === 'enterprise_regular')!);
/** A copy of the shipped shanghai policy changed by `change`; the problems found. */
const problemsAfter = (change: (policy: WorkflowPolicy & Record<string, unknown>) => void) => {
  const policy = shanghai() as WorkflowPolicy & Record<string, unknown>;
  change(policy);
  return validatePolicy(policy);
};
const step = (policy: WorkflowPolicy, key: string) => policy.steps.find((s) => s.key === key)!;
const FOUNDING_RULE =
  'steps[5].requires: labor_termination must require si_transfer_out as hard (社保转出 before 退工: the founding rule cannot be weakened or overridden)';

describe('validatePolicy', () => {
  it.each(DEFAULT_POLICIES.map((p) => [p.region, p.category, p] as const))('accepts the shipped policy %s %s', (_, __, policy) => {
    expect(validatePolicy(policy)).toEqual([]);
  });

  it('refuses what is not an object', () => {
    expect(validatePolicy(null)).toEqual(['policy: must be an object']);
    expect(validatePolicy([])).toEqual(['policy: must be an object']);
  });

  it('lists every bad top-level field', () => {
    expect(
      problemsAfter((p) => {
        p.region = 'Shang-hai';
        p.category = 'factory' as never;
        p.version = 0;
        p.effectiveFrom = '2024-02-30';
      }),
    ).toEqual([
      'region: must be lower-case letters, digits or underscores, starting with a letter',
      'category: must be one of enterprise_regular, enterprise_contract, school_establishment, school_non_establishment',
      'version: must be a whole number from 1',
      'effectiveFrom: must be a real date (YYYY-MM-DD)',
    ]);
  });

  it('needs steps', () => {
    expect(problemsAfter((p) => (p.steps = []))).toEqual(['steps: must be a non-empty list']);
  });

  it('refuses unknown step keys', () => {
    expect(problemsAfter((p) => (p.steps[1].key = 'coffee' as never))).toEqual([
      "steps[1].key: unknown step 'coffee'; one of approval, handover, si_transfer_out, housing_fund_transfer, unemployment_filing, labor_termination, termination_certificate, archive_transfer, severance_payment, term_settlement, post_release, establishment_release",
      "steps[5].requires[1].step: 'handover' is not a step of this policy",
      "steps[7].requires[0].step: 'handover' is not a step of this policy",
    ]);
  });

  it('refuses duplicate keys', () => {
    expect(problemsAfter((p) => p.steps.push(structuredClone(step(p, 'handover'))))).toEqual(["steps[8].key: duplicate step 'handover'"]);
  });

  it('refuses a prerequisite that is not a step of the policy, or unknown, or the step itself', () => {
    expect(problemsAfter((p) => step(p, 'handover').requires.push({ step: 'unemployment_filing', kind: 'soft' }))).toEqual([
      "steps[1].requires[1].step: 'unemployment_filing' is not a step of this policy",
    ]);
    expect(problemsAfter((p) => step(p, 'handover').requires.push({ step: 'lunch' as never, kind: 'soft' }))).toEqual([
      "steps[1].requires[1].step: unknown step 'lunch'",
    ]);
    expect(problemsAfter((p) => step(p, 'handover').requires.push({ step: 'handover', kind: 'soft' }))).toEqual([
      'steps[1].requires[1].step: a step cannot require itself',
    ]);
    expect(problemsAfter((p) => (step(p, 'handover').requires[0].kind = 'firm' as never))).toEqual([
      "steps[1].requires[0].kind: must be 'hard' or 'soft'",
    ]);
  });

  it('refuses cycles', () => {
    expect(problemsAfter((p) => step(p, 'approval').requires.push({ step: 'labor_termination', kind: 'soft' }))).toEqual([
      'steps: prerequisites form a cycle: approval → labor_termination → si_transfer_out → approval',
    ]);
  });

  it('refuses a policy that weakens the founding rule (退工 only after 社保转出, hard)', () => {
    expect(problemsAfter((p) => (step(p, 'labor_termination').requires[0].kind = 'soft'))).toEqual([FOUNDING_RULE]);
    expect(problemsAfter((p) => step(p, 'labor_termination').requires.splice(0, 1))).toEqual([FOUNDING_RULE]);
  });

  it('refuses labour termination without the transfer-out step', () => {
    expect(
      problemsAfter((p) => {
        p.steps = p.steps.filter((s) => s.key !== 'si_transfer_out');
        step(p, 'labor_termination').requires = [{ step: 'handover', kind: 'soft' }];
      }),
    ).toEqual([
      'steps[4].requires: labor_termination must require si_transfer_out as hard (社保转出 before 退工: the founding rule cannot be weakened or overridden)',
    ]);
  });

  it('accepts a policy without labour termination (nothing to order)', () => {
    expect(
      problemsAfter((p) => {
        p.steps = p.steps.filter((s) => s.key !== 'labor_termination' && s.key !== 'archive_transfer');
      }),
    ).toEqual([]);
  });

  it('refuses a prerequisite that applies to fewer reasons than the step', () => {
    expect(problemsAfter((p) => step(p, 'archive_transfer').requires.push({ step: 'severance_payment', kind: 'soft' }))).toEqual([
      "steps[6].requires[1].step: 'severance_payment' does not apply to resignation, retirement, which 'archive_transfer' applies to",
    ]);
  });

  it('checks appliesTo, due, role, actions and title', () => {
    expect(
      problemsAfter((p) => {
        step(p, 'severance_payment').appliesTo = { reasons: ['fired' as never] };
        step(p, 'handover').due = { kind: 'days_after_termination', days: -1 };
        step(p, 'archive_transfer').due = { kind: 'whenever' } as never;
        step(p, 'approval').role = 'ceo' as never;
        step(p, 'approval').actions = 'request_complete_reject';
        step(p, 'si_transfer_out').actions = 'complete';
        step(p, 'termination_certificate').title = { zh: '', en: 'certificate' };
      }),
    ).toEqual([
      'steps[0].role: must be one of hr_specialist, hr_manager, auditor, investigator, admin',
      "steps[0].actions: must be 'complete' for approval",
      'steps[1].due.days: must be a whole number of days, 0 or more',
      "steps[2].actions: must be 'request_complete_reject' for si_transfer_out",
      'steps[4].title: needs non-empty zh and en',
      'steps[6].due: kind must be one of on_termination, days_after_termination, before_last_working_day, reduction_cutoff, none',
      'steps[7].appliesTo.reasons: must be a non-empty list of resignation, dismissal, contract_expiry, mutual_agreement, retirement',
    ]);
  });

  it('lets labor_termination take rejections (complete_reject) or, as before, only complete; nothing else', () => {
    expect(problemsAfter((p) => (step(p, 'labor_termination').actions = 'complete'))).toEqual([]);
    expect(problemsAfter((p) => (step(p, 'labor_termination').actions = 'complete_reject'))).toEqual([]);
    expect(problemsAfter((p) => (step(p, 'labor_termination').actions = 'request_complete_reject'))).toEqual([
      expect.stringMatching(new RegExp(`^steps\\[\\d+\\]\\.actions: must be 'complete_reject' or 'complete' for labor_termination$`)),
    ]);
    expect(problemsAfter((p) => (step(p, 'handover').actions = 'complete_reject'))).toEqual([
      expect.stringContaining("must be 'complete' for handover"),
    ]);
  });

  it('checks the reduction rules', () => {
    expect(problemsAfter((p) => (p.parameters.siReduction = []))).toEqual(['parameters.siReduction: must be a non-empty list']);
    expect(
      problemsAfter((p) => {
        p.parameters.siReduction = [
          { effectiveFrom: '2011-07-01', rule: { kind: 'monthly_cutoff', cutoffDay: 0, effect: 'same_month' }, source: 's' },
          { effectiveFrom: '2012-07-01', rule: { kind: 'monthly_cutoff', cutoffDay: 32, effect: 'later' as never }, source: 's' },
          { effectiveFrom: '2013-07-01', rule: { kind: 'monthly_cutoff', cutoffDay: 1.5, effect: 'next_month' }, source: '' },
          { effectiveFrom: '2013-07-01', rule: { kind: 'weekly' } as never, source: 's' },
          { effectiveFrom: '2014-13-01', rule: { kind: 'no_cutoff' }, source: 's' },
        ];
      }),
    ).toEqual([
      'parameters.siReduction[0].rule.cutoffDay: must be a day of the month, 1 to 31',
      'parameters.siReduction[1].rule.cutoffDay: must be a day of the month, 1 to 31',
      "parameters.siReduction[1].rule.effect: must be 'same_month' or 'next_month'",
      'parameters.siReduction[2].source: must say where the value comes from',
      'parameters.siReduction[2].rule.cutoffDay: must be a day of the month, 1 to 31',
      'parameters.siReduction[3].effectiveFrom: another entry already takes effect on 2013-07-01',
      "parameters.siReduction[3].rule.kind: must be 'monthly_cutoff' or 'no_cutoff'",
      'parameters.siReduction[4].effectiveFrom: must be a real date (YYYY-MM-DD)',
    ]);
  });

  it('accepts cut-off days 1 and 31', () => {
    expect(
      problemsAfter((p) => {
        p.parameters.siReduction = [
          { effectiveFrom: '2011-07-01', rule: { kind: 'monthly_cutoff', cutoffDay: 1, effect: 'same_month' }, source: 's' },
          { effectiveFrom: '2012-07-01', rule: { kind: 'monthly_cutoff', cutoffDay: 31, effect: 'next_month' }, source: 's' },
        ];
      }),
    ).toEqual([]);
  });

  it('checks the wages: amounts of 0 or more with a year, a date and a source', () => {
    expect(
      problemsAfter((p) => {
        p.parameters.averageMonthlyWage = [
          { year: 2023, amount: -1, effectiveFrom: '2024-07-01', source: 's' },
          { year: 23, amount: Number.NaN, effectiveFrom: '2025-07-01', source: 's' },
        ];
        p.parameters.minimumMonthlyWage = [
          { amount: 0, effectiveFrom: '2023-07-01', source: 's' },
          { amount: Infinity, effectiveFrom: 'soon', source: ' ' },
        ];
      }),
    ).toEqual([
      'parameters.averageMonthlyWage[0].amount: must be an amount in yuan, 0 or more',
      'parameters.averageMonthlyWage[1].year: must be a year (YYYY)',
      'parameters.averageMonthlyWage[1].amount: must be an amount in yuan, 0 or more',
      'parameters.minimumMonthlyWage[1].effectiveFrom: must be a real date (YYYY-MM-DD)',
      'parameters.minimumMonthlyWage[1].source: must say where the value comes from',
      'parameters.minimumMonthlyWage[1].amount: must be an amount in yuan, 0 or more',
    ]);
    expect(problemsAfter((p) => (p.parameters = 'none' as never))).toEqual(['parameters: must be an object']);
  });

  it('checks each step’s assignee: a role that acts on steps (the step’s own, if it requires one) and a department key', () => {
    expect(
      problemsAfter((p) => {
        step(p, 'approval').assignee = { role: 'hr_specialist', department: 'hr' };
        step(p, 'handover').assignee = { role: 'auditor' as never };
        step(p, 'si_transfer_out').assignee = { role: 'hr_specialist', department: 'Finance Dept' };
        (step(p, 'housing_fund_transfer') as unknown as Record<string, unknown>).assignee = 'hr';
        (step(p, 'labor_termination') as unknown as Record<string, unknown>).assignee = { role: 'hr_specialist', team: 'x' };
      }),
    ).toEqual([
      'steps[5].assignee.team: is not a field of a policy',
      'steps[0].assignee.role: must be hr_manager, the role the step requires: nobody else could do the task',
      'steps[1].assignee.role: must be one of hr_specialist, hr_manager, admin',
      'steps[2].assignee.department: must be a lower-case department key (letters, digits, underscores; 2 to 40), e.g. hr, it, finance',
      'steps[3].assignee: must be an object with a role and optionally a department',
    ]);
  });

  it('checks reminders, for the policy and per step', () => {
    expect(
      problemsAfter((p) => {
        p.reminders = { before: [0, 3, 3], onDue: 'yes' as never, after: { every: 0, escalateTo: 'ceo' as never } };
        step(p, 'handover').reminders = { before: [61], onDue: true };
        (step(p, 'si_transfer_out') as unknown as Record<string, unknown>).reminders = { before: [], onDue: false, after: 2 };
      }),
    ).toEqual([
      'steps[1].reminders.before: must be a list of at most 5 different whole numbers of working days, 1 to 60',
      'steps[2].reminders.after: must be an object: { every: working days, escalateTo?: role }',
      'reminders.before: must be a list of at most 5 different whole numbers of working days, 1 to 60',
      'reminders.onDue: must be true or false',
      'reminders.after.every: must be a whole number of working days, 1 to 60',
      'reminders.after.escalateTo: must be one of hr_specialist, hr_manager, admin',
    ]);
  });

  it('accepts a policy published before assignees and reminders existed', () => {
    expect(
      problemsAfter((p) => {
        delete p.reminders;
        for (const s of p.steps) delete s.assignee;
      }),
    ).toEqual([]);
  });
});
