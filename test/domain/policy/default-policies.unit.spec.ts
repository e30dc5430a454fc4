import { DEFAULT_POLICIES, REGIONS } from '../../../src/domain/policy/default-policies';
import { WorkflowPolicy } from '../../../src/domain/policy/policy';
import { EMPLOYEE_CATEGORIES, EmployeeCategory, isSchool } from '../../../src/domain/shared/vocabulary';
import { policyStream } from '../../../src/domain/shared/streams';

const policy = (region: string, category: EmployeeCategory) =>
  DEFAULT_POLICIES.find((p) => p.region === region && p.category === category)!;
/** Each step as `key <- prerequisite(kind), ...`, to read a policy at a glance. */
const outline = (p: WorkflowPolicy) => p.steps.map((s) => [s.key, ...s.requires.map((r) => `${r.step}(${r.kind})`)].join(' <- '));

describe('DEFAULT_POLICIES', () => {
  it('lives in one stream per region and category', () => {
    expect(policyStream('shanghai', 'school_establishment')).toBe('policy-shanghai-school_establishment');
  });

  it('has version 1 for every region × category', () => {
    expect(REGIONS).toEqual(['shanghai', 'beijing', 'shenzhen', 'xiamen']);
    expect(DEFAULT_POLICIES.map((p) => `${p.region}/${p.category}/v${p.version}`)).toEqual(
      REGIONS.flatMap((region) => EMPLOYEE_CATEGORIES.map((category) => `${region}/${category}/v1`)),
    );
  });

  it('shanghai enterprise_regular: the founding rule, and the usual order of work', () => {
    expect(outline(policy('shanghai', 'enterprise_regular'))).toEqual([
      'approval',
      'handover <- approval(soft)',
      'si_transfer_out <- approval(hard)',
      'housing_fund_transfer <- approval(soft)',
      'termination_certificate <- approval(soft)',
      'labor_termination <- si_transfer_out(hard) <- handover(soft)',
      'archive_transfer <- labor_termination(soft)',
      'severance_payment <- handover(soft)',
    ]);
    const steps = policy('shanghai', 'enterprise_regular').steps;
    expect(steps.find((s) => s.key === 'approval')).toMatchObject({
      role: 'hr_manager',
      due: { kind: 'before_last_working_day', days: 0 },
    });
    expect(steps.find((s) => s.key === 'si_transfer_out')).toMatchObject({
      actions: 'request_complete_reject',
      due: { kind: 'reduction_cutoff' },
    });
    expect(steps.find((s) => s.key === 'labor_termination')!.due).toEqual({ kind: 'days_after_termination', days: 15 });
    expect(steps.find((s) => s.key === 'archive_transfer')!.due).toEqual({ kind: 'days_after_termination', days: 15 });
    expect(steps.find((s) => s.key === 'termination_certificate')!.due).toEqual({ kind: 'on_termination' });
    expect(steps.find((s) => s.key === 'housing_fund_transfer')!.due).toEqual({ kind: 'days_after_termination', days: 30 });
  });

  it('xiamen: the unemployment filing (失业登记备案) must precede the SI reduction', () => {
    expect(outline(policy('xiamen', 'enterprise_contract'))).toEqual([
      'approval',
      'handover <- approval(soft)',
      'unemployment_filing <- approval(hard)',
      'si_transfer_out <- approval(hard) <- unemployment_filing(hard)',
      'housing_fund_transfer <- approval(soft)',
      'termination_certificate <- approval(soft)',
      'labor_termination <- si_transfer_out(hard) <- handover(soft)',
      'archive_transfer <- labor_termination(soft)',
      'severance_payment <- handover(soft)',
    ]);
    for (const region of ['shanghai', 'beijing', 'shenzhen']) {
      expect(policy(region, 'enterprise_regular').steps.map((s) => s.key)).not.toContain('unemployment_filing');
    }
  });

  it('school_establishment: term settlement, post release and establishment write-off, released only after 退工', () => {
    expect(outline(policy('shanghai', 'school_establishment'))).toEqual([
      'approval',
      'handover <- approval(soft)',
      'term_settlement <- approval(soft)',
      'si_transfer_out <- approval(hard)',
      'housing_fund_transfer <- approval(soft)',
      'termination_certificate <- approval(soft)',
      'labor_termination <- si_transfer_out(hard) <- handover(soft)',
      'archive_transfer <- labor_termination(soft)',
      'severance_payment <- handover(soft)',
      'post_release <- labor_termination(hard)',
      'establishment_release <- labor_termination(hard) <- post_release(soft)',
    ]);
  });

  it.each(DEFAULT_POLICIES.map((p) => [p.region, p.category, p] as const))('%s %s: school steps by category', (_, category, p) => {
    const keys = p.steps.map((s) => s.key);
    expect(keys.includes('term_settlement')).toBe(isSchool(category));
    expect(keys.includes('post_release')).toBe(isSchool(category));
    expect(keys.includes('establishment_release')).toBe(category === 'school_establishment');
  });

  it.each(DEFAULT_POLICIES.map((p) => [p.region, p.category, p] as const))('%s %s: 退工 requires 社保转出, hard', (_, __, p) => {
    expect(p.steps.find((s) => s.key === 'labor_termination')!.requires).toContainEqual({ step: 'si_transfer_out', kind: 'hard' });
  });

  it('severance_payment applies only to the reasons that may owe compensation (LCL art. 46)', () => {
    for (const p of DEFAULT_POLICIES) {
      expect(p.steps.find((s) => s.key === 'severance_payment')!.appliesTo).toEqual({
        reasons: ['dismissal', 'contract_expiry', 'mutual_agreement'],
      });
    }
  });

  it('gives every parameter a source', () => {
    for (const p of DEFAULT_POLICIES) {
      const { siReduction, averageMonthlyWage, minimumMonthlyWage } = p.parameters;
      for (const entry of [...siReduction, ...averageMonthlyWage, ...minimumMonthlyWage]) expect(entry.source.trim()).not.toBe('');
    }
  });

  it('reduction rules per region: shanghai and beijing cut off on the 15th, shenzhen has none from 2024-07-01, xiamen files within the month', () => {
    const rules = (region: string) =>
      policy(region, 'enterprise_regular').parameters.siReduction.map(({ effectiveFrom, rule }) => ({ effectiveFrom, rule }));
    expect(rules('shanghai')).toEqual([
      { effectiveFrom: '2011-07-01', rule: { kind: 'monthly_cutoff', cutoffDay: 15, effect: 'same_month' } },
    ]);
    expect(rules('beijing')).toEqual([
      { effectiveFrom: '2011-07-01', rule: { kind: 'monthly_cutoff', cutoffDay: 15, effect: 'same_month' } },
    ]);
    expect(rules('shenzhen')).toEqual([
      { effectiveFrom: '2011-07-01', rule: { kind: 'monthly_cutoff', cutoffDay: 15, effect: 'same_month' } },
      { effectiveFrom: '2024-07-01', rule: { kind: 'no_cutoff' } },
    ]);
    expect(rules('xiamen')).toEqual([
      { effectiveFrom: '2011-07-01', rule: { kind: 'monthly_cutoff', cutoffDay: 31, effect: 'next_month' } },
    ]);
  });

  it('ships regional averages (LCL art. 47 para. 2) by year for shanghai, beijing and shenzhen, none for xiamen; each marked and public after its year', () => {
    const averages = (region: string) =>
      policy(region, 'enterprise_regular').parameters.averageMonthlyWage.map(({ year, amount }) => `${year}:${amount}`);
    expect(averages('shanghai')).toEqual(['2020:10338', '2021:11396', '2022:12183', '2023:12307']);
    expect(averages('beijing')).toEqual(['2021:10628', '2022:11082', '2023:11761']);
    expect(averages('shenzhen')).toEqual(['2021:12964', '2022:13730', '2023:14553']);
    expect(averages('xiamen')).toEqual([]);
    for (const p of DEFAULT_POLICIES) {
      for (const figure of p.parameters.averageMonthlyWage) {
        expect(figure.source).toMatch(/\[(statute|secondary|unverified)\]/);
        expect(figure.source).toMatch(/https?:\/\//);
        expect(Number(figure.effectiveFrom.slice(0, 4))).toBe(figure.year + 1);
      }
    }
  });

  it('marks what could not be verified', () => {
    const shanghai = policy('shanghai', 'enterprise_regular').parameters;
    expect(shanghai.averageMonthlyWage.at(-1)).toMatchObject({
      year: 2023,
      amount: 12307,
      effectiveFrom: '2024-07-31',
      source: expect.stringContaining('[secondary]'),
    });
    expect(policy('beijing', 'enterprise_regular').parameters.averageMonthlyWage[0].source).toContain('[unverified]');
    expect(shanghai.minimumMonthlyWage[0]).toMatchObject({
      amount: 2690,
      effectiveFrom: '2023-07-01',
      source: expect.stringContaining('[secondary]'),
    });
    expect(policy('shenzhen', 'enterprise_regular').parameters.siReduction[0].source).toContain('[unverified]');
  });
});
