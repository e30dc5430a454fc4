import { useDraft } from '../components/use-draft';
import { Pager } from '../components/pager';
import { useEffect, useState } from 'preact/hooks';
import { ApiError } from '../api';
import { Column, DataTable } from '../components/data-table';
import { Problem } from '../components/problem';
import { useLoad } from '../components/use-load';
import { useSignedIn } from '../context';
import { fill, texts, useTerm, useText } from '../i18n';
import { href, navigate, useRoute } from '../router';
import './insight.css';

/**
 * Auditors and administrators (GET /api/audit/*): verify the hash chains, the refused commands,
 * and a browser of the raw stored streams. Routes: #/audit (verification), #/audit/rejections,
 * #/audit/streams?category=, #/audit/streams/<stream>?page=&revision= (one stream's envelopes;
 * `revision` marks one, for links from elsewhere).
 */
const TEXT = texts({
  zh: {
    title: '审计',
    sections: '审计功能',
    verify: '哈希链校验',
    rejections: '拒绝记录',
    streams: '事件流浏览',
    verifyIntro: '重新计算每个事件流的哈希链，并与最近一次签名检查点比对，报告发现的第一处断裂。',
    oneStream: '只校验一个事件流（可选）',
    streamHint: '如 employee-E1001；留空则校验整个存储',
    run: '校验哈希链',
    running: '正在校验…',
    ok: '完好：未发现篡改',
    broken: '已损坏：哈希链断裂',
    streamsChecked: '已校验事件流',
    eventsChecked: '已校验事件',
    firstBroken: '第一处断裂',
    stream: '事件流',
    revision: '版本号',
    reason: '原因',
    detail: '说明',
    warnings: '提示',
    checkpoint: '比对的检查点',
    position: '位置',
    takenAt: '签署时间',
    noCheckpoint: '尚无检查点',
    from: '开始日期',
    to: '结束日期',
    actor: '操作人',
    actorHint: '令牌主体，如 hr-spec-1',
    search: '查询',
    rejectionsCaption: '被拒绝的命令（最早的在前）',
    recordedAt: '记录时间',
    role: '角色',
    command: '命令',
    code: '代码',
    step: '步骤',
    missing: '缺少的步骤',
    message: '说明',
    subject: '案件 / 员工',
    none: '没有记录',
    page: '第 {page} / {pages} 页，共 {total} 条',
    next: '下一页',
    first: '第一页',
    category: '类别',
    categoryHint: '如 employee、offboarding、insurance',
    list: '列出事件流',
    streamsCaption: '事件流（按名称）',
    streamsTotal: '共 {total} 个事件流',
    events: '事件数',
    lastRevision: '最新版本号',
    lastType: '最新事件类型',
    lastRecordedAt: '最后记录时间',
    back: '返回事件流列表',
    envelopes: '{stream} 的原始事件（按版本号）',
    type: '事件类型',
    effectiveDate: '生效日期',
    hash: '哈希',
    prevHash: '前一哈希',
    raw: '原始内容',
    verifyThis: '校验此事件流',
    show: '显示',
    hide: '收起',
  },
  en: {
    title: 'Audit',
    sections: 'Audit sections',
    verify: 'Hash chains',
    rejections: 'Rejections',
    streams: 'Stream browser',
    verifyIntro:
      'Recomputes the hash chain of every stream, compares the heads with the latest signed checkpoint, and reports the first break found.',
    oneStream: 'One stream only (optional)',
    streamHint: 'e.g. employee-E1001; empty for the whole store',
    run: 'Verify the hash chains',
    running: 'Verifying…',
    ok: 'Intact: no tampering found',
    broken: 'Broken: a hash chain does not hold',
    streamsChecked: 'Streams checked',
    eventsChecked: 'Events checked',
    firstBroken: 'First break',
    stream: 'Stream',
    revision: 'Revision',
    reason: 'Reason',
    detail: 'Detail',
    warnings: 'Warnings',
    checkpoint: 'Checkpoint compared with',
    position: 'Position',
    takenAt: 'Taken at',
    noCheckpoint: 'No checkpoint yet',
    from: 'From',
    to: 'To',
    actor: 'Actor',
    actorHint: 'Token subject, e.g. hr-spec-1',
    search: 'Search',
    rejectionsCaption: 'Refused commands (oldest first)',
    recordedAt: 'Recorded at',
    role: 'Role',
    command: 'Command',
    code: 'Code',
    step: 'Step',
    missing: 'Missing steps',
    message: 'Message',
    subject: 'Case / employee',
    none: 'Nothing recorded',
    page: 'Page {page} of {pages}, {total} in all',
    next: 'Next',
    first: 'First page',
    category: 'Category',
    categoryHint: 'e.g. employee, offboarding, insurance',
    list: 'List streams',
    streamsCaption: 'Streams (by name)',
    streamsTotal: '{total} streams',
    events: 'Events',
    lastRevision: 'Last revision',
    lastType: 'Last event type',
    lastRecordedAt: 'Last recorded at',
    back: 'Back to the streams',
    envelopes: 'Raw events of {stream} (by revision)',
    type: 'Type',
    effectiveDate: 'Effective date',
    hash: 'Hash',
    prevHash: 'Previous hash',
    raw: 'Raw envelope',
    verifyThis: 'Verify this stream',
    show: 'Show',
    hide: 'Hide',
  },
});
type T = (typeof TEXT)['zh'];

/** The stream categories the service writes (domain/shared/streams.ts), offered as suggestions. */
const CATEGORIES = ['employee', 'insurance', 'offboarding', 'policy', 'audit', 'filing', 'channel', 'eventsubscription'];

export interface VerificationReport {
  ok: boolean;
  streamsChecked: number;
  eventsChecked: number;
  firstBroken: { stream: string; revision: number; reason: string; detail: string } | null;
  warnings?: string[];
  checkpoint?: { position: string; takenAt: string } | null;
}

interface Rejection {
  id: string;
  recordedAt: string;
  actor: { id: string; role: string };
  command: string;
  code: string;
  message: string;
  step: string | null;
  missing: string[];
  caseId: string | null;
  employeeId: string | null;
}

interface Page<I> {
  items: I[];
  page: number;
  pageSize: number;
  total: number;
}

interface StreamSummary {
  stream: string;
  category: string;
  events: number;
  lastRevision: string;
  lastType: string;
  lastRecordedAt: string | null;
}

interface RawEvent {
  stream: string;
  revision: number;
  position: string;
  id: string;
  type: string;
  data: object;
  metadata: { recordedAt?: string; effectiveDate?: string; hash?: string; prevHash?: string } & Record<string, unknown>;
}

const PAGE_SIZE = 20;

export function AuditPage() {
  const t = useText(TEXT);
  const route = useRoute();
  const section = route.args[0] === 'rejections' || route.args[0] === 'streams' ? route.args[0] : 'verify';
  const tabs: Array<[string, string]> = [
    ['verify', t.verify],
    ['rejections', t.rejections],
    ['streams', t.streams],
  ];
  return (
    <div class="insight audit">
      <h1>{t.title}</h1>
      <nav class="tabs" aria-label={t.sections}>
        {tabs.map(([name, label]) => (
          <a key={name} href={href('audit', name === 'verify' ? [] : [name])} aria-current={section === name ? 'page' : undefined}>
            {label}
          </a>
        ))}
      </nav>
      {section === 'verify' && <Verify t={t} initialStream={route.query.get('stream') ?? ''} />}
      {section === 'rejections' && <Rejections t={t} query={route.query} />}
      {section === 'streams' &&
        (route.args[1] ? <StreamEvents t={t} stream={route.args[1]} query={route.query} /> : <Streams t={t} query={route.query} />)}
    </div>
  );
}

function Verify({ t, initialStream }: { t: T; initialStream: string }) {
  const { api } = useSignedIn();
  const [stream, setStream] = useDraft(initialStream, initialStream);
  const [report, setReport] = useState<VerificationReport | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const run = async (event: Event) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    setReport(null);
    try {
      setReport(await api.get<VerificationReport>('/api/audit/verify', { stream: stream.trim() }));
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(false);
    }
  };
  return (
    <section class="card" aria-labelledby="audit-verify">
      <h2 id="audit-verify">{t.verify}</h2>
      <p class="hint">{t.verifyIntro}</p>
      <form class="filters" onSubmit={(e) => void run(e)}>
        <div>
          <label for="verify-stream">{t.oneStream}</label>
          <input
            id="verify-stream"
            name="stream"
            size={44}
            value={stream}
            placeholder={t.streamHint}
            onInput={(e) => setStream(e.currentTarget.value)}
          />
        </div>
        <button type="submit" disabled={busy}>
          {busy ? t.running : t.run}
        </button>
      </form>
      <Problem error={error} />
      <div role="status" aria-live="polite" aria-busy={busy}>
        {report && <VerifyResult t={t} report={report} />}
      </div>
    </section>
  );
}

function VerifyResult({ t, report }: { t: T; report: VerificationReport }) {
  return (
    <div class="verify-result" data-ok={String(report.ok)}>
      <p class={`verdict ${report.ok ? 'ok' : 'broken'}`}>{report.ok ? t.ok : t.broken}</p>
      <dl class="kpis">
        <div data-figure="streamsChecked">
          <dt>{t.streamsChecked}</dt>
          <dd>{report.streamsChecked}</dd>
        </div>
        <div data-figure="eventsChecked">
          <dt>{t.eventsChecked}</dt>
          <dd>{report.eventsChecked}</dd>
        </div>
      </dl>
      {report.firstBroken && (
        <div class="problem" data-broken-stream={report.firstBroken.stream} data-broken-revision={report.firstBroken.revision}>
          <strong>{t.firstBroken}</strong>
          <dl class="pairs">
            <dt>{t.stream}</dt>
            <dd>
              {report.firstBroken.stream.startsWith('$') ? (
                report.firstBroken.stream
              ) : (
                <a href={href('audit', ['streams', report.firstBroken.stream], { revision: String(report.firstBroken.revision) })}>
                  {report.firstBroken.stream}
                </a>
              )}
            </dd>
            <dt>{t.revision}</dt>
            <dd>{report.firstBroken.revision}</dd>
            <dt>{t.reason}</dt>
            <dd>
              <code>{report.firstBroken.reason}</code>
            </dd>
            <dt>{t.detail}</dt>
            <dd>{report.firstBroken.detail}</dd>
          </dl>
        </div>
      )}
      {report.warnings && report.warnings.length > 0 && (
        <>
          <h3>{t.warnings}</h3>
          <ul>
            {report.warnings.map((w) => (
              <li key={w}>{w}</li>
            ))}
          </ul>
        </>
      )}
      {report.checkpoint !== undefined && (
        <p class="muted">
          {t.checkpoint}:{' '}
          {report.checkpoint ? `${t.position} ${report.checkpoint.position} · ${t.takenAt} ${report.checkpoint.takenAt}` : t.noCheckpoint}
        </p>
      )}
    </div>
  );
}

const queryOf = <N extends string>(query: URLSearchParams, names: N[]): Record<N, string> =>
  Object.fromEntries(names.map((n) => [n, query.get(n) ?? ''])) as Record<N, string>;

function Rejections({ t, query }: { t: T; query: URLSearchParams }) {
  const term = useTerm();
  const { api } = useSignedIn();
  const { from, to, actor } = queryOf(query, ['from', 'to', 'actor']);
  const applied = { from, to, actor, page: query.get('page') ?? '1' };
  const key = JSON.stringify(applied);
  const [form, setForm] = useDraft(applied, key);
  const rejections = useLoad(() => api.get<Page<Rejection>>('/api/audit/rejections', { ...applied, pageSize: PAGE_SIZE }), [api, key]);
  const go = (next: Record<string, string>) => navigate(href('audit', ['rejections'], next));
  const columns: Column<Rejection>[] = [
    { key: 'recordedAt', label: t.recordedAt, cell: (r) => <time dateTime={r.recordedAt}>{r.recordedAt}</time> },
    { key: 'actor', label: t.actor, cell: (r) => r.actor.id },
    { key: 'role', label: t.role, cell: (r) => term(r.actor.role) },
    { key: 'command', label: t.command, cell: (r) => r.command },
    { key: 'code', label: t.code, cell: (r) => <code>{r.code}</code> },
    { key: 'step', label: t.step, cell: (r) => (r.step ? term(r.step) : '—') },
    { key: 'missing', label: t.missing, cell: (r) => r.missing.map(term).join('、') || '—' },
    { key: 'message', label: t.message, cell: (r) => r.message },
    { key: 'subject', label: t.subject, cell: (r) => [r.caseId, r.employeeId].filter(Boolean).join(' / ') || '—' },
  ];
  return (
    <section class="card" aria-labelledby="audit-rejections">
      <h2 id="audit-rejections">{t.rejections}</h2>
      <form
        class="filters"
        onSubmit={(e) => {
          e.preventDefault();
          go({ ...form, page: '1' });
        }}
      >
        <div>
          <label for="rej-from">{t.from}</label>
          <input
            id="rej-from"
            name="from"
            type="date"
            value={form.from}
            onInput={(e) => setForm({ ...form, from: e.currentTarget.value })}
          />
        </div>
        <div>
          <label for="rej-to">{t.to}</label>
          <input id="rej-to" name="to" type="date" value={form.to} onInput={(e) => setForm({ ...form, to: e.currentTarget.value })} />
        </div>
        <div>
          <label for="rej-actor">{t.actor}</label>
          <input
            id="rej-actor"
            name="actor"
            value={form.actor}
            placeholder={t.actorHint}
            onInput={(e) => setForm({ ...form, actor: e.currentTarget.value })}
          />
        </div>
        <button type="submit">{t.search}</button>
      </form>
      <Problem error={rejections.error} />
      {rejections.data && (
        <div data-table="rejections" aria-busy={rejections.loading}>
          <DataTable caption={t.rejectionsCaption} columns={columns} rows={rejections.data.items} rowKey={(r) => r.id} empty={t.none} />
          <Pager template={t.page} {...rejections.data} go={(page) => go({ ...applied, page: String(page) })} />
        </div>
      )}
    </section>
  );
}

function Streams({ t, query }: { t: T; query: URLSearchParams }) {
  const { api } = useSignedIn();
  const category = query.get('category') ?? '';
  const after = query.get('after') ?? '';
  const [form, setForm] = useDraft(category, category);
  const streams = useLoad(
    () =>
      api.get<{ items: StreamSummary[]; next: string | null; total: number }>('/api/audit/streams', {
        category,
        after,
        pageSize: PAGE_SIZE,
      }),
    [api, category, after],
  );
  const columns: Column<StreamSummary>[] = [
    { key: 'stream', label: t.stream, cell: (s) => <a href={href('audit', ['streams', s.stream])}>{s.stream}</a> },
    { key: 'category', label: t.category, cell: (s) => s.category },
    { key: 'events', label: t.events, cell: (s) => s.events, numeric: true },
    { key: 'lastRevision', label: t.lastRevision, cell: (s) => s.lastRevision, numeric: true },
    { key: 'lastType', label: t.lastType, cell: (s) => s.lastType },
    { key: 'lastRecordedAt', label: t.lastRecordedAt, cell: (s) => s.lastRecordedAt ?? '—' },
  ];
  return (
    <section class="card" aria-labelledby="audit-streams">
      <h2 id="audit-streams">{t.streams}</h2>
      <form
        class="filters"
        onSubmit={(e) => {
          e.preventDefault();
          navigate(href('audit', ['streams'], { category: form.trim() }));
        }}
      >
        <div>
          <label for="streams-category">{t.category}</label>
          <input
            id="streams-category"
            name="category"
            list="stream-categories"
            value={form}
            placeholder={t.categoryHint}
            onInput={(e) => setForm(e.currentTarget.value)}
          />
          <datalist id="stream-categories">
            {CATEGORIES.map((c) => (
              <option key={c} value={c} />
            ))}
          </datalist>
        </div>
        <button type="submit">{t.list}</button>
      </form>
      <Problem error={streams.error} />
      {streams.data && (
        <div data-table="streams" aria-busy={streams.loading}>
          <DataTable caption={t.streamsCaption} columns={columns} rows={streams.data.items} rowKey={(s) => s.stream} empty={t.none} />
          <div class="pager">
            {after && (
              <a class="button-link" href={href('audit', ['streams'], { category })}>
                {t.first}
              </a>
            )}
            <span>{fill(t.streamsTotal, { total: streams.data.total })}</span>
            {streams.data.next && <a href={href('audit', ['streams'], { category, after: streams.data.next })}>{t.next}</a>}
          </div>
        </div>
      )}
    </section>
  );
}

function StreamEvents({ t, stream, query }: { t: T; stream: string; query: URLSearchParams }) {
  const { api } = useSignedIn();
  const marked = query.get('revision');
  const page = Number(query.get('page') ?? (marked !== null ? Math.floor(Number(marked) / PAGE_SIZE) + 1 : 1)) || 1;
  const events = useLoad(
    () =>
      api.get<Page<RawEvent> & { stream: string }>(`/api/audit/streams/${encodeURIComponent(stream)}/events`, {
        page,
        pageSize: PAGE_SIZE,
      }),
    [api, stream, page],
  );
  const columns: Column<RawEvent>[] = [
    { key: 'revision', label: t.revision, cell: (e) => e.revision, numeric: true },
    { key: 'type', label: t.type, cell: (e) => e.type },
    { key: 'recordedAt', label: t.recordedAt, cell: (e) => e.metadata.recordedAt ?? '—' },
    { key: 'effectiveDate', label: t.effectiveDate, cell: (e) => e.metadata.effectiveDate ?? '—' },
    { key: 'position', label: t.position, cell: (e) => e.position, numeric: true },
    { key: 'hash', label: t.hash, cell: (e) => <code class="hash">{e.metadata.hash ?? '—'}</code> },
  ];
  const notFound = events.error instanceof ApiError && events.error.status === 404;
  return (
    <section class="card" aria-labelledby="audit-stream">
      <p>
        <a href={href('audit', ['streams'], { category: stream.split('-')[0] })}>← {t.back}</a>
      </p>
      <h2 id="audit-stream">{fill(t.envelopes, { stream })}</h2>
      {!notFound && (
        <p>
          <a href={href('audit', [], { stream })}>{t.verifyThis}</a>
        </p>
      )}
      <Problem error={events.error} />
      {events.data && (
        <div data-table="envelopes" data-stream={stream} aria-busy={events.loading}>
          <MarkedTable t={t} columns={columns} rows={events.data.items} marked={marked === null ? null : Number(marked)} stream={stream} />
          <Pager
            template={t.page}
            {...events.data}
            go={(next) => navigate(href('audit', ['streams', stream], { page: String(next), revision: marked ?? undefined }))}
          />
        </div>
      )}
    </section>
  );
}

/**
 * The envelopes' table, the row of `marked` highlighted and scrolled to (a link from a timeline or
 * a broken chain); each envelope's raw JSON opens in a full-width row under it.
 */
function MarkedTable({
  t,
  columns,
  rows,
  marked,
  stream,
}: {
  t: T;
  columns: Column<RawEvent>[];
  rows: RawEvent[];
  marked: number | null;
  stream: string;
}) {
  const [open, setOpen] = useState<Set<number>>(new Set());
  useEffect(() => {
    if (marked !== null) document.querySelector(`tr[data-revision="${marked}"]`)?.scrollIntoView({ block: 'center' });
  }, [marked, rows]);
  const toggle = (revision: number) =>
    setOpen((was) => {
      const next = new Set(was);
      if (!next.delete(revision)) next.add(revision);
      return next;
    });
  return (
    <table class="data">
      <caption>{fill(t.envelopes, { stream })}</caption>
      <thead>
        <tr>
          {columns.map((c) => (
            <th scope="col" key={c.key} class={c.numeric ? 'num' : undefined}>
              {c.label}
            </th>
          ))}
          <th scope="col">{t.raw}</th>
        </tr>
      </thead>
      <tbody>
        {rows.flatMap((row) => {
          const shown = open.has(row.revision);
          const rawId = `raw-${row.revision}`;
          return [
            <tr
              key={row.revision}
              data-revision={row.revision}
              class={row.revision === marked ? 'highlight' : undefined}
              aria-current={row.revision === marked ? 'true' : undefined}
            >
              {columns.map((c) => (
                <td key={c.key} class={c.numeric ? 'num' : undefined}>
                  {c.cell(row)}
                </td>
              ))}
              <td>
                <button
                  type="button"
                  class="secondary"
                  aria-expanded={shown}
                  aria-controls={shown ? rawId : undefined}
                  onClick={() => toggle(row.revision)}
                >
                  {shown ? t.hide : t.show}
                </button>
              </td>
            </tr>,
            shown && (
              <tr key={`${row.revision}-raw`} class="raw" data-raw-of={row.revision}>
                <td colSpan={columns.length + 1} id={rawId}>
                  <pre>{JSON.stringify({ id: row.id, data: row.data, metadata: row.metadata }, null, 2)}</pre>
                </td>
              </tr>
            ),
          ];
        })}
      </tbody>
    </table>
  );
}
