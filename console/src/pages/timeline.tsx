import { useState } from 'preact/hooks';
import { Problem } from '../components/problem';
import { useLoad } from '../components/use-load';
import { useSignedIn } from '../context';
import { fill, texts, useLang, useTerm, useText } from '../i18n';
import { href, navigate, useRoute } from '../router';
import { may } from '../session';
import { EmployeeSearch, PersonHeading } from './person';
import { instantToWallTime, wallTimeToInstant, zoneName, zonedTime } from '../business-time';
import './timeline.css';

/**
 * Issue 14, the employee timeline for investigators: every event and refused command
 * (GET /api/employees/{id}/timeline), in recorded or effective order, as known at an
 * instant, filtered by type and date; each entry's hash (every reader), the raw stored
 * envelope (auditors and administrators, who may read /api/audit), and the person's
 * signed evidence package (GET /api/audit/employees/{id}/evidence).
 */

const TEXT = texts({
  zh: {
    title: '员工时间线',
    intro: '该员工的全部事件与被拒绝的命令：可按记录顺序或业务日期顺序查看，也可回放某一时刻系统已知的情况。',
    filters: '筛选',
    order: '排序',
    recorded: '记录顺序（系统得知的先后）',
    effective: '业务日期顺序（实际发生的先后）',
    asKnownAt: '截至该时刻已知（{zone}）',
    asKnownAtHint: '只显示在此时刻之前已记录的事件。',
    type: '事件类型',
    allTypes: '全部类型',
    from: '起始日期',
    to: '截止日期',
    dateHint: '记录顺序按记录日期（UTC）筛选，业务日期顺序按业务日期筛选。',
    apply: '应用筛选',
    reset: '清除筛选',
    caption: '{id} 的事件与被拒绝的命令，{order}',
    captionRecorded: '按记录顺序',
    captionEffective: '按业务日期顺序',
    captionKnownAt: '，截至 {at}（{zone}）已知',
    position: '日志位置',
    entryType: '类型',
    recordedAt: '记录时间（{zone}）',
    effectiveDate: '业务日期',
    actor: '操作人',
    summary: '摘要',
    hash: '哈希（SHA-256）',
    raw: '原始事件',
    showRaw: '查看原始事件',
    count: '共 {total} 条，第 {page}/{pages} 页',
    none: '没有符合条件的事件。',
    loading: '正在加载…',
    previous: '上一页',
    next: '下一页',
    pages: '分页',
    refused: '被拒绝',
    evidence: '导出证据包',
    evidenceHint: '证据包为签名的 NDJSON 文件，事件与存储时完全一致（个人信息保持加密），可用 npm run audit:verify 离线校验。',
    exporting: '正在导出…',
    exported: '{id} 的证据包已下载。',
    continuity: '查看该员工的社保连续性',
    rawTitle: '原始事件 {stream} 第 {revision} 版',
    close: '关闭原始事件',
    hashMatches: '与时间线中的哈希一致',
    hashDiffers: '与时间线中的哈希不一致',
    rowsHint: '在表格中可用上下方向键逐条移动。',
    fullHash: '完整哈希',
  },
  en: {
    title: 'Employee timeline',
    intro:
      'Every event about the person and every refused command: in the order recorded or by business date, or replayed as the service knew it at an instant.',
    filters: 'Filters',
    order: 'Order',
    recorded: 'Recorded order (when the service learned it)',
    effective: 'Effective order (when it happened)',
    asKnownAt: 'As known at ({zone})',
    asKnownAtHint: 'Only what had been recorded by this instant.',
    type: 'Event type',
    allTypes: 'All types',
    from: 'From',
    to: 'To',
    dateHint: 'Recorded order filters by the day recorded (UTC); effective order by the business date.',
    apply: 'Apply filters',
    reset: 'Clear filters',
    caption: 'Events and refused commands of {id}, {order}',
    captionRecorded: 'in recorded order',
    captionEffective: 'in effective order',
    captionKnownAt: ', as known at {at} ({zone})',
    position: 'Log position',
    entryType: 'Type',
    recordedAt: 'Recorded ({zone})',
    effectiveDate: 'Business date',
    actor: 'Actor',
    summary: 'Summary',
    hash: 'Hash (SHA-256)',
    raw: 'Raw event',
    showRaw: 'Raw event',
    count: '{total} entries, page {page} of {pages}',
    none: 'No event matches.',
    loading: 'Loading…',
    previous: 'Previous page',
    next: 'Next page',
    pages: 'Pages',
    refused: 'refused',
    evidence: 'Export the evidence package',
    evidenceHint:
      'A signed NDJSON file with the events exactly as stored (personal data sealed); check it offline with npm run audit:verify.',
    exporting: 'Exporting…',
    exported: 'The evidence package of {id} was downloaded.',
    continuity: 'Social-insurance continuity of this person',
    rawTitle: 'Raw event {stream}, revision {revision}',
    close: 'Close the raw event',
    hashMatches: 'matches the timeline’s hash',
    hashDiffers: 'differs from the timeline’s hash',
    rowsHint: 'In the table, the up and down arrow keys move from entry to entry.',
    fullHash: 'Full hash',
  },
});

/** Event types a filter offers, with names in both languages (the API's type names stay beside them). */
const TYPE_NAMES: Record<string, { zh: string; en: string }> = {
  EmployeeHired: { zh: '入职', en: 'Hired' },
  EmployeeRehired: { zh: '再次入职', en: 'Rehired' },
  PersonalDataRecorded: { zh: '个人信息记录', en: 'Personal data recorded' },
  PersonalDataErased: { zh: '个人信息删除', en: 'Personal data erased' },
  ContractSigned: { zh: '签订合同', en: 'Contract signed' },
  PositionChanged: { zh: '岗位变更', en: 'Position changed' },
  WageChanged: { zh: '工资调整', en: 'Wage changed' },
  MonthlyPayRecorded: { zh: '月工资记录', en: 'Monthly pay recorded' },
  EmployeeSeparated: { zh: '离职', en: 'Separated' },
  OffboardingCaseReserved: { zh: '离职案件预留', en: 'Offboarding case reserved' },
  OffboardingCaseReleased: { zh: '离职案件释放', en: 'Offboarding case released' },
  SocialInsuranceEnrolled: { zh: '社保参保', en: 'Enrolled in social insurance' },
  ContributionRecorded: { zh: '缴费记录', en: 'Contribution recorded' },
  ContributionCorrected: { zh: '缴费更正', en: 'Contribution corrected' },
  ContributionBaseAdjusted: { zh: '缴费基数调整', en: 'Contribution base adjusted' },
  SocialInsuranceTransferredOut: { zh: '社保已转出', en: 'Social insurance transferred out' },
  OffboardingCaseOpened: { zh: '离职案件开立', en: 'Offboarding case opened' },
  PrerequisiteOverridden: { zh: '前置步骤豁免', en: 'Prerequisite overridden' },
  StepCompleted: { zh: '步骤完成', en: 'Step completed' },
  SocialInsuranceTransferOutRequested: { zh: '社保转出申请', en: 'Transfer-out requested' },
  SocialInsuranceTransferOutRejected: { zh: '社保转出被驳回', en: 'Transfer-out rejected' },
  SocialInsuranceTransferOutCompleted: { zh: '社保转出完成', en: 'Transfer-out completed' },
  LaborTerminationRegistered: { zh: '退工登记完成', en: 'Labour termination registered' },
  LaborTerminationRejected: { zh: '退工登记被驳回', en: 'Labour termination rejected' },
  OffboardingCaseCompleted: { zh: '离职案件完成', en: 'Offboarding case completed' },
  OffboardingCaseCancelled: { zh: '离职案件撤销', en: 'Offboarding case cancelled' },
  NotificationSent: { zh: '通知已发送', en: 'Notification sent' },
  NotificationFailed: { zh: '通知发送失败', en: 'Notification failed' },
  CommandRefused: { zh: '命令被拒绝', en: 'Command refused' },
};

export const PAGE_SIZE = 100;

export interface TimelineItem {
  position: string;
  stream: string;
  revision: string | null;
  hash: string | null;
  type: string;
  recordedAt: string | null;
  effectiveDate: string | null;
  actor: { id: string; role: string };
  summary: { zh: string; en: string };
  eventId: string;
}

interface TimelineAnswer {
  employeeId: string;
  order: 'recorded' | 'effective';
  asKnownAt: string | null;
  items: TimelineItem[];
  page: number;
  pageSize: number;
  total: number;
}

interface RawEvent {
  stream: string;
  revision: number;
  position: string;
  id: string;
  type: string;
  metadata: { hash?: string };
}

type Query = Record<string, string | undefined>;
const FILTERS = ['order', 'asKnownAt', 'type', 'from', 'to'] as const;

export function TimelinePage() {
  const t = useText(TEXT);
  const route = useRoute();
  const [employeeId] = route.args;
  if (!employeeId) {
    return (
      <section class="timeline-page">
        <h1>{t.title}</h1>
        <p>{t.intro}</p>
        <EmployeeSearch page="timeline" />
      </section>
    );
  }
  return <Timeline key={employeeId} employeeId={employeeId} query={route.query} />;
}

function Timeline({ employeeId, query }: { employeeId: string; query: URLSearchParams }) {
  const t = useText(TEXT);
  const { session, api } = useSignedIn();
  const current: Query = Object.fromEntries(FILTERS.map((f) => [f, query.get(f) ?? undefined]));
  const order = current.order === 'effective' ? 'effective' : 'recorded';
  const page = Math.max(1, Number(query.get('page')) || 1);
  const go = (changes: Query) => navigate(href('timeline', [employeeId], { ...current, page: String(page), ...changes }));

  const answer = useLoad(
    () =>
      api.get<TimelineAnswer>(`/api/employees/${encodeURIComponent(employeeId)}/timeline`, {
        order,
        asKnownAt: current.asKnownAt,
        type: current.type,
        from: current.from,
        to: current.to,
        page,
        pageSize: PAGE_SIZE,
      }),
    [api, employeeId, order, current.asKnownAt, current.type, current.from, current.to, page],
  );
  const rawStream = query.get('rawStream');
  const rawRevision = query.get('rawRevision');
  const mayReadRaw = may(session, 'readAudit');

  return (
    <section class="timeline-page" aria-labelledby="timeline-title">
      <EmployeeSearch page="timeline" current={employeeId} />
      <div id="timeline-title">
        <PersonHeading employeeId={employeeId} title={t.title} />
      </div>
      <nav class="person-links" aria-label={t.continuity}>
        <a href={href('continuity', [employeeId])} data-link="continuity">
          {t.continuity}
        </a>
      </nav>
      {may(session, 'exportEvidence') && <EvidenceExport employeeId={employeeId} />}
      <Filters
        key={FILTERS.map((f) => current[f] ?? '').join('|')}
        current={current}
        order={order}
        onOrder={(o) => go({ order: o, page: undefined })}
        onApply={(f) => go({ ...f, page: undefined })}
      />
      {mayReadRaw && rawStream && rawRevision && (
        <RawEnvelope
          stream={rawStream}
          revision={rawRevision}
          expectedHash={answer.data?.items.find((i) => i.stream === rawStream && i.revision === rawRevision)?.hash ?? null}
          closeHref={href('timeline', [employeeId], { ...current, page: String(page) })}
        />
      )}
      <Problem error={answer.error} />
      {answer.data && (
        <Entries
          answer={answer.data}
          loading={answer.loading}
          rawHref={
            mayReadRaw
              ? (item) =>
                  href('timeline', [employeeId], {
                    ...current,
                    page: String(page),
                    rawStream: item.stream,
                    rawRevision: item.revision ?? undefined,
                  })
              : null
          }
          onPage={(p) => go({ page: String(p) })}
        />
      )}
      {!answer.data && answer.loading && (
        <p role="status" aria-live="polite">
          {t.loading}
        </p>
      )}
    </section>
  );
}

function Filters({
  current,
  order,
  onOrder,
  onApply,
}: {
  current: Query;
  order: 'recorded' | 'effective';
  onOrder: (order: 'recorded' | 'effective') => void;
  onApply: (filters: Query) => void;
}) {
  const t = useText(TEXT);
  const lang = useLang();
  const { session } = useSignedIn();
  const [knownAt, setKnownAt] = useState(current.asKnownAt ? instantToWallTime(current.asKnownAt, session.businessTimeZone) : '');
  const [type, setType] = useState(current.type ?? '');
  const [from, setFrom] = useState(current.from ?? '');
  const [to, setTo] = useState(current.to ?? '');
  const apply = (event: Event) => {
    event.preventDefault();
    onApply({
      asKnownAt: wallTimeToInstant(knownAt, session.businessTimeZone) ?? undefined,
      type: type || undefined,
      from: from || undefined,
      to: to || undefined,
    });
  };
  const reset = () => {
    setKnownAt('');
    setType('');
    setFrom('');
    setTo('');
    onApply({ asKnownAt: undefined, type: undefined, from: undefined, to: undefined });
  };
  return (
    <div class="timeline-controls card">
      <fieldset class="order-switch">
        <legend>{t.order}</legend>
        {(['recorded', 'effective'] as const).map((o) => (
          <label key={o} class="radio">
            <input type="radio" name="timeline-order" value={o} checked={order === o} onChange={() => onOrder(o)} />
            {o === 'recorded' ? t.recorded : t.effective}
          </label>
        ))}
      </fieldset>
      <form class="filters" aria-label={t.filters} onSubmit={apply}>
        <div>
          <label for="timeline-known-at">{fill(t.asKnownAt, { zone: zoneName(session.businessTimeZone, lang) })}</label>
          <input
            id="timeline-known-at"
            type="datetime-local"
            step={1}
            value={knownAt}
            onInput={(e) => setKnownAt(e.currentTarget.value)}
            aria-describedby="timeline-known-at-hint"
          />
          <span id="timeline-known-at-hint" class="hint">
            {t.asKnownAtHint}
          </span>
        </div>
        <div>
          <label for="timeline-type">{t.type}</label>
          <select id="timeline-type" value={type} onChange={(e) => setType(e.currentTarget.value)}>
            <option value="">{t.allTypes}</option>
            {Object.entries(TYPE_NAMES).map(([key, names]) => (
              <option key={key} value={key}>
                {names[lang]} ({key})
              </option>
            ))}
          </select>
        </div>
        <div>
          <label for="timeline-from">{t.from}</label>
          <input
            id="timeline-from"
            type="date"
            value={from}
            onInput={(e) => setFrom(e.currentTarget.value)}
            aria-describedby="timeline-date-hint"
          />
        </div>
        <div>
          <label for="timeline-to">{t.to}</label>
          <input
            id="timeline-to"
            type="date"
            value={to}
            min={from || undefined}
            onInput={(e) => setTo(e.currentTarget.value)}
            aria-describedby="timeline-date-hint"
          />
        </div>
        <div class="filter-buttons">
          <button type="submit">{t.apply}</button>
          <button type="button" class="secondary" onClick={reset}>
            {t.reset}
          </button>
        </div>
        <p id="timeline-date-hint" class="hint">
          {t.dateHint}
        </p>
      </form>
    </div>
  );
}

/** Up and down arrows (and Home, End) move between the table's rows, each a focus stop of its own. */
function moveBetweenRows(event: KeyboardEvent) {
  const row = (event.target as HTMLElement).closest('tr');
  if (!row) return;
  const rows = Array.from(row.parentElement?.children ?? []) as HTMLElement[];
  const at = rows.indexOf(row);
  const to = { ArrowDown: at + 1, ArrowUp: at - 1, Home: 0, End: rows.length - 1 }[event.key];
  if (to === undefined || !rows[to]) return;
  event.preventDefault();
  rows[to].focus();
}

function Entries({
  answer,
  loading,
  rawHref,
  onPage,
}: {
  answer: TimelineAnswer;
  loading: boolean;
  rawHref: ((item: TimelineItem) => string) | null;
  onPage: (page: number) => void;
}) {
  const t = useText(TEXT);
  const lang = useLang();
  const term = useTerm();
  const { session } = useSignedIn();
  const pages = Math.max(1, Math.ceil(answer.total / answer.pageSize));
  const caption =
    fill(t.caption, { id: answer.employeeId, order: answer.order === 'effective' ? t.captionEffective : t.captionRecorded }) +
    (answer.asKnownAt
      ? fill(t.captionKnownAt, {
          at: zonedTime(answer.asKnownAt, session.businessTimeZone),
          zone: zoneName(session.businessTimeZone, lang),
        })
      : '');
  return (
    <div class="timeline-entries" aria-busy={loading}>
      <p class="timeline-count" role="status" aria-live="polite" data-total={answer.total}>
        {fill(t.count, { total: answer.total, page: answer.page, pages })}
      </p>
      <p class="hint">{t.rowsHint}</p>
      <div class="table-scroll">
        <table class="data timeline" data-order={answer.order} data-as-known-at={answer.asKnownAt ?? ''}>
          <caption>{caption}</caption>
          <thead>
            <tr>
              <th scope="col" class="num">
                {t.position}
              </th>
              <th scope="col">{t.entryType}</th>
              <th scope="col">{fill(t.recordedAt, { zone: zoneName(session.businessTimeZone, lang) })}</th>
              <th scope="col">{t.effectiveDate}</th>
              <th scope="col">{t.actor}</th>
              <th scope="col">{t.summary}</th>
              <th scope="col">{t.hash}</th>
              {rawHref && <th scope="col">{t.raw}</th>}
            </tr>
          </thead>
          <tbody onKeyDown={moveBetweenRows}>
            {answer.items.length === 0 ? (
              <tr>
                <td colSpan={rawHref ? 8 : 7} class="empty">
                  {t.none}
                </td>
              </tr>
            ) : (
              answer.items.map((item, i) => (
                <tr
                  key={item.eventId}
                  tabIndex={i === 0 ? 0 : -1}
                  class={item.type === 'CommandRefused' ? 'entry refused' : 'entry'}
                  data-type={item.type}
                  data-position={item.position}
                  data-hash={item.hash ?? ''}
                >
                  <td class="num">{item.position}</td>
                  <th scope="row" class="entry-type">
                    {TYPE_NAMES[item.type]?.[lang] ?? item.type}
                    {item.type === 'CommandRefused' && <span class="tag refused-tag">{t.refused}</span>}
                    <code class="type-code">{item.type}</code>
                  </th>
                  <td>
                    {item.recordedAt ? <time dateTime={item.recordedAt}>{zonedTime(item.recordedAt, session.businessTimeZone)}</time> : '—'}
                  </td>
                  <td>{item.effectiveDate ? <time dateTime={item.effectiveDate}>{item.effectiveDate}</time> : '—'}</td>
                  <td>
                    {item.actor.id}
                    <span class="muted"> ({term(item.actor.role)})</span>
                  </td>
                  <td lang={lang === 'zh' ? 'zh-CN' : 'en'}>{item.summary[lang]}</td>
                  <td class="hash-cell">
                    {item.hash ? (
                      <details>
                        <summary>
                          <code class="hash-short">{item.hash.slice(0, 12)}…</code>
                          <span class="visually-hidden">{t.fullHash}</span>
                        </summary>
                        <code class="hash">{item.hash}</code>
                      </details>
                    ) : (
                      '—'
                    )}
                  </td>
                  {rawHref && (
                    <td>
                      {item.revision !== null && (
                        <a class="raw-link" href={rawHref(item)} aria-label={`${t.showRaw}: ${item.stream} #${item.revision}`}>
                          {item.stream} #{item.revision}
                        </a>
                      )}
                    </td>
                  )}
                </tr>
              ))
            )}
          </tbody>
        </table>
      </div>
      {pages > 1 && (
        <nav class="pager" aria-label={t.pages}>
          <button type="button" class="secondary" disabled={answer.page <= 1} onClick={() => onPage(answer.page - 1)}>
            {t.previous}
          </button>
          <span>
            {answer.page} / {pages}
          </span>
          <button type="button" class="secondary" disabled={answer.page >= pages} onClick={() => onPage(answer.page + 1)}>
            {t.next}
          </button>
        </nav>
      )}
    </div>
  );
}

/** One stored envelope (GET /api/audit/streams/{stream}/events, auditors and administrators), its hash compared with the timeline's. */
function RawEnvelope({
  stream,
  revision,
  expectedHash,
  closeHref,
}: {
  stream: string;
  revision: string;
  expectedHash: string | null;
  closeHref: string;
}) {
  const t = useText(TEXT);
  const { api } = useSignedIn();
  const raw = useLoad(
    () =>
      api.get<{ items: RawEvent[] }>(`/api/audit/streams/${encodeURIComponent(stream)}/events`, {
        page: Number(revision) + 1,
        pageSize: 1,
      }),
    [api, stream, revision],
  );
  const event = raw.data?.items[0];
  return (
    <section class="raw-envelope card" aria-labelledby="raw-envelope-title" data-stream={stream} data-revision={revision}>
      <h2 id="raw-envelope-title">{fill(t.rawTitle, { stream, revision })}</h2>
      <Problem error={raw.error} />
      {event && (
        <>
          {expectedHash && (
            <p class={event.metadata.hash === expectedHash ? 'status-done' : 'overdue'} role="status">
              <code>{event.metadata.hash}</code> {event.metadata.hash === expectedHash ? t.hashMatches : t.hashDiffers}
            </p>
          )}
          <pre class="raw-json" tabIndex={0}>
            {JSON.stringify(event, null, 2)}
          </pre>
        </>
      )}
      <a href={closeHref}>{t.close}</a>
    </section>
  );
}

function EvidenceExport({ employeeId }: { employeeId: string }) {
  const t = useText(TEXT);
  const { api } = useSignedIn();
  const [state, setState] = useState<{ busy: boolean; error: unknown; done: string | null }>({ busy: false, error: null, done: null });
  const exportNow = async () => {
    setState({ busy: true, error: null, done: null });
    try {
      await api.download(
        `/api/audit/employees/${encodeURIComponent(employeeId)}/evidence`,
        'application/x-ndjson',
        `evidence-${employeeId}.ndjson`,
      );
      setState({ busy: false, error: null, done: employeeId });
    } catch (error) {
      setState({ busy: false, error, done: null });
    }
  };
  return (
    <div class="evidence card">
      <button type="button" onClick={() => void exportNow()} disabled={state.busy} aria-describedby="evidence-hint">
        {state.busy ? t.exporting : t.evidence}
      </button>
      <p id="evidence-hint" class="hint">
        {t.evidenceHint}
      </p>
      <p role="status" aria-live="polite" class="evidence-done">
        {state.done ? fill(t.exported, { id: state.done }) : ''}
      </p>
      <Problem error={state.error} />
    </div>
  );
}
