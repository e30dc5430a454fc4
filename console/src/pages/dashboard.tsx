import { useDraft } from '../components/use-draft';
import { businessToday } from '../business-time';
import { useMemo } from 'preact/hooks';
import { Chart, type ChartOption } from '../charts/chart';
import { Column, DataTable } from '../components/data-table';
import { Problem } from '../components/problem';
import { useLoad } from '../components/use-load';
import { useSignedIn } from '../context';
import { fill, texts, useTerm, useText } from '../i18n';
import { href, navigate, useRoute } from '../router';
import { Organisation, OrganisationFields, organisationOf } from './organisation-filter';
import './insight.css';

const TEXT = texts({
  zh: {
    title: '管理看板',
    intro: '离职办理的时效与质量，按所选期间和范围统计；不含个人信息。每个图表下方附有同样数据的表格。',
    filters: '筛选',
    from: '开始日期',
    to: '结束日期',
    apply: '应用筛选',
    loading: '正在加载…',
    summary: '期间汇总',
    opened: '新开案件',
    completed: '已完成',
    cancelled: '已撤销',
    onTime: '按时转移率',
    siSuccess: '社保转出成功率',
    laborSuccess: '退工登记成功率',
    siRejections: '社保转出退单',
    avgDays: '平均办结天数',
    medianDays: '办结天数中位数',
    trend: '按月趋势：按时率与转出成功率',
    trendChart: '折线图：{from} 至 {to} 每月的按时转移率、社保转出成功率和退工登记成功率',
    trendTable: '每月按时率与成功率',
    days: '办结天数（按月）',
    daysChart: '柱状图：{from} 至 {to} 每月办结案件的平均天数与中位数',
    daysTable: '每月办结天数',
    blocked: '被拦截的操作（按步骤）',
    blockedChart: '柱状图：{from} 至 {to} 因前置步骤未完成或角色不符而被拒绝的步骤操作，按步骤',
    blockedTable: '被拦截的操作',
    overrides: '越过软性前置条件（按步骤）',
    overridesChart: '柱状图：{from} 至 {to} 经批准越过软性前置条件的步骤',
    overridesTable: '越过前置条件',
    open: '在办案件（按等待的步骤）',
    openChart: '条形图：期间内开立且仍在办理的案件，按正在等待的步骤',
    openTable: '在办案件按等待步骤',
    month: '月份',
    step: '步骤',
    count: '次数',
    cases: '案件数',
    average: '平均天数',
    median: '中位数',
    total: '合计',
    none: '无',
    noSeries: '期间超过 120 个月，不提供按月趋势。',
  },
  en: {
    title: 'Dashboard',
    intro:
      'How timely and how well offboarding is done, for the chosen period and scope; no personal data. Each chart has a table of the same figures under it.',
    filters: 'Filters',
    from: 'From',
    to: 'To',
    apply: 'Apply filters',
    loading: 'Loading…',
    summary: 'Period summary',
    opened: 'Cases opened',
    completed: 'Completed',
    cancelled: 'Cancelled',
    onTime: 'On-time transfers',
    siSuccess: 'SI transfer-out success',
    laborSuccess: '退工 filing success',
    siRejections: 'Transfer-outs returned',
    avgDays: 'Average days to complete',
    medianDays: 'Median days to complete',
    trend: 'Trend by month: on time and transfer success',
    trendChart: 'Line chart: on-time rate, SI transfer-out success and 退工 filing success by month, {from} to {to}',
    trendTable: 'On-time and success rates by month',
    days: 'Days to complete, by month',
    daysChart: 'Bar chart: average and median days to complete of the cases completed each month, {from} to {to}',
    daysTable: 'Days to complete by month',
    blocked: 'Blocked attempts, by step',
    blockedChart: 'Bar chart: step commands refused, {from} to {to}, by step',
    blockedTable: 'Blocked attempts',
    overrides: 'Overrides of soft prerequisites, by step',
    overridesChart: 'Bar chart: steps let go ahead by an override, {from} to {to}',
    overridesTable: 'Overrides',
    open: 'Open cases, by the step they wait on',
    openChart: 'Bar chart: cases opened in the period and still open, by the step they wait on',
    openTable: 'Open cases by waiting step',
    month: 'Month',
    step: 'Step',
    count: 'Count',
    cases: 'Cases',
    average: 'Average days',
    median: 'Median',
    total: 'Total',
    none: 'None',
    noSeries: 'The period is over 120 months: no trend by month.',
  },
});

interface Breakdown {
  total: number;
  byStep: Record<string, number>;
}

interface Figures {
  casesOpened: number;
  casesCompleted: number;
  casesCancelled: number;
  onTimeRate: number | null;
  siTransferSuccessRate: number | null;
  laborTerminationFilingSuccessRate: number | null;
  filingRejections: { siTransferOut: number; laborTermination: number };
  averageDaysToComplete: number | null;
  medianDaysToComplete: number | null;
  blockedAttempts: Breakdown;
  overrides: Breakdown;
}

interface MonthFigures extends Figures {
  month: string;
}

export interface OffboardingDashboard extends Figures {
  filters: { from: string; to: string; orgUnit: string | null; region: string | null; category: string | null };
  openByStep: Record<string, number>;
  byMonth: MonthFigures[] | null;
}

/** Rates as the API gives them (fractions, 4 decimals) shown as percentages with 2 decimals; nothing to divide is a dash. */
export const percent = (rate: number | null): string => (rate === null ? '—' : `${(rate * 100).toFixed(2)}%`);
export const days = (value: number | null): string => (value === null ? '—' : String(value));

/** By default the last twelve months: from the first of the month eleven months back to the business day today. */
function defaultRange(zone: string): { from: string; to: string } {
  const today = businessToday(zone);
  const [year, month] = today.split('-').map(Number);
  const first = new Date(Date.UTC(year, month - 1 - 11, 1)).toISOString().slice(0, 10);
  return { from: first, to: today };
}

interface StepCount {
  step: string;
  count: number;
}
const stepCounts = (byStep: Record<string, number>): StepCount[] =>
  Object.entries(byStep)
    .map(([step, count]) => ({ step, count }))
    .sort((a, b) => b.count - a.count || a.step.localeCompare(b.step));

const axisPercent = { type: 'value' as const, min: 0, max: 100, axisLabel: { formatter: '{value}%' } };
const asPercent = (rate: number | null) => (rate === null ? null : Math.round(rate * 10000) / 100);

export function DashboardPage() {
  const t = useText(TEXT);
  const term = useTerm();
  const { api, session } = useSignedIn();
  const route = useRoute();
  const fallback = useMemo(() => defaultRange(session.businessTimeZone), [session.businessTimeZone]);
  const applied = {
    from: route.query.get('from') ?? fallback.from,
    to: route.query.get('to') ?? fallback.to,
    ...organisationOf(route.query),
  };
  const key = JSON.stringify(applied);
  const [form, setForm] = useDraft(applied, key);
  const dashboard = useLoad(() => api.get<OffboardingDashboard>('/api/dashboard/offboarding', applied), [api, key]);
  const submit = (event: Event) => {
    event.preventDefault();
    navigate(href('dashboard', [], form));
  };
  const d = dashboard.data;
  return (
    <div class="insight dashboard">
      <h1>{t.title}</h1>
      <p class="hint">{t.intro}</p>
      <form class="filters card" aria-label={t.filters} onSubmit={submit}>
        <div>
          <label for="dash-from">{t.from}</label>
          <input
            id="dash-from"
            name="from"
            type="date"
            required
            value={form.from}
            onInput={(e) => setForm({ ...form, from: e.currentTarget.value })}
          />
        </div>
        <div>
          <label for="dash-to">{t.to}</label>
          <input
            id="dash-to"
            name="to"
            type="date"
            required
            value={form.to}
            onInput={(e) => setForm({ ...form, to: e.currentTarget.value })}
          />
        </div>
        <OrganisationFields idPrefix="dash" value={form} onChange={(o: Organisation) => setForm({ ...form, ...o })} />
        <button type="submit">{t.apply}</button>
      </form>
      <Problem error={dashboard.error} />
      <div aria-live="polite" aria-busy={dashboard.loading}>
        {dashboard.loading && !d && <p class="muted">{t.loading}</p>}
        {d && <Figures d={d} t={t} term={term} />}
      </div>
    </div>
  );
}

type T = (typeof TEXT)['zh'];

function Figures({ d, t, term }: { d: OffboardingDashboard; t: T; term: (key: string) => string }) {
  const range = { from: d.filters.from, to: d.filters.to };
  const months = d.byMonth ?? [];
  const monthNames = months.map((m) => m.month);
  const charts = useMemo(() => {
    const bars = (counts: StepCount[], name: string, horizontal = false): ChartOption => {
      const categoryAxis = {
        type: 'category' as const,
        data: counts.map((c) => term(c.step)),
        axisLabel: { interval: 0, width: 110, overflow: 'break' as const },
      };
      const valueAxis = { type: 'value' as const, minInterval: 1 };
      return {
        tooltip: { trigger: 'axis' },
        grid: { left: horizontal ? 140 : 40, right: 20, top: 20, bottom: horizontal ? 30 : 60 },
        xAxis: horizontal ? valueAxis : categoryAxis,
        yAxis: horizontal ? { ...categoryAxis, inverse: true } : valueAxis,
        series: [{ type: 'bar', name, data: counts.map((c) => c.count), barMaxWidth: 36 }],
      };
    };
    return {
      trend: {
        tooltip: { trigger: 'axis', valueFormatter: (v: unknown) => (v === null || v === undefined ? '—' : `${String(v)}%`) },
        legend: { top: 0 },
        grid: { left: 50, right: 20, top: 40, bottom: 30 },
        xAxis: { type: 'category', data: monthNames },
        yAxis: axisPercent,
        series: [
          { type: 'line', name: t.onTime, data: months.map((m) => asPercent(m.onTimeRate)), connectNulls: false },
          { type: 'line', name: t.siSuccess, data: months.map((m) => asPercent(m.siTransferSuccessRate)), connectNulls: false },
          {
            type: 'line',
            name: t.laborSuccess,
            data: months.map((m) => asPercent(m.laborTerminationFilingSuccessRate)),
            connectNulls: false,
          },
        ],
      } satisfies ChartOption,
      days: {
        tooltip: { trigger: 'axis' },
        legend: { top: 0 },
        grid: { left: 40, right: 20, top: 40, bottom: 30 },
        xAxis: { type: 'category', data: monthNames },
        yAxis: { type: 'value', minInterval: 1 },
        series: [
          { type: 'bar', name: t.average, data: months.map((m) => m.averageDaysToComplete), barMaxWidth: 28 },
          { type: 'line', name: t.median, data: months.map((m) => m.medianDaysToComplete), connectNulls: false },
        ],
      } satisfies ChartOption,
      blocked: bars(stepCounts(d.blockedAttempts.byStep), t.blocked),
      overrides: bars(stepCounts(d.overrides.byStep), t.overrides),
      open: bars(stepCounts(d.openByStep), t.open, true),
    };
  }, [d, t, term]);

  const monthColumns: Column<MonthFigures>[] = [
    { key: 'month', label: t.month, cell: (m) => <span class="nowrap">{m.month}</span> },
    { key: 'opened', label: t.opened, cell: (m) => m.casesOpened, numeric: true },
    { key: 'completed', label: t.completed, cell: (m) => m.casesCompleted, numeric: true },
    { key: 'cancelled', label: t.cancelled, cell: (m) => m.casesCancelled, numeric: true },
    { key: 'onTime', label: t.onTime, cell: (m) => percent(m.onTimeRate), numeric: true },
    { key: 'siSuccess', label: t.siSuccess, cell: (m) => percent(m.siTransferSuccessRate), numeric: true },
    { key: 'laborSuccess', label: t.laborSuccess, cell: (m) => percent(m.laborTerminationFilingSuccessRate), numeric: true },
    { key: 'siRejections', label: t.siRejections, cell: (m) => m.filingRejections.siTransferOut, numeric: true },
  ];
  const dayColumns: Column<MonthFigures>[] = [
    { key: 'month', label: t.month, cell: (m) => <span class="nowrap">{m.month}</span> },
    { key: 'completed', label: t.completed, cell: (m) => m.casesCompleted, numeric: true },
    { key: 'average', label: t.average, cell: (m) => days(m.averageDaysToComplete), numeric: true },
    { key: 'median', label: t.median, cell: (m) => days(m.medianDaysToComplete), numeric: true },
  ];
  const stepColumns = (countLabel: string): Column<StepCount>[] => [
    { key: 'step', label: t.step, cell: (c) => <span data-step={c.step}>{term(c.step)}</span> },
    { key: 'count', label: countLabel, cell: (c) => c.count, numeric: true },
  ];
  const stepTable = (name: string, caption: string, byStep: Record<string, number>, countLabel: string) => (
    <div data-table={name}>
      <DataTable caption={caption} columns={stepColumns(countLabel)} rows={stepCounts(byStep)} rowKey={(c) => c.step} empty={t.none} />
    </div>
  );

  return (
    <>
      <section class="card" aria-labelledby="dash-summary">
        <h2 id="dash-summary">{t.summary}</h2>
        <dl class="kpis" data-summary>
          {(
            [
              ['casesOpened', t.opened, String(d.casesOpened)],
              ['casesCompleted', t.completed, String(d.casesCompleted)],
              ['casesCancelled', t.cancelled, String(d.casesCancelled)],
              ['onTimeRate', t.onTime, percent(d.onTimeRate)],
              ['siTransferSuccessRate', t.siSuccess, percent(d.siTransferSuccessRate)],
              ['laborTerminationFilingSuccessRate', t.laborSuccess, percent(d.laborTerminationFilingSuccessRate)],
              ['averageDaysToComplete', t.avgDays, days(d.averageDaysToComplete)],
              ['medianDaysToComplete', t.medianDays, days(d.medianDaysToComplete)],
            ] as const
          ).map(([name, label, value]) => (
            <div key={name} data-figure={name}>
              <dt>{label}</dt>
              <dd>{value}</dd>
            </div>
          ))}
        </dl>
      </section>
      <div class="chart-grid">
        <section class="card wide" aria-labelledby="dash-trend">
          <h2 id="dash-trend">{t.trend}</h2>
          {d.byMonth === null ? (
            <p class="muted">{t.noSeries}</p>
          ) : (
            <>
              <Chart label={fill(t.trendChart, range)} option={charts.trend} />
              <div data-table="trend">
                <DataTable caption={t.trendTable} columns={monthColumns} rows={months} rowKey={(m) => m.month} />
              </div>
            </>
          )}
        </section>
        <section class="card" aria-labelledby="dash-days">
          <h2 id="dash-days">{t.days}</h2>
          {d.byMonth === null ? (
            <p class="muted">{t.noSeries}</p>
          ) : (
            <>
              <Chart label={fill(t.daysChart, range)} option={charts.days} />
              <div data-table="days">
                <DataTable caption={t.daysTable} columns={dayColumns} rows={months} rowKey={(m) => m.month} />
              </div>
            </>
          )}
        </section>
        <section class="card" aria-labelledby="dash-blocked">
          <h2 id="dash-blocked">
            {t.blocked} · {t.total} {d.blockedAttempts.total}
          </h2>
          {d.blockedAttempts.total > 0 && <Chart label={fill(t.blockedChart, range)} option={charts.blocked} />}
          {stepTable('blocked', t.blockedTable, d.blockedAttempts.byStep, t.count)}
        </section>
        <section class="card" aria-labelledby="dash-overrides">
          <h2 id="dash-overrides">
            {t.overrides} · {t.total} {d.overrides.total}
          </h2>
          {d.overrides.total > 0 && <Chart label={fill(t.overridesChart, range)} option={charts.overrides} />}
          {stepTable('overrides', t.overridesTable, d.overrides.byStep, t.count)}
        </section>
        <section class="card" aria-labelledby="dash-open">
          <h2 id="dash-open">{t.open}</h2>
          {Object.keys(d.openByStep).length > 0 && <Chart label={t.openChart} option={charts.open} height={300} />}
          {stepTable('open', t.openTable, d.openByStep, t.cases)}
        </section>
      </div>
    </>
  );
}
