import { businessToday } from '../business-time';
import { useLayoutEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { Api } from '../api';
import { Problem } from '../components/problem';
import { useLoad } from '../components/use-load';
import { useSignedIn } from '../context';
import { fill, TERMS, texts, useLang, useTerm, useText } from '../i18n';
import { may, Session } from '../session';
import './board.css';

/**
 * Issue 14, the cases board: the open cases (GET /api/offboarding?status=open, one request: each line
 * carries the name as the caller may see it, the steps and the transfer-out notice), in a column per
 * step they wait on; each step's state in words, why a locked one is locked (hard or soft), its due date
 * and days, its assignee; and for the roles that may, the step's actions. A refusal shows the service's
 * words and what to do first; after a command the board is read again at the command's position.
 */

const TEXT = texts({
  zh: {
    title: '离职看板',
    intro: '按等待办理的步骤分列的在办离职案件。',
    keys: '键盘：Tab 在案件和按钮间移动；在案件上用 ↑ ↓ 切换同列案件，← → 切换列。',
    loading: '正在加载…',
    empty: '没有在办的离职案件。',
    columns: '看板各列',
    jump: '跳到：',
    column: '等待「{step}」',
    count: '{n} 个案件',
    showMore: '显示更多（还有 {n} 个）',
    capped: '只显示最近开启的 {n} 个在办案件（接口上限）。',
    filter: '按姓名或工号筛选',
    onlyOverdue: '只看有逾期步骤的案件',
    shown: '显示 {shown} / {total} 个在办案件',
    caseLabel: '{who}的离职案件',
    employee: '员工',
    caseId: '案件号',
    lastWorkingDay: '最后工作日',
    reasonLabel: '离职原因',
    policyLabel: '政策',
    steps: '{who}的办理步骤',
    done: '已完成（{date}）',
    available: '可办理',
    in_progress: '已申报，等待经办机构答复',
    rejected: '被退回，需更正后重新办理',
    locked: '已锁定',
    lockedWhy: '需先完成：',
    hard: '硬性，不可豁免',
    soft: '可由人事经理书面豁免',
    due: '期限 {date}',
    daysLeft: '剩 {n} 天',
    dueToday: '今天到期',
    overdue: '已逾期 {n} 天',
    noDue: '无固定期限',
    assignee: '办理人：{who}',
    noName: '（无姓名记录）',
    notice: '社保转出告知',
    noticeFiled: '{date} 已申报',
    lastContributionMonth: '最后缴费月份',
    fileBy: '最晚申报日',
    gap: '预计断缴',
    gapNone: '无',
    gapMonths: '{n} 个月',
    gapOver: '多缴 {n} 个月',
    act_complete: '完成',
    act_request: '申报',
    act_reject: '登记退回',
    act_complete_si: '登记转出完成',
    actionFor: '{action}「{step}」· {who}',
    formTitle: '{action}「{step}」',
    effectiveDate: '生效日期',
    note: '备注',
    noteReject: '退回原因（必填）',
    lastPaidMonth: '经办机构确认的最后缴费月份',
    terminationDate: '劳动关系终止日期（可空，默认最后工作日）',
    override: '豁免理由（人事经理；仅可豁免软性前置步骤）',
    submit: '提交',
    cancel: '取消',
    sending: '正在提交…',
    doneMessage: '已{action}「{step}」· {who}。看板已更新。',
    noticeMessage: '社保转出已申报：最后缴费月份 {month}，最晚申报日 {fileBy}，预计断缴 {gap}。',
    retry: '重新加载',
  },
  en: {
    title: 'Cases board',
    intro: 'Open offboarding cases, in a column per step they wait on.',
    keys: 'Keyboard: Tab moves between cases and buttons; on a case, ↑ ↓ go to the cases of its column, ← → to the next column.',
    loading: 'Loading…',
    empty: 'No open offboarding case.',
    columns: 'Board columns',
    jump: 'Go to:',
    column: 'Waiting on “{step}”',
    count: '{n} cases',
    showMore: 'Show more ({n} left)',
    capped: 'Only the {n} most recently opened cases are shown (the API’s limit).',
    filter: 'Filter by name or employee id',
    onlyOverdue: 'Only cases with an overdue step',
    shown: '{shown} of {total} open cases shown',
    caseLabel: 'Case of {who}',
    employee: 'Employee',
    caseId: 'Case',
    lastWorkingDay: 'Last working day',
    reasonLabel: 'Reason',
    policyLabel: 'Policy',
    steps: 'Steps of {who}',
    done: 'Done ({date})',
    available: 'Available',
    in_progress: 'Filed, awaiting the bureau’s answer',
    rejected: 'Returned: correct it and file again',
    locked: 'Locked',
    lockedWhy: 'First:',
    hard: 'hard, cannot be overridden',
    soft: 'soft, an HR manager may override it in writing',
    due: 'due {date}',
    daysLeft: '{n} days left',
    dueToday: 'due today',
    overdue: '{n} days overdue',
    noDue: 'no due date',
    assignee: 'Assignee: {who}',
    noName: '(no name on record)',
    notice: 'Transfer-out notice',
    noticeFiled: 'filed {date}',
    lastContributionMonth: 'Last contribution month',
    fileBy: 'File by',
    gap: 'Predicted gap',
    gapNone: 'none',
    gapMonths: '{n} month(s) unpaid',
    gapOver: '{n} month(s) paid beyond',
    act_complete: 'Complete',
    act_request: 'File',
    act_reject: 'Record return',
    act_complete_si: 'Record transfer done',
    actionFor: '{action} “{step}” · {who}',
    formTitle: '{action} “{step}”',
    effectiveDate: 'Effective date',
    note: 'Note',
    noteReject: 'Reason for the return (required)',
    lastPaidMonth: 'Last paid month, as the bureau confirms',
    terminationDate: 'End of the labour relationship (optional, default the last working day)',
    override: 'Override reason (HR manager; soft prerequisites only)',
    submit: 'Submit',
    cancel: 'Cancel',
    sending: 'Sending…',
    doneMessage: '{action} “{step}” · {who}: done. The board is up to date.',
    noticeMessage: 'Transfer-out filed: last contribution month {month}, file by {fileBy}, predicted gap {gap}.',
    retry: 'Reload',
  },
});

/** Department keys (policies' assignees) in words; another key is shown as it is. */
const DEPARTMENTS: Record<string, { zh: string; en: string }> = {
  hr: { zh: '人事部', en: 'HR' },
  finance: { zh: '财务部', en: 'Finance' },
  it: { zh: '信息部', en: 'IT' },
  assets: { zh: '资产部', en: 'Assets' },
  academic_affairs: { zh: '教务处', en: 'Academic affairs' },
};

const REASONS: Record<string, { zh: string; en: string }> = {
  resignation: { zh: '辞职', en: 'resignation' },
  dismissal: { zh: '解除', en: 'dismissal' },
  contract_expiry: { zh: '合同到期', en: 'contract expiry' },
  mutual_agreement: { zh: '协商一致', en: 'mutual agreement' },
  retirement: { zh: '退休', en: 'retirement' },
};

/** The columns in the order of the shipped catalogue (default-policies.ts); a step it lacks comes last. */
const STEP_ORDER = [
  'approval',
  'handover',
  'term_settlement',
  'unemployment_filing',
  'si_transfer_out',
  'housing_fund_transfer',
  'termination_certificate',
  'labor_termination',
  'archive_transfer',
  'severance_payment',
  'post_release',
  'establishment_release',
];

/** Cards shown per column before "show more". */
const PAGE = 20;
/** GET /api/offboarding answers at most this many cases. */
const API_CAP = 500;

type Action = 'complete' | 'request' | 'reject';

export interface CaseStep {
  key: string;
  status: 'locked' | 'available' | 'in_progress' | 'done' | 'rejected';
  requires: string[];
  missing: string[];
  dueDate: string | null;
  doneOn: string | null;
  overdue: boolean;
  daysLeft: number | null;
  daysOverdue: number;
  title?: { zh: string; en: string };
  prerequisites?: Array<{ step: string; kind: 'hard' | 'soft' }>;
  actions?: Action[];
  role?: string | null;
  assignee?: { role: string; department: string | null };
}

interface Notice {
  requestedOn?: string;
  lastContributionMonth: string;
  fileBy: string;
  predictedGapMonths?: number;
  warnings: string[];
}

export interface CaseLine {
  caseId: string;
  employeeId: string;
  status: string;
  reason: string;
  lastWorkingDay: string;
  openedAt: string;
  policy: { region: string; category: string; version: number };
  name: string | null;
  waitingOn: string | null;
  steps: CaseStep[];
  transferOutNotice: Notice | null;
}

/** The actions offered for a step in its state: a transfer-out is filed, then answered (complete or reject). */
function offeredActions(step: CaseStep): Action[] {
  const actions = step.actions ?? ['complete'];
  if (!actions.includes('request')) return actions;
  return step.status === 'in_progress' ? actions.filter((a) => a !== 'request') : ['request'];
}

/** Whether the signed-in roles may act on the step (session.ts `may`; the service decides anyway). */
function mayAct(session: Session, step: CaseStep): boolean {
  if (!may(session, 'operateSteps')) return false;
  if (step.key === 'approval') return may(session, 'approve');
  return !step.role || session.roles.some((r) => r === step.role);
}

function useNames() {
  const lang = useLang();
  const term = useTerm();
  const t = useText(TEXT);
  const stepName = (key: string, steps: CaseStep[] = []): string =>
    TERMS[key] ? term(key) : (steps.find((s) => s.key === key)?.title?.[lang] ?? key);
  const who = (c: CaseLine) => `${c.name ?? t.noName} (${c.employeeId})`;
  return { lang, term, t, stepName, who };
}

export function BoardPage() {
  const { session, api } = useSignedIn();
  const { t, stepName, who } = useNames();
  const list = useLoad(() => api.get<{ items: CaseLine[] }>('/api/offboarding', { status: 'open' }), [api]);
  const [filter, setFilter] = useState('');
  const [onlyOverdue, setOnlyOverdue] = useState(false);
  const [message, setMessage] = useState<string | null>(null);
  const board = useRef<HTMLDivElement>(null);

  const cases = list.data?.items ?? [];
  const visible = useMemo(() => {
    const needle = filter.trim().toLowerCase();
    return cases.filter(
      (c) =>
        c.status === 'open' &&
        (!needle || c.employeeId.toLowerCase().includes(needle) || (c.name ?? '').toLowerCase().includes(needle)) &&
        (!onlyOverdue || c.steps.some((s) => s.overdue)),
    );
  }, [cases, filter, onlyOverdue]);
  const columns = useMemo(() => groupByWaitingStep(visible), [visible]);

  const acted = (text: string) => {
    setMessage(text);
    list.reload();
  };

  /** ↑ ↓ between the cases of a column, ← → to the first case of the next column; Home/End within the column. */
  const onKeyDown = (event: KeyboardEvent) => {
    const card = (event.target as HTMLElement).closest?.('article.case-card');
    if (!card || event.target !== card || !board.current) return;
    const columnsEls = [...board.current.querySelectorAll<HTMLElement>('section.board-column')];
    const column = card.closest('section.board-column') as HTMLElement;
    const cards = [...column.querySelectorAll<HTMLElement>('article.case-card')];
    const index = cards.indexOf(card as HTMLElement);
    let next: HTMLElement | undefined;
    if (event.key === 'ArrowDown') next = cards[index + 1];
    else if (event.key === 'ArrowUp') next = cards[index - 1];
    else if (event.key === 'Home') next = cards[0];
    else if (event.key === 'End') next = cards.at(-1);
    else if (event.key === 'ArrowRight' || event.key === 'ArrowLeft') {
      const at = columnsEls.indexOf(column) + (event.key === 'ArrowRight' ? 1 : -1);
      next = columnsEls[at]?.querySelector<HTMLElement>('article.case-card') ?? undefined;
    }
    if (next) {
      event.preventDefault();
      next.focus();
    }
  };

  return (
    <div class="board-page">
      <h1>{t.title}</h1>
      <p class="hint">
        {t.intro} {t.keys}
      </p>
      <div class="filters">
        <label>
          {t.filter} <input type="search" value={filter} onInput={(e) => setFilter(e.currentTarget.value)} />
        </label>
        <label>
          <input type="checkbox" checked={onlyOverdue} onChange={(e) => setOnlyOverdue(e.currentTarget.checked)} /> {t.onlyOverdue}
        </label>
        {list.data && (
          <span class="muted" data-testid="board-count">
            {fill(t.shown, { shown: visible.length, total: cases.length })}
          </span>
        )}
      </div>
      <p class="board-message" role="status" aria-live="polite" data-testid="board-message">
        {message}
      </p>
      {list.error ? (
        <div>
          <Problem error={list.error} />
          <button type="button" onClick={list.reload}>
            {t.retry}
          </button>
        </div>
      ) : null}
      {list.loading && !list.data ? <p aria-busy="true">{t.loading}</p> : null}
      {list.data && cases.length >= API_CAP ? <p class="hint">{fill(t.capped, { n: API_CAP })}</p> : null}
      {list.data && visible.length === 0 ? <p class="muted">{t.empty}</p> : null}
      {columns.length > 0 && (
        <nav class="board-jump" aria-label={t.columns}>
          {t.jump}
          {columns.map(([step, items]) => (
            <button
              type="button"
              class="link"
              key={step}
              onClick={() => board.current?.querySelector<HTMLElement>(`#column-${step} h2`)?.focus()}
            >
              {stepName(step, items[0]?.steps)} ({items.length})
            </button>
          ))}
        </nav>
      )}
      <div class="board" ref={board} onKeyDown={onKeyDown} aria-busy={list.loading}>
        {columns.map(([step, items]) => (
          <Column key={step} step={step} items={items} api={api} session={session} onActed={acted} stepName={stepName} who={who} />
        ))}
      </div>
    </div>
  );
}

/** Open cases by the step they wait on, columns in the catalogue's order, the most pressing case first in each. */
export function groupByWaitingStep(cases: CaseLine[]): Array<[string, CaseLine[]]> {
  const groups = new Map<string, CaseLine[]>();
  for (const c of cases) {
    const key = c.waitingOn ?? c.steps.find((s) => s.status !== 'done')?.key ?? 'approval';
    groups.set(key, [...(groups.get(key) ?? []), c]);
  }
  const rank = (step: string) => (STEP_ORDER.includes(step) ? STEP_ORDER.indexOf(step) : STEP_ORDER.length);
  const urgency = (c: CaseLine) => c.steps.find((s) => s.key === c.waitingOn)?.daysLeft ?? Number.MAX_SAFE_INTEGER;
  return [...groups.entries()]
    .sort(([a], [b]) => rank(a) - rank(b) || a.localeCompare(b))
    .map(([step, items]) => [step, [...items].sort((x, y) => urgency(x) - urgency(y) || x.caseId.localeCompare(y.caseId))]);
}

interface Names {
  stepName: (key: string, steps?: CaseStep[]) => string;
  who: (c: CaseLine) => string;
}

function Column({
  step,
  items,
  api,
  session,
  onActed,
  stepName,
  who,
}: Names & { step: string; items: CaseLine[]; api: Api; session: Session; onActed: (message: string) => void }) {
  const t = useText(TEXT);
  const [shown, setShown] = useState(PAGE);
  const name = stepName(step, items[0]?.steps);
  const titleId = `column-${step}-title`;
  return (
    <section class="board-column" id={`column-${step}`} aria-labelledby={titleId} data-step={step}>
      <h2 id={titleId} tabIndex={-1}>
        {fill(t.column, { step: name })} <span class="count">{fill(t.count, { n: items.length })}</span>
      </h2>
      <ul class="cards">
        {items.slice(0, shown).map((c) => (
          <li key={c.caseId}>
            <CaseCard line={c} api={api} session={session} onActed={onActed} stepName={stepName} who={who} />
          </li>
        ))}
      </ul>
      {items.length > shown && (
        <button type="button" class="secondary" onClick={() => setShown((n) => n + PAGE)}>
          {fill(t.showMore, { n: items.length - shown })}
        </button>
      )}
    </section>
  );
}

function CaseCard({
  line,
  api,
  session,
  onActed,
  stepName,
  who,
}: Names & { line: CaseLine; api: Api; session: Session; onActed: (message: string) => void }) {
  const { t, lang, term } = useNames();
  const [acting, setActing] = useState<{ step: string; action: Action } | null>(null);
  const titleId = `case-${line.caseId}-title`;
  const person = who(line);
  return (
    <article
      class="case-card"
      tabIndex={0}
      aria-label={fill(t.caseLabel, { who: person })}
      data-case-id={line.caseId}
      data-employee-id={line.employeeId}
    >
      <h3 id={titleId}>
        <span class="person" data-testid="case-name">
          {line.name ?? t.noName}
        </span>{' '}
        <span class="muted">{line.employeeId}</span>
      </h3>
      <dl class="case-meta">
        <dt>{t.lastWorkingDay}</dt>
        <dd>{line.lastWorkingDay}</dd>
        <dt>{t.reasonLabel}</dt>
        <dd>{REASONS[line.reason]?.[lang] ?? line.reason}</dd>
        <dt>{t.policyLabel}</dt>
        <dd>
          {line.policy.region} · {term(line.policy.category)} · v{line.policy.version}
        </dd>
        <dt>{t.caseId}</dt>
        <dd class="case-id">{line.caseId}</dd>
      </dl>
      {line.transferOutNotice && <TransferNotice notice={line.transferOutNotice} />}
      <ol class="steps" aria-label={fill(t.steps, { who: person })}>
        {line.steps.map((s) => (
          <StepItem
            key={s.key}
            line={line}
            step={s}
            canAct={mayAct(session, s)}
            acting={acting?.step === s.key ? acting.action : null}
            onAct={(action) => setActing(action ? { step: s.key, action } : null)}
            api={api}
            session={session}
            onActed={onActed}
            stepName={stepName}
            who={who}
          />
        ))}
      </ol>
    </article>
  );
}

function TransferNotice({ notice }: { notice: Notice }) {
  const t = useText(TEXT);
  return (
    <section class="transfer-notice" aria-label={t.notice} data-testid="transfer-notice">
      <h4>
        {t.notice}
        {notice.requestedOn ? <span class="muted"> · {fill(t.noticeFiled, { date: notice.requestedOn })}</span> : null}
      </h4>
      <dl>
        <dt>{t.lastContributionMonth}</dt>
        <dd data-field="lastContributionMonth">{notice.lastContributionMonth}</dd>
        <dt>{t.fileBy}</dt>
        <dd data-field="fileBy">{notice.fileBy}</dd>
        {notice.predictedGapMonths !== undefined && (
          <>
            <dt>{t.gap}</dt>
            <dd data-field="predictedGapMonths" class={notice.predictedGapMonths > 0 ? 'overdue' : undefined}>
              {gapText(t, notice.predictedGapMonths)}
            </dd>
          </>
        )}
      </dl>
      {notice.warnings.length > 0 && (
        <ul class="warnings">
          {notice.warnings.map((w) => (
            <li key={w}>{w}</li>
          ))}
        </ul>
      )}
    </section>
  );
}

const gapText = (t: typeof TEXT.zh, months: number): string =>
  months > 0 ? fill(t.gapMonths, { n: months }) : months < 0 ? fill(t.gapOver, { n: -months }) : t.gapNone;

function stateText(t: typeof TEXT.zh, step: CaseStep): string {
  if (step.status === 'done') return fill(t.done, { date: step.doneOn ?? '' });
  return t[step.status];
}

function dueText(t: typeof TEXT.zh, step: CaseStep): string | null {
  if (step.status === 'done') return null;
  if (!step.dueDate) return t.noDue;
  const days =
    step.overdue && step.daysOverdue > 0
      ? fill(t.overdue, { n: step.daysOverdue })
      : step.daysLeft === 0
        ? t.dueToday
        : step.daysLeft !== null
          ? fill(t.daysLeft, { n: step.daysLeft })
          : '';
  return `${fill(t.due, { date: step.dueDate })}${days ? ` · ${days}` : ''}`;
}

function actionName(t: typeof TEXT.zh, step: CaseStep, action: Action): string {
  if (action === 'complete' && step.key === 'si_transfer_out') return t.act_complete_si;
  return t[`act_${action}`];
}

function StepItem({
  line,
  step,
  canAct,
  acting,
  onAct,
  api,
  session,
  onActed,
  stepName,
  who,
}: Names & {
  line: CaseLine;
  step: CaseStep;
  canAct: boolean;
  acting: Action | null;
  onAct: (action: Action | null) => void;
  api: Api;
  session: Session;
  onActed: (message: string) => void;
}) {
  const { t, lang, term } = useNames();
  const name = stepName(step.key, line.steps);
  const kindOf = (key: string) => step.prerequisites?.find((p) => p.step === key)?.kind;
  const due = dueText(t, step);
  const assignee = step.assignee;
  return (
    <li class={`step step-${step.status}${step.overdue ? ' is-overdue' : ''}`} data-step={step.key} data-status={step.status}>
      <div class="step-head">
        <span class="step-name">{name}</span>
        <span class={`step-state status-${step.status}`} data-testid="step-state">
          {stateText(t, step)}
        </span>
      </div>
      {step.status !== 'done' && step.missing.length > 0 && (
        <p class="step-why">
          {t.lockedWhy}{' '}
          {step.missing.map((m, i) => (
            <span key={m} data-missing={m} data-kind={kindOf(m)}>
              {i > 0 ? '、' : ''}
              {stepName(m, line.steps)}
              {kindOf(m) ? `（${kindOf(m) === 'hard' ? t.hard : t.soft}）` : ''}
            </span>
          ))}
        </p>
      )}
      {due && <p class={`step-due${step.overdue ? ' overdue' : ''}`}>{due}</p>}
      {assignee && step.status !== 'done' && (
        <p class="step-assignee muted">
          {fill(t.assignee, {
            who: `${term(assignee.role)}${assignee.department ? ` · ${DEPARTMENTS[assignee.department]?.[lang] ?? assignee.department}` : ''}`,
          })}
        </p>
      )}
      {canAct && step.status !== 'done' && (
        <div class="step-actions">
          {offeredActions(step).map((action) => (
            <button
              type="button"
              key={action}
              class={action === 'complete' || action === 'request' ? undefined : 'secondary'}
              aria-expanded={acting === action}
              aria-label={fill(t.actionFor, { action: actionName(t, step, action), step: name, who: who(line) })}
              data-action={action}
              onClick={() => onAct(acting === action ? null : action)}
            >
              {actionName(t, step, action)}
            </button>
          ))}
        </div>
      )}
      {acting && (
        <StepForm
          line={line}
          step={step}
          action={acting}
          api={api}
          session={session}
          onClose={() => onAct(null)}
          onActed={onActed}
          stepName={stepName}
          who={who}
        />
      )}
    </li>
  );
}

function StepForm({
  line,
  step,
  action,
  api,
  session,
  onClose,
  onActed,
  stepName,
  who,
}: Names & {
  line: CaseLine;
  step: CaseStep;
  action: Action;
  api: Api;
  session: Session;
  onClose: () => void;
  onActed: (message: string) => void;
}) {
  const t = useText(TEXT);
  // The business day (the service's zone, from the browser's clock): the effective date's default.
  const today = businessToday(session.businessTimeZone);
  const [effectiveDate, setEffectiveDate] = useState(today);
  const [note, setNote] = useState('');
  const [lastPaidMonth, setLastPaidMonth] = useState(line.transferOutNotice?.lastContributionMonth ?? '');
  const [terminationDate, setTerminationDate] = useState('');
  const [override, setOverride] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const first = useRef<HTMLInputElement>(null);
  // In a layout effect, as the form enters the page: in an effect it ran after the next paint, and on a busy machine
  // took the focus from the field a person (or a test) had already clicked into, the typing going to the date.
  useLayoutEffect(() => first.current?.focus(), []);
  const id = `${line.caseId}-${step.key}-${action}`;
  const name = stepName(step.key, line.steps);
  const actionLabel = actionName(t, step, action);
  const needsMonth = step.key === 'si_transfer_out' && action === 'complete';
  const takesTermination = step.key === 'labor_termination' && action === 'complete';
  const softOnly =
    step.status === 'locked' &&
    session.roles.includes('hr_manager') &&
    step.missing.length > 0 &&
    step.missing.every((m) => step.prerequisites?.find((p) => p.step === m)?.kind === 'soft');

  const submit = async (event: Event) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    const data = {
      ...(needsMonth && lastPaidMonth ? { lastPaidMonth } : {}),
      ...(takesTermination && terminationDate ? { terminationDate } : {}),
    };
    try {
      const answer = await api.post<{ notice?: Notice }>(`/api/offboarding/${encodeURIComponent(line.caseId)}/steps/${step.key}`, {
        action,
        effectiveDate,
        ...(note.trim() ? { note: note.trim() } : {}),
        ...(Object.keys(data).length > 0 ? { data } : {}),
        ...(override.trim() ? { override: { reason: override.trim() } } : {}),
      });
      const done = fill(t.doneMessage, { action: actionLabel, step: name, who: who(line) });
      const notice = answer.notice
        ? ` ${fill(t.noticeMessage, {
            month: answer.notice.lastContributionMonth,
            fileBy: answer.notice.fileBy,
            gap: gapText(t, monthsBetween(answer.notice.lastContributionMonth, line.lastWorkingDay.slice(0, 7))),
          })}`
        : '';
      onClose();
      onActed(done + notice);
    } catch (failure) {
      setError(failure);
      setBusy(false);
    }
  };

  return (
    <form class="step-form" onSubmit={(e) => void submit(e)} aria-labelledby={`${id}-title`} data-testid="step-form">
      <h4 id={`${id}-title`}>{fill(t.formTitle, { action: actionLabel, step: name })}</h4>
      <label for={`${id}-date`}>{t.effectiveDate}</label>
      <input
        ref={first}
        id={`${id}-date`}
        type="date"
        required
        max={today}
        value={effectiveDate}
        onInput={(e) => setEffectiveDate(e.currentTarget.value)}
      />
      {needsMonth && (
        <>
          <label for={`${id}-month`}>{t.lastPaidMonth}</label>
          <input id={`${id}-month`} type="month" required value={lastPaidMonth} onInput={(e) => setLastPaidMonth(e.currentTarget.value)} />
        </>
      )}
      {takesTermination && (
        <>
          <label for={`${id}-termination`}>{t.terminationDate}</label>
          <input
            id={`${id}-termination`}
            type="date"
            value={terminationDate}
            min={line.lastWorkingDay}
            onInput={(e) => setTerminationDate(e.currentTarget.value)}
          />
        </>
      )}
      <label for={`${id}-note`}>{action === 'reject' ? t.noteReject : t.note}</label>
      <textarea id={`${id}-note`} rows={2} required={action === 'reject'} value={note} onInput={(e) => setNote(e.currentTarget.value)} />
      {softOnly && (
        <>
          <label for={`${id}-override`}>{t.override}</label>
          <textarea id={`${id}-override`} rows={2} value={override} onInput={(e) => setOverride(e.currentTarget.value)} />
        </>
      )}
      <div class="form-buttons">
        <button type="submit" disabled={busy}>
          {busy ? t.sending : t.submit}
        </button>
        <button type="button" class="secondary" onClick={onClose}>
          {t.cancel}
        </button>
      </div>
      <Problem error={error} />
    </form>
  );
}

/** Whole months from `from` to `to` (YYYY-MM), as the service counts the predicted gap. */
const monthsBetween = (from: string, to: string): number => {
  const [fy, fm] = from.split('-').map(Number);
  const [ty, tm] = to.split('-').map(Number);
  return (ty - fy) * 12 + (tm - fm);
};
