import { EMPLOYEE_CATEGORIES, EmployeeCategory, SeparationReason, StepKey } from '../shared/vocabulary';
import { Assignee, Prerequisite, RegionalParameters, ReminderRule, StepDefinition, WorkflowPolicy } from './policy';
import { BEIJING_SI_REDUCTION, SHANGHAI_LABOR_TERMINATION, SHANGHAI_SI_REDUCTION, SHENZHEN_SI_REDUCTION } from './shipped-filing-templates';

/**
 * The policies shipped by default: version 1 for every region × category. They
 * are starting values, editable by the administrator: PUT
 * /api/policies/{region}/{category} publishes a new version (validated by
 * validatePolicy, which keeps the founding rule). Each parameter carries its
 * source; docs/LAW.md marks sources [statute], [secondary] or [unverified], and so do
 * these. Figures not found in the stored sources are marked [unverified] and must
 * be checked against the official bulletin before they are relied on.
 */

export const REGIONS = ['shanghai', 'beijing', 'shenzhen', 'xiamen'] as const;
export type Region = (typeof REGIONS)[number];

const hard = (step: StepKey): Prerequisite => ({ step, kind: 'hard' });
/**
 * Starting values, edited per policy version by the administrator: HR runs the filings and the
 * certificates, finance pays the compensation, and a school's academic affairs office settles the
 * appointment term (teaching load and term duties); the post and the establishment quota stay with
 * the personnel office (hr).
 */
const specialist = (department: string): Assignee => ({ role: 'hr_specialist', department });
const soft = (step: StepKey): Prerequisite => ({ step, kind: 'soft' });

/**
 * Reasons that may owe economic compensation (LCL art. 46, statute text at
 * https://m.novel.qq.com/read/1040457304/56 and https://m.yrrf.cn/wenku/revac/r0nVErYx0G):
 * - dismissal: art. 40 and 41 dismissals owe it (46(3), 46(4)), an art. 39 dismissal
 *   for the employee's fault does not, and the reason code does not say which. Safe
 *   default: the step is there; for an art. 39 dismissal the operator completes it
 *   with a note, while a missing step could let an owed payment be forgotten.
 * - contract_expiry: owed (46(5)) unless the employer offered renewal on the same or
 *   better terms and the employee refused; same safe default.
 * - mutual_agreement: owed (46(2)) when the employer proposed it; same safe default.
 * - resignation: notice under art. 37 owes nothing. (A resignation under art. 38 for
 *   the employer's fault owes it, 46(1), but has no reason code of its own.)
 * - retirement: the contract ends under art. 44(2); 46(6) names only art. 44(4), (5).
 */
const OWES_COMPENSATION: SeparationReason[] = ['dismissal', 'contract_expiry', 'mutual_agreement'];

/**
 * Every step a shipped policy uses, in the order a case lists them, with the
 * prerequisites common to all regions. Hard prerequisites: the legal order
 * (社保转出 before 退工), and filings with an authority or releases that cannot be
 * undone while the case can still be cancelled (it can until 退工 is registered):
 * no SI reduction or unemployment filing before approval, no post or quota
 * released before 退工. The rest are the usual order of work, soft.
 */
const CATALOGUE: StepDefinition[] = [
  {
    key: 'approval',
    title: { zh: '离职审批', en: 'offboarding approval' },
    requires: [],
    due: { kind: 'before_last_working_day', days: 0 },
    role: 'hr_manager',
    actions: 'complete',
    assignee: { role: 'hr_manager', department: 'hr' },
  },
  {
    key: 'handover',
    title: { zh: '工作交接', en: 'work handover' },
    requires: [soft('approval')],
    due: { kind: 'before_last_working_day', days: 0 },
    actions: 'complete',
    assignee: specialist('hr'),
  },
  {
    key: 'term_settlement',
    title: { zh: '聘期结算', en: 'appointment-term settlement (聘期结算)' },
    requires: [soft('approval')],
    due: { kind: 'before_last_working_day', days: 0 },
    actions: 'complete',
    assignee: specialist('academic_affairs'),
  },
  {
    key: 'unemployment_filing',
    title: { zh: '失业登记备案', en: 'unemployment filing (失业登记备案)' },
    requires: [hard('approval')],
    // SIL art. 50: the list of unemployed persons goes to the SI agency within 15 days of termination
    // (十五日内, statute text quoted at http://uianet.net/dictionary/b8469431.html).
    due: { kind: 'days_after_termination', days: 15 },
    actions: 'complete',
    assignee: specialist('hr'),
  },
  {
    key: 'si_transfer_out',
    title: { zh: '社保转出（减员）', en: 'social-insurance transfer-out (社保转出)' },
    requires: [hard('approval')],
    // The region's cut-off, capped by LCL art. 50's 15 days (si-reduction.ts).
    due: { kind: 'reduction_cutoff' },
    actions: 'request_complete_reject',
    assignee: specialist('hr'),
  },
  {
    key: 'housing_fund_transfer',
    title: { zh: '公积金转移或封存', en: 'housing-fund transfer (公积金转移)' },
    requires: [soft('approval')],
    // 住房公积金管理条例 art. 15: change registration and transfer or sealing within 30 days of the end of the
    // labour relationship (http://www.wwpfw.com/gongjijindaikuan/105522.html) [statute, quoted].
    due: { kind: 'days_after_termination', days: 30 },
    actions: 'complete',
    assignee: specialist('hr'),
  },
  {
    key: 'termination_certificate',
    title: { zh: '解除或终止劳动合同证明', en: 'termination certificate' },
    requires: [soft('approval')],
    // LCL art. 50: issued at the time of termination (https://wechat.estsglobal.com/wechat/law_contents/255).
    due: { kind: 'on_termination' },
    actions: 'complete',
    assignee: specialist('hr'),
  },
  {
    key: 'labor_termination',
    title: { zh: '退工登记', en: 'labour termination registration (退工)' },
    requires: [hard('si_transfer_out'), soft('handover')],
    // 退工备案 within 15 days of the end of the labour relationship (docs/LAW.md §1.6, Shanghai [secondary]);
    // used as the SLA everywhere, as it also carries the SIL art. 50 notice of the unemployed person.
    due: { kind: 'days_after_termination', days: 15 },
    // The employment service can return the filing (驳回) with a reason, to be corrected and filed again (docs/LAW.md §1.6).
    actions: 'complete_reject',
    assignee: specialist('hr'),
  },
  {
    key: 'archive_transfer',
    title: { zh: '档案转移', en: 'personal-file transfer (档案转移)' },
    // A copy of the 退工单 goes into the personal file (docs/LAW.md §1.6).
    requires: [soft('labor_termination')],
    // LCL art. 50: the file and the SI relationship are transferred within 15 days.
    due: { kind: 'days_after_termination', days: 15 },
    actions: 'complete',
    assignee: specialist('hr'),
  },
  {
    key: 'severance_payment',
    title: { zh: '支付经济补偿', en: 'severance payment (经济补偿)' },
    // LCL art. 50 para. 2: compensation is paid when the work handover is completed; hence no date.
    requires: [soft('handover')],
    appliesTo: { reasons: OWES_COMPENSATION },
    due: { kind: 'none' },
    actions: 'complete',
    assignee: specialist('finance'),
  },
  {
    key: 'post_release',
    title: { zh: '岗位释放', en: 'post release (岗位释放)' },
    requires: [hard('labor_termination')],
    due: { kind: 'none' },
    actions: 'complete',
    assignee: specialist('hr'),
  },
  {
    key: 'establishment_release',
    title: { zh: '编制核销', en: 'establishment quota write-off (编制核销)' },
    requires: [hard('labor_termination'), soft('post_release')],
    due: { kind: 'none' },
    actions: 'complete',
    assignee: specialist('hr'),
  },
];

/**
 * Reminders of every shipped step with a due date: three working days before, on
 * the due day, then every two working days to the assignee with the hr_manager of
 * the step's department told (the example; a usual rhythm of HR work
 * lists, not a rule of law). The administrator changes them per policy or step.
 */
export const DEFAULT_REMINDERS: ReminderRule = { before: [3], onDue: true, after: { every: 2, escalateTo: 'hr_manager' } };

const COMMON_STEPS: StepKey[] = [
  'approval',
  'handover',
  'si_transfer_out',
  'housing_fund_transfer',
  'termination_certificate',
  'labor_termination',
  'archive_transfer',
  'severance_payment',
];

/** Schools settle the appointment term and release the post (docs/LAW.md §1.7); 编制内 staff also release the establishment quota. */
const CATEGORY_STEPS: Record<EmployeeCategory, StepKey[]> = {
  enterprise_regular: [],
  enterprise_contract: [],
  school_establishment: ['term_settlement', 'post_release', 'establishment_release'],
  school_non_establishment: ['term_settlement', 'post_release'],
};

/** Reduction rules are read from 2011-07-01, when the Social Insurance Law took effect; earlier filings are out of scope. */
const SIL_IN_FORCE = '2011-07-01';

/**
 * Regional average monthly wages (LCL art. 47 para. 2; regional-average.ts chooses among them). `year` is the
 * year averaged; `effectiveFrom` the day it was public (announced), or, where the source gives only that, the
 * day from which the bureau applied it; a date not in any source is marked [unverified]. Sources found in the
 * stored pages (search, December 2026): no 2024 or 2025 figure for any shipped city, and no Xiamen figure
 * after 2017. A termination in 2025 or 2026 therefore meets a stale figure and goes to manual review, with an
 * amount only where the figure cannot change it; the administrator adds each year's figure when published.
 */
const RSM_TABLE =
  'RSM, “NowChina: insights into China’s salary trends and benchmarks” (https://rsmstoneforest.sg/expert-insights/nowchina-insights-into-chinas-salary-trends-and-benchmarks?hs_amp=true), ' +
  'table of social average wages “approved by local human resources and social security bureaus … used for social insurance calculations”, as of October 2024 [secondary]';

const COMMON_CUTOFF_RULE =
  '减员 filed from the 1st to the 15th takes effect that month, later filings the next month ' +
  '(http://zhejianglong.com/c/2927808.html; https://m.jiusongjiankang.com/health/news/6575473.html) [secondary]';

interface RegionalSetup {
  parameters: RegionalParameters;
  /** Steps this region adds to the common ones, and prerequisites it adds to steps. */
  steps: StepKey[];
  requires: Partial<Record<StepKey, Prerequisite[]>>;
}

const REGIONAL: Record<Region, RegionalSetup> = {
  shanghai: {
    steps: [],
    requires: {},
    parameters: {
      siReduction: [
        {
          effectiveFrom: SIL_IN_FORCE,
          rule: { kind: 'monthly_cutoff', cutoffDay: 15, effect: 'same_month' },
          source: `${COMMON_CUTOFF_RULE}; agrees with API.md (last working day 2024-06-30 → last contribution month 2024-06, file by 2024-07-15). No Shanghai notice found [unverified].`,
        },
      ],
      averageMonthlyWage: [
        {
          year: 2020,
          amount: 10338,
          effectiveFrom: '2021-07-01',
          source:
            '2020 城镇单位就业人员平均工资 124,056 yuan a year (10,338 a month), +7.9%, per the Shanghai HRSS bureau’s announcement; contribution bases from July 2021 ' +
            '(https://www.rsa-tax.com/single-post/china-s-revised-social-contribution-basis) [secondary]. The announcement date is not given: the date the bureau applied it.',
        },
        {
          year: 2021,
          amount: 11396,
          effectiveFrom: '2022-07-05',
          source: `Disclosed by the Shanghai HRSS bureau on 5 July 2022 (https://www.rsa-tax.com/single-post/shanghai-new-social-contributions-limits) [secondary]; same figure in ${RSM_TABLE}.`,
        },
        {
          year: 2022,
          amount: 12183,
          effectiveFrom: '2023-06-30',
          source: `Announced by 30 June 2023 (http://chinascope.org/archives/32682, citing news.creaders.net of 2023-06-30) [secondary]; same figure in ${RSM_TABLE}.`,
        },
        {
          year: 2023,
          amount: 12307,
          effectiveFrom: '2024-07-31',
          source:
            `${RSM_TABLE}; matches the contribution ceiling of 36,921 (3 × 12,307) announced on 31 July 2024 for July 2024–June 2025 ` +
            '(https://forvismazars.com/cn/en/insights/our-publications/accounting-outsourcing-newsletters/august-2024-social-contribution-in-sh-and-bj) [secondary]. ' +
            'Public from that announcement at the latest; an earlier publication of the average itself was not found.',
        },
      ],
      minimumMonthlyWage: [
        {
          amount: 2690,
          effectiveFrom: '2023-07-01',
          source:
            'Raised from 2,590 to 2,690 yuan a month from 2023-07-01 (http://www.zhishi.rexun.cn/zhuanye/2023/0705/5367.html, news) [secondary]; ' +
            'still 2,690 in the MOHRSS table as of 2024-04-01 (https://m.163.com/dy/article/IV9DEVL20512D6PP.html) [secondary].',
        },
        {
          amount: 2740,
          effectiveFrom: '2025-07-01',
          source:
            'The MOHRSS table is reported with Shanghai first at 2,740 yuan (http://www.99xcs.com/news/3606696.shtml) [secondary]; the date 2025-07-01 is [unverified].',
        },
      ],
      filingTemplates: { si_reduction: [SHANGHAI_SI_REDUCTION], labor_termination: [SHANGHAI_LABOR_TERMINATION] },
    },
  },
  beijing: {
    steps: [],
    requires: {},
    parameters: {
      siReduction: [
        {
          effectiveFrom: SIL_IN_FORCE,
          rule: { kind: 'monthly_cutoff', cutoffDay: 15, effect: 'same_month' },
          source:
            'Leaving before the 15th: the employer does not pay that month; after the 15th it does (https://www.ihr360.com/hrnews/202508422130.html, vendor blog) [secondary]. ' +
            'A 5th–25th filing window (http://50hyshx.icu/cvrxg, low quality) is not used [unverified].',
        },
      ],
      averageMonthlyWage: [
        {
          year: 2021,
          amount: 10628,
          effectiveFrom: '2022-07-31',
          source: `${RSM_TABLE}. Publication date not in the source: late July assumed, as in 2024 [unverified].`,
        },
        {
          year: 2022,
          amount: 11082,
          effectiveFrom: '2023-07-31',
          source: `${RSM_TABLE}. Publication date not in the source: late July assumed, as in 2024 [unverified].`,
        },
        {
          year: 2023,
          amount: 11761,
          effectiveFrom: '2024-07-31',
          source:
            `${RSM_TABLE}; matches the contribution ceiling of 35,283 (3 × 11,761) announced on 31 July 2024 ` +
            '(https://forvismazars.com/cn/en/insights/our-publications/accounting-outsourcing-newsletters/august-2024-social-contribution-in-sh-and-bj) [secondary].',
        },
      ],
      minimumMonthlyWage: [
        {
          amount: 2420,
          effectiveFrom: '2023-09-01',
          source:
            '[unverified] Recalled (2,320 → 2,420 from 2023-09-01); the stored MOHRSS report only says Beijing is at 2,400 or more (http://www.99xcs.com/news/3606696.shtml).',
        },
        {
          amount: 2540,
          effectiveFrom: '2025-09-01',
          source: '[unverified] Recalled (2,420 → 2,540 from 2025-09-01); not found in the stored sources.',
        },
      ],
      filingTemplates: { si_reduction: [BEIJING_SI_REDUCTION] },
    },
  },
  shenzhen: {
    steps: [],
    requires: {},
    parameters: {
      siReduction: [
        {
          effectiveFrom: SIL_IN_FORCE,
          rule: { kind: 'monthly_cutoff', cutoffDay: 15, effect: 'same_month' },
          source: `[unverified] No Shenzhen source for the time before 2024-07-01; the common rule is assumed: ${COMMON_CUTOFF_RULE}.`,
        },
        {
          effectiveFrom: '2024-07-01',
          rule: { kind: 'no_cutoff' },
          source:
            'No monthly cut-off from 2024-07-01: the first employer of the month pays it, enrol on hire, stop on leaving, so the leaving employer pays the leaving month ' +
            '(https://www.jiusongjiankang.com/health/news/4865809.html) [secondary].',
        },
      ],
      // Shenzhen publishes the average of on-the-job workers (在岗职工) in urban non-private units; that is the
      // figure the RSM table lists for social insurance and the one shipped. The 2023 average of all employed
      // persons (就业人员) was lower, 171,854 a year (14,321.17 a month): which one art. 47 takes in Shenzhen is
      // [unverified]; the administrator confirms it with the local bureau.
      averageMonthlyWage: [
        {
          year: 2021,
          amount: 12964,
          effectiveFrom: '2022-06-30',
          source: `${RSM_TABLE}. Publication date not in the source: 30 June assumed, as in 2024 [unverified].`,
        },
        {
          year: 2022,
          amount: 13730,
          effectiveFrom: '2023-06-30',
          source: `${RSM_TABLE}; also the 2022 comparison in the 2023 communiqué (https://laitimes.com/en/article/6vq8p_7c2ii.html) [secondary]. Publication date: 30 June assumed, as in 2024 [unverified].`,
        },
        {
          year: 2023,
          amount: 14553,
          effectiveFrom: '2024-06-30',
          source:
            'Shenzhen Municipal Bureau of Statistics communiqué of 30 June 2024: on-the-job workers in urban non-private units 174,640 yuan a year (14,553 a month) ' +
            `(https://laitimes.com/en/article/6vq8p_7c2ii.html, reproducing it) [secondary]; same figure in ${RSM_TABLE}.`,
        },
      ],
      minimumMonthlyWage: [
        { amount: 2360, effectiveFrom: '2022-12-01', source: '[unverified] Recalled; not found in the stored sources.' },
        { amount: 2520, effectiveFrom: '2025-03-01', source: '[unverified] Recalled; not found in the stored sources.' },
      ],
      filingTemplates: { si_reduction: [SHENZHEN_SI_REDUCTION] },
    },
  },
  xiamen: {
    // The bureau's system accepts 减员 only after the unemployment filing (失业登记备案) is done
    // (http://www.zbq365.com/article/detail-25932.html) [secondary]: a hard prerequisite.
    steps: ['unemployment_filing'],
    requires: { si_transfer_out: [hard('unemployment_filing')] },
    parameters: {
      siReduction: [
        {
          effectiveFrom: SIL_IN_FORCE,
          rule: { kind: 'monthly_cutoff', cutoffDay: 31, effect: 'next_month' },
          source:
            'Online 减员 from the 4th to the end of the month (http://www.zbq365.com/article/detail-25932.html) [secondary]. Read as: the month is billed ' +
            'in its first days, so a filing during the month takes effect the next month and the leaving month stays paid (LAW.md §1.5: the employer pays ' +
            'the leaving month) [unverified]. The window opening on the 4th is not modelled.',
        },
      ],
      // No recent figure in the stored sources: the newest found is 2017 (74,650 yuan a year for urban non-private
      // units, http://epaper.xmnn.cn/syzk/20180613/201806/t20180613_5191150.htm), too old to be useful and not
      // shipped. Until the administrator adds Xiamen's figures, the cap is decided from the minimum wage
      // (regional-average.ts) and high earners go to manual review without an amount.
      averageMonthlyWage: [],
      minimumMonthlyWage: [
        {
          amount: 2030,
          effectiveFrom: '2022-04-01',
          source:
            '[unverified] Fujian first tier (Xiamen), recalled. A later Fujian increase of more than 10% is reported (http://www.99xcs.com/news/3606696.shtml) ' +
            'without amount or date: the administrator adds it.',
        },
      ],
    },
  },
};

function defaultPolicy(region: Region, category: EmployeeCategory): WorkflowPolicy {
  const setup = REGIONAL[region];
  const keys = new Set([...COMMON_STEPS, ...setup.steps, ...CATEGORY_STEPS[category]]);
  const steps = CATALOGUE.filter((step) => keys.has(step.key)).map((step) => ({
    ...step,
    requires: [...step.requires, ...(setup.requires[step.key] ?? [])],
  }));
  return { region, category, version: 1, effectiveFrom: SIL_IN_FORCE, steps, parameters: setup.parameters, reminders: DEFAULT_REMINDERS };
}

export const DEFAULT_POLICIES: WorkflowPolicy[] = REGIONS.flatMap((region) =>
  EMPLOYEE_CATEGORIES.map((category) => defaultPolicy(region, category)),
);
