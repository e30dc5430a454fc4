import { useState } from 'preact/hooks';
import { Problem } from '../components/problem';
import { useLoad } from '../components/use-load';
import { useSignedIn } from '../context';
import { fill, texts, useLang, useTerm, useText } from '../i18n';
import { href, navigate, useRoute } from '../router';
import { EmployeeSearch, PersonHeading } from './person';
import './continuity.css';

/**
 * Issue 14, continuity: a month-by-insurance-type calendar (paid, corrected, gap,
 * transferred out), streaks, unemployment-benefit eligibility and the pension
 * minimum with their reasons, from GET /api/employees/{id}/social-insurance/continuity.
 */

const TEXT = texts({
  zh: {
    title: '社保连续性',
    intro: '按险种逐月查看缴费情况：已缴、断缴、更正、转出；连续缴费月数；失业保险金资格与养老保险最低缴费年限。',
    through: '统计截至月份',
    throughHint: '留空则为上月（已转出则为最后缴费月）。',
    retirementYear: '退休年份（养老最低缴费）',
    apply: '查看',
    calendar: '逐月日历',
    calendarCaption: '{year} 年各险种逐月缴费情况',
    month: '{m}月',
    type: '险种',
    legend: '图例',
    paid: '已缴',
    corrected: '已缴（有更正）',
    gap: '断缴',
    transferred_out: '已转出',
    none: '不在统计范围',
    summaryCaption: '各险种连续性汇总（截至 {through}）',
    startMonth: '起始月份',
    coveredMonths: '累计缴费月数',
    lastPaidMonth: '最后缴费月',
    gaps: '断缴段数',
    gapMonths: '断缴月数',
    currentStreak: '当前连续月数',
    longestStreak: '最长连续月数',
    corrections: '更正次数',
    benefit: '失业保险金',
    eligible: '资格',
    yes: '符合',
    no: '不符合',
    undecided: '尚无法判断',
    maxMonths: '最长领取月数',
    contributionMonths: '失业保险缴费月数',
    separationReason: '离职原因',
    noReason: '（无离职案件）',
    why: '理由',
    pension: '养老保险最低缴费年限',
    requiredMonths: '需缴费月数',
    cumulativeMonths: '本账户累计月数',
    missingMonths: '尚缺月数',
    pensionNote: '其他单位的缴费年限不在本台账中，尚缺月数为上限。',
    pensionWhy:
      '依据：《社会保险法》第十六条，累计缴费满十五年（180 个月）；2024 年渐进式延迟退休改革自 2030 年起每年增加 6 个月，至 2039 年达 20 年（240 个月）。',
    transferredOut: '社保已转出',
    notEnrolled: '该员工尚未参保。',
    timeline: '查看该员工的时间线',
    loading: '正在加载…',
  },
  en: {
    title: 'Continuity',
    intro:
      'Month by month and per insurance type: paid, gaps, corrections, transferred out; streaks; unemployment-benefit eligibility and the pension minimum.',
    through: 'Through month',
    throughHint: 'Empty: last month (or the last paid month after a transfer-out).',
    retirementYear: 'Retirement year (pension minimum)',
    apply: 'Show',
    calendar: 'Calendar',
    calendarCaption: 'Contributions by insurance type and month, {year}',
    month: '{m}',
    type: 'Insurance',
    legend: 'Legend',
    paid: 'Paid',
    corrected: 'Paid, corrected',
    gap: 'Gap',
    transferred_out: 'Transferred out',
    none: 'Outside the period',
    summaryCaption: 'Continuity per insurance type (through {through})',
    startMonth: 'Start',
    coveredMonths: 'Covered months',
    lastPaidMonth: 'Last paid month',
    gaps: 'Gaps',
    gapMonths: 'Gap months',
    currentStreak: 'Current streak',
    longestStreak: 'Longest streak',
    corrections: 'Corrections',
    benefit: 'Unemployment benefit',
    eligible: 'Eligible',
    yes: 'yes',
    no: 'no',
    undecided: 'not decided',
    maxMonths: 'Months of benefit at most',
    contributionMonths: 'Unemployment-insurance months',
    separationReason: 'Separation reason',
    noReason: '(no offboarding case)',
    why: 'Why',
    pension: 'Pension minimum',
    requiredMonths: 'Months required',
    cumulativeMonths: 'Months on this account',
    missingMonths: 'Months missing',
    pensionNote: 'Years with earlier employers are not in this ledger: the months missing are an upper bound.',
    pensionWhy:
      'SIL art. 16: 15 years (180 months) of contributions; the 2024 retirement reform adds 6 months a year from 2030, up to 20 years (240 months) from 2039.',
    transferredOut: 'transferred out',
    notEnrolled: 'This person was never enrolled.',
    timeline: 'Timeline of this person',
    loading: 'Loading…',
  },
});

export const MONTH_STATES = ['paid', 'corrected', 'gap', 'transferred_out'] as const;
type MonthState = (typeof MONTH_STATES)[number];
const MARKS: Record<MonthState, string> = { paid: '✓', corrected: '✎', gap: '✗', transferred_out: '→' };

interface MonthRun {
  from: string;
  to: string;
  state: MonthState;
}

interface TypeContinuity {
  startMonth: string;
  coveredMonths: number;
  lastPaidMonth: string | null;
  gaps: Array<{ from: string; to: string; months: number }>;
  currentStreak: number;
  longestStreak: number;
  corrections: number;
  calendar?: MonthRun[];
}

interface ContinuityAnswer {
  employeeId: string;
  through: string;
  transferredOut: boolean;
  types: Record<string, TypeContinuity>;
  unemploymentBenefit: {
    separationReason: string | null;
    eligible: boolean | null;
    contributionMonths: number;
    maxMonths: number | null;
    why: string;
  };
  pension: { retirementYear: number; requiredMonths: number; cumulativeMonths: number; missingMonths: number };
}

const REASONS: Record<string, { zh: string; en: string }> = {
  resignation: { zh: '辞职', en: 'resignation' },
  dismissal: { zh: '解除', en: 'dismissal' },
  contract_expiry: { zh: '合同到期', en: 'contract expiry' },
  mutual_agreement: { zh: '协商解除', en: 'mutual agreement' },
  retirement: { zh: '退休', en: 'retirement' },
};

const nextMonth = (month: string): string => {
  const [y, m] = month.split('-').map(Number);
  return m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
};

/** Each month's state, per type, from the answer's runs. */
export function monthStates(calendar: MonthRun[]): Map<string, MonthState> {
  const states = new Map<string, MonthState>();
  for (const run of calendar) for (let m = run.from; m <= run.to; m = nextMonth(m)) states.set(m, run.state);
  return states;
}

export function ContinuityPage() {
  const t = useText(TEXT);
  const route = useRoute();
  const [employeeId] = route.args;
  if (!employeeId) {
    return (
      <section class="continuity-page">
        <h1>{t.title}</h1>
        <p>{t.intro}</p>
        <EmployeeSearch page="continuity" />
      </section>
    );
  }
  return <Continuity key={employeeId} employeeId={employeeId} query={route.query} />;
}

function Continuity({ employeeId, query }: { employeeId: string; query: URLSearchParams }) {
  const t = useText(TEXT);
  const { api } = useSignedIn();
  const through = query.get('through') ?? undefined;
  const retirementYear = query.get('retirementYear') ?? undefined;
  const answer = useLoad(
    () =>
      api.get<ContinuityAnswer>(`/api/employees/${encodeURIComponent(employeeId)}/social-insurance/continuity`, {
        through,
        retirementYear,
      }),
    [api, employeeId, through, retirementYear],
  );
  return (
    <section class="continuity-page">
      <EmployeeSearch page="continuity" current={employeeId} />
      <PersonHeading employeeId={employeeId} title={t.title} />
      <nav class="person-links" aria-label={t.timeline}>
        <a href={href('timeline', [employeeId])} data-link="timeline">
          {t.timeline}
        </a>
      </nav>
      <ThroughForm key={`${through}|${retirementYear}`} employeeId={employeeId} through={through} retirementYear={retirementYear} />
      <Problem error={answer.error} />
      {!answer.data && answer.loading && (
        <p role="status" aria-live="polite">
          {t.loading}
        </p>
      )}
      {answer.data && <ContinuityView answer={answer.data} />}
    </section>
  );
}

function ThroughForm({ employeeId, through, retirementYear }: { employeeId: string; through?: string; retirementYear?: string }) {
  const t = useText(TEXT);
  const [month, setMonth] = useState(through ?? '');
  const [year, setYear] = useState(retirementYear ?? '');
  const submit = (event: Event) => {
    event.preventDefault();
    navigate(href('continuity', [employeeId], { through: month || undefined, retirementYear: year || undefined }));
  };
  return (
    <form class="filters card" onSubmit={submit}>
      <div>
        <label for="continuity-through">{t.through}</label>
        <input
          id="continuity-through"
          type="month"
          value={month}
          onInput={(e) => setMonth(e.currentTarget.value)}
          aria-describedby="continuity-through-hint"
        />
        <span id="continuity-through-hint" class="hint">
          {t.throughHint}
        </span>
      </div>
      <div>
        <label for="continuity-retirement">{t.retirementYear}</label>
        <input
          id="continuity-retirement"
          type="number"
          min={1950}
          max={2100}
          value={year}
          onInput={(e) => setYear(e.currentTarget.value)}
        />
      </div>
      <button type="submit">{t.apply}</button>
    </form>
  );
}

function ContinuityView({ answer }: { answer: ContinuityAnswer }) {
  const t = useText(TEXT);
  const term = useTerm();
  const types = Object.keys(answer.types);
  if (types.length === 0) return <p role="status">{t.notEnrolled}</p>;
  const states = new Map(types.map((type) => [type, monthStates(answer.types[type].calendar ?? [])]));
  const first = Math.min(...types.map((type) => Number(answer.types[type].startMonth.slice(0, 4))));
  const last = Number(answer.through.slice(0, 4));
  const years: number[] = [];
  for (let y = last; y >= first; y--) years.push(y);
  return (
    <div class="continuity" data-through={answer.through}>
      <h2>{t.calendar}</h2>
      <Legend />
      <div class="calendar-years">
        {years.map((year) => (
          <div class="table-scroll" key={year}>
            <table class="data calendar" data-year={year}>
              <caption>{fill(t.calendarCaption, { year })}</caption>
              <thead>
                <tr>
                  <th scope="col">{t.type}</th>
                  {Array.from({ length: 12 }, (_, i) => (
                    <th scope="col" key={i} class="month">
                      {fill(t.month, { m: i + 1 })}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {types.map((type) => (
                  <tr key={type}>
                    <th scope="row">{term(type)}</th>
                    {Array.from({ length: 12 }, (_, i) => {
                      const month = `${year}-${String(i + 1).padStart(2, '0')}`;
                      const state = states.get(type)?.get(month);
                      return (
                        <td
                          key={month}
                          class={`month-cell ${state ?? 'none'}`}
                          data-type={type}
                          data-month={month}
                          data-state={state ?? ''}
                        >
                          <span aria-hidden="true">{state ? MARKS[state] : ''}</span>
                          <span class="visually-hidden">{state ? t[state] : t.none}</span>
                        </td>
                      );
                    })}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ))}
      </div>
      <Summary answer={answer} />
      <Benefit answer={answer} />
      <Pension answer={answer} />
    </div>
  );
}

function Legend() {
  const t = useText(TEXT);
  return (
    <ul class="calendar-legend" aria-label={t.legend}>
      {MONTH_STATES.map((state) => (
        <li key={state}>
          <span class={`month-cell swatch ${state}`} aria-hidden="true">
            {MARKS[state]}
          </span>{' '}
          {t[state]}
        </li>
      ))}
    </ul>
  );
}

function Summary({ answer }: { answer: ContinuityAnswer }) {
  const t = useText(TEXT);
  const term = useTerm();
  const columns = [
    'startMonth',
    'coveredMonths',
    'lastPaidMonth',
    'gaps',
    'gapMonths',
    'currentStreak',
    'longestStreak',
    'corrections',
  ] as const;
  const cell = (c: TypeContinuity, column: (typeof columns)[number]) =>
    column === 'gaps' ? c.gaps.length : column === 'gapMonths' ? c.gaps.reduce((sum, g) => sum + g.months, 0) : (c[column] ?? '—');
  return (
    <table class="data continuity-summary">
      <caption>
        {fill(t.summaryCaption, { through: answer.through })}
        {answer.transferredOut && <span class="tag">{t.transferredOut}</span>}
      </caption>
      <thead>
        <tr>
          <th scope="col">{t.type}</th>
          {columns.map((c) => (
            <th scope="col" key={c} class={c === 'startMonth' || c === 'lastPaidMonth' ? undefined : 'num'}>
              {t[c]}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {Object.entries(answer.types).map(([type, c]) => (
          <tr key={type} data-type={type}>
            <th scope="row">{term(type)}</th>
            {columns.map((column) => (
              <td key={column} data-field={column} class={column === 'startMonth' || column === 'lastPaidMonth' ? undefined : 'num'}>
                {cell(c, column)}
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function Benefit({ answer }: { answer: ContinuityAnswer }) {
  const t = useText(TEXT);
  const lang = useLang();
  const b = answer.unemploymentBenefit;
  const verdict = b.eligible === null ? t.undecided : b.eligible ? t.yes : t.no;
  return (
    <section class="card benefit" aria-labelledby="benefit-title" data-eligible={String(b.eligible)}>
      <h2 id="benefit-title">{t.benefit}</h2>
      <dl>
        <dt>{t.separationReason}</dt>
        <dd>{b.separationReason ? (REASONS[b.separationReason]?.[lang] ?? b.separationReason) : t.noReason}</dd>
        <dt>{t.eligible}</dt>
        <dd class={b.eligible === true ? 'status-done' : b.eligible === false ? 'overdue' : 'status-locked'}>{verdict}</dd>
        <dt>{t.contributionMonths}</dt>
        <dd>{b.contributionMonths}</dd>
        <dt>{t.maxMonths}</dt>
        <dd>{b.maxMonths ?? '—'}</dd>
        <dt>{t.why}</dt>
        <dd lang="en" class="why">
          {b.why}
        </dd>
      </dl>
    </section>
  );
}

function Pension({ answer }: { answer: ContinuityAnswer }) {
  const t = useText(TEXT);
  const p = answer.pension;
  return (
    <section class="card pension" aria-labelledby="pension-title">
      <h2 id="pension-title">
        {t.pension} ({p.retirementYear})
      </h2>
      <dl>
        <dt>{t.requiredMonths}</dt>
        <dd>{p.requiredMonths}</dd>
        <dt>{t.cumulativeMonths}</dt>
        <dd>{p.cumulativeMonths}</dd>
        <dt>{t.missingMonths}</dt>
        <dd>{p.missingMonths}</dd>
      </dl>
      <p class="why">{t.pensionWhy}</p>
      <p class="hint">{t.pensionNote}</p>
    </section>
  );
}
