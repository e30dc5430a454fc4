import { useDraft } from '../components/use-draft';
import { Pager } from '../components/pager';
import { useState } from 'preact/hooks';
import { Column, DataTable } from '../components/data-table';
import { Problem } from '../components/problem';
import { useLoad } from '../components/use-load';
import { useSignedIn } from '../context';
import { fill, texts, useTerm, useText } from '../i18n';
import { href, navigate, useRoute } from '../router';
import { Organisation, OrganisationFields, organisationOf, useRegionName } from './organisation-filter';
import './insight.css';

/**
 * The two reports (GET /api/reports/continuity-gaps and /api/reports/incomplete-records), with
 * their filters and paging; each page downloads as CSV (Accept: text/csv answers the same page).
 * Routes: #/reports (gaps) and #/reports/incomplete, filters in the query.
 */
const TEXT = texts({
  zh: {
    title: '报表',
    sections: '报表类型',
    gaps: '社保断缴',
    incomplete: '档案不完整',
    gapsIntro: '截至所选月份有断缴月份的员工，按险种列出断缴月数和第一段断缴。',
    incompleteIntro: '今天档案不完整的员工：未签合同、未参保、迟参保（超过 30 天），或在办离职案件已逾期。不完整时间最长的在前。',
    through: '统计截至月份',
    throughHint: '留空为上个月',
    pageSize: '每页条数',
    apply: '查询',
    download: '下载本页 CSV',
    downloading: '正在下载…',
    employee: '员工编号',
    name: '姓名',
    orgUnit: '部门',
    region: '地区',
    category: '人员类别',
    months: '{months} 个月',
    firstGap: '首段 {from}～{to}',
    gapsCaption: '截至 {through} 的社保断缴（第 {page} 页）',
    incompleteCaption: '档案不完整的员工（第 {page} 页）',
    status: '状态',
    hireDate: '入职日期',
    incompleteFrom: '不完整起始日',
    problems: '问题',
    openCase: '在办案件',
    overdue: '逾期步骤',
    overdueStep: '{step}：应于 {due} 完成，已逾期 {days} 天',
    none: '没有符合条件的员工',
    page: '第 {page} / {pages} 页，共 {total} 人',
    no_contract: '未签劳动合同',
    no_enrolment: '未参保',
    late_enrolment: '迟参保',
    open_case_overdue: '离职步骤逾期',
    employed: '在职',
    separated: '已离职',
  },
  en: {
    title: 'Reports',
    sections: 'Report type',
    gaps: 'Continuity gaps',
    incomplete: 'Incomplete records',
    gapsIntro: 'Employees with a contribution gap up to the month chosen: for each insurance type, the months missing and the first gap.',
    incompleteIntro:
      'Employees whose record is incomplete today: no contract, no enrolment, late enrolment (over 30 days), or an open case past a due date. Longest incomplete first.',
    through: 'Up to month',
    throughHint: 'Empty: last month',
    pageSize: 'Rows per page',
    apply: 'Search',
    download: 'Download this page as CSV',
    downloading: 'Downloading…',
    employee: 'Employee',
    name: 'Name',
    orgUnit: 'Org unit',
    region: 'Region',
    category: 'Category',
    months: '{months} months',
    firstGap: 'first {from} to {to}',
    gapsCaption: 'Contribution gaps up to {through} (page {page})',
    incompleteCaption: 'Incomplete records (page {page})',
    status: 'Status',
    hireDate: 'Hired',
    incompleteFrom: 'Incomplete since',
    problems: 'Problems',
    openCase: 'Open case',
    overdue: 'Overdue steps',
    overdueStep: '{step}: due {due}, {days} days overdue',
    none: 'No employee matches',
    page: 'Page {page} of {pages}, {total} in all',
    no_contract: 'No contract',
    no_enrolment: 'Not enrolled',
    late_enrolment: 'Enrolled late',
    open_case_overdue: 'Offboarding step overdue',
    employed: 'Employed',
    separated: 'Separated',
  },
});
type T = (typeof TEXT)['zh'];

const INSURANCE_TYPES = ['pension', 'medical', 'unemployment', 'work_injury', 'maternity'];
const PAGE_SIZES = ['20', '50', '100', '500'];

interface Page<I> {
  items: I[];
  page: number;
  pageSize: number;
  total: number;
}

interface GapsRow {
  employeeId: string;
  name: string | null;
  orgUnit: string | null;
  region: string | null;
  category: string | null;
  types: Record<string, { gapMonths: number; firstGap: { from: string; to: string; months: number } | null }>;
}

interface IncompleteRow {
  employeeId: string;
  name: string | null;
  status: string;
  orgUnit: string | null;
  region: string | null;
  category: string | null;
  hireDate: string | null;
  incompleteFrom: string;
  problems: string[];
  openCaseId: string | null;
  overdueSteps: Array<{ key: string; dueDate: string; daysOverdue: number }>;
}

export function ReportsPage() {
  const t = useText(TEXT);
  const route = useRoute();
  const report = route.args[0] === 'incomplete' ? 'incomplete' : 'gaps';
  return (
    <div class="insight reports">
      <h1>{t.title}</h1>
      <nav class="tabs" aria-label={t.sections}>
        <a href={href('reports')} aria-current={report === 'gaps' ? 'page' : undefined}>
          {t.gaps}
        </a>
        <a href={href('reports', ['incomplete'])} aria-current={report === 'incomplete' ? 'page' : undefined}>
          {t.incomplete}
        </a>
      </nav>
      {report === 'gaps' ? <Gaps t={t} query={route.query} /> : <Incomplete t={t} query={route.query} />}
    </div>
  );
}

interface Applied extends Organisation {
  through: string;
  page: string;
  pageSize: string;
}

const appliedOf = (query: URLSearchParams): Applied => ({
  through: query.get('through') ?? '',
  ...organisationOf(query),
  page: query.get('page') ?? '1',
  pageSize: query.get('pageSize') ?? '50',
});

/** The filters, held in the URL: a search starts at page 1. */
function Filters({ t, applied, report, withThrough }: { t: T; applied: Applied; report: string[]; withThrough: boolean }) {
  const [form, setForm] = useDraft(applied, JSON.stringify(applied));
  const prefix = withThrough ? 'gaps' : 'incomplete';
  return (
    <form
      class="filters card"
      onSubmit={(e) => {
        e.preventDefault();
        navigate(href('reports', report, { ...form, page: '1' }));
      }}
    >
      {withThrough && (
        <div>
          <label for="gaps-through">{t.through}</label>
          <input
            id="gaps-through"
            name="through"
            type="month"
            value={form.through}
            placeholder={t.throughHint}
            onInput={(e) => setForm({ ...form, through: e.currentTarget.value })}
          />
        </div>
      )}
      <OrganisationFields idPrefix={prefix} value={form} onChange={(o) => setForm({ ...form, ...o })} />
      <div>
        <label for={`${prefix}-pageSize`}>{t.pageSize}</label>
        <select
          id={`${prefix}-pageSize`}
          name="pageSize"
          value={form.pageSize}
          onChange={(e) => setForm({ ...form, pageSize: e.currentTarget.value })}
        >
          {(PAGE_SIZES.includes(form.pageSize) ? PAGE_SIZES : [form.pageSize, ...PAGE_SIZES]).map((size) => (
            <option key={size} value={size}>
              {size}
            </option>
          ))}
        </select>
      </div>
      <button type="submit">{t.apply}</button>
    </form>
  );
}

/** Downloads the page shown, as the service writes it (its own CSV, names masked as in the JSON). */
function Download({ t, path, fallbackName, query }: { t: T; path: string; fallbackName: string; query: Record<string, string> }) {
  const { api } = useSignedIn();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const download = async () => {
    setBusy(true);
    setError(null);
    try {
      await api.download(path, 'text/csv', fallbackName, query);
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(false);
    }
  };
  return (
    <div class="actions">
      <button type="button" onClick={() => void download()} disabled={busy}>
        {busy ? t.downloading : t.download}
      </button>
      <Problem error={error} />
    </div>
  );
}

const organisationColumns = <R extends { orgUnit: string | null; region: string | null; category: string | null }>(
  t: T,
  term: (key: string) => string,
  regionName: (key: string) => string,
): Column<R>[] => [
  { key: 'orgUnit', label: t.orgUnit, cell: (r) => r.orgUnit ?? '—' },
  { key: 'region', label: t.region, cell: (r) => (r.region ? regionName(r.region) : '—') },
  { key: 'category', label: t.category, cell: (r) => (r.category ? term(r.category) : '—') },
];

function Gaps({ t, query }: { t: T; query: URLSearchParams }) {
  const term = useTerm();
  const regionName = useRegionName();
  const { api } = useSignedIn();
  const applied = appliedOf(query);
  const key = JSON.stringify(applied);
  const gaps = useLoad(() => api.get<Page<GapsRow> & { through: string }>('/api/reports/continuity-gaps', { ...applied }), [api, key]);
  const columns: Column<GapsRow>[] = [
    { key: 'employeeId', label: t.employee, cell: (r) => <a href={href('continuity', [r.employeeId])}>{r.employeeId}</a> },
    { key: 'name', label: t.name, cell: (r) => r.name ?? '—' },
    ...organisationColumns<GapsRow>(t, term, regionName),
    ...INSURANCE_TYPES.map((type) => ({
      key: type,
      label: term(type),
      numeric: true,
      cell: (r: GapsRow) => {
        const summary = r.types[type];
        if (!summary) return '—';
        return (
          <span data-gap-months={summary.gapMonths}>
            {fill(t.months, { months: summary.gapMonths })}
            {summary.firstGap && <span class="muted"> ({fill(t.firstGap, summary.firstGap)})</span>}
          </span>
        );
      },
    })),
  ];
  return (
    <section aria-labelledby="reports-gaps">
      <h2 id="reports-gaps">{t.gaps}</h2>
      <p class="hint">{t.gapsIntro}</p>
      <Filters t={t} applied={applied} report={[]} withThrough />
      <Problem error={gaps.error} />
      {gaps.data && (
        <div class="card" data-table="gaps" aria-busy={gaps.loading}>
          <Download t={t} path="/api/reports/continuity-gaps" fallbackName="continuity-gaps.csv" query={{ ...applied }} />
          <DataTable
            caption={fill(t.gapsCaption, { through: gaps.data.through, page: gaps.data.page })}
            columns={columns}
            rows={gaps.data.items}
            rowKey={(r) => r.employeeId}
            empty={t.none}
          />
          <Pager template={t.page} {...gaps.data} go={(page) => navigate(href('reports', [], { ...applied, page: String(page) }))} />
        </div>
      )}
    </section>
  );
}

function Incomplete({ t, query }: { t: T; query: URLSearchParams }) {
  const term = useTerm();
  const regionName = useRegionName();
  const { api } = useSignedIn();
  const { orgUnit, region, category, page, pageSize } = appliedOf(query);
  const applied = { orgUnit, region, category, page, pageSize };
  const key = JSON.stringify(applied);
  const records = useLoad(() => api.get<Page<IncompleteRow>>('/api/reports/incomplete-records', { ...applied }), [api, key]);
  const said = (word: string) => (word in t ? t[word as keyof T] : word);
  const columns: Column<IncompleteRow>[] = [
    { key: 'employeeId', label: t.employee, cell: (r) => <a href={href('timeline', [r.employeeId])}>{r.employeeId}</a> },
    { key: 'name', label: t.name, cell: (r) => r.name ?? '—' },
    { key: 'status', label: t.status, cell: (r) => said(r.status) },
    ...organisationColumns<IncompleteRow>(t, term, regionName),
    { key: 'hireDate', label: t.hireDate, cell: (r) => r.hireDate ?? '—' },
    { key: 'incompleteFrom', label: t.incompleteFrom, cell: (r) => r.incompleteFrom },
    {
      key: 'problems',
      label: t.problems,
      cell: (r) =>
        r.problems.map((p) => (
          <span class="tag" key={p} data-problem={p}>
            {said(p)}
          </span>
        )),
    },
    { key: 'openCaseId', label: t.openCase, cell: (r) => r.openCaseId ?? '—' },
    {
      key: 'overdue',
      label: t.overdue,
      cell: (r) =>
        r.overdueSteps.length === 0
          ? '—'
          : r.overdueSteps.map((s) => (
              <div key={s.key} class="overdue">
                {fill(t.overdueStep, { step: term(s.key), due: s.dueDate, days: s.daysOverdue })}
              </div>
            )),
    },
  ];
  return (
    <section aria-labelledby="reports-incomplete">
      <h2 id="reports-incomplete">{t.incomplete}</h2>
      <p class="hint">{t.incompleteIntro}</p>
      <Filters t={t} applied={{ ...applied, through: '' }} report={['incomplete']} withThrough={false} />
      <Problem error={records.error} />
      {records.data && (
        <div class="card" data-table="incomplete" aria-busy={records.loading}>
          <Download t={t} path="/api/reports/incomplete-records" fallbackName="incomplete-records.csv" query={{ ...applied }} />
          <DataTable
            caption={fill(t.incompleteCaption, { page: records.data.page })}
            columns={columns}
            rows={records.data.items}
            rowKey={(r) => r.employeeId}
            empty={t.none}
          />
          <Pager
            template={t.page}
            {...records.data}
            go={(page) => navigate(href('reports', ['incomplete'], { ...applied, page: String(page) }))}
          />
        </div>
      )}
    </section>
  );
}
