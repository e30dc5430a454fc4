import { CommandBus } from '@nestjs/cqrs';
import { createHash } from 'node:crypto';
import { FILING_STEP, FilingKind, ReceiptField, ReceiptTemplate, RECEIPT_IDENTIFIERS } from '../domain/filing/filing-template';
import { normalizedWord } from '../domain/filing/validate-filing-templates';
import { offboardingDecider, OffboardingState, transferStatus } from '../domain/offboarding/offboarding.decider';
import { IsoDate, IsoMonth } from '../domain/shared/calendar';
import { offboardingStream } from '../domain/shared/streams';
import { Actor } from '../domain/shared/vocabulary';
import { loadState } from '../event-sourcing/command-handler';
import { EventStore } from '../infrastructure/event-store/event-store.port';
import {
  columnHeader,
  FieldSpec,
  FileRejectedError,
  ImportSession,
  Problem,
  readSheet,
  rejected,
  RowReader,
  RowRejected,
  RowRun,
  Table,
  tableOf,
} from '../import';
import { CaseDocument, PerformOffboardingStep, StepPerformed } from '../offboarding';
import { ReceiptReport, ReceiptRowView } from './filings.dto';
import { FilingCases } from './filing-cases';

interface ReceiptRow {
  caseId?: string;
  employeeId?: string;
  idNumber?: string;
  accepted: boolean;
  reason?: string;
  processedOn?: IsoDate;
  filedOn?: IsoDate;
  lastPaidMonth?: IsoMonth;
  terminationDate?: IsoDate;
}

export interface ReceiptInput {
  kind: FilingKind;
  region: string;
  template: ReceiptTemplate;
  file: { bytes: Buffer; fileName: string };
  encoding?: string;
  actor: Actor;
  recordedAt: Date;
  correlationId: string;
}

type Outcome = 'completed' | 'rejected' | 'already_recorded';

/**
 * The bureau's receipt (回执), row by row, through the import machinery (src/import:
 * the sheet and row readers, the row's commands on the command bus with the file's
 * hash and the row as their key) and the step route's own command
 * (PerformOffboardingStep), so the same deciders, refusal log and events as a person
 * recording the answer. A row names its case by case id, employee id or ID number;
 * an accepted row completes the step, a rejected one records the bureau's reason
 * (退单 / 驳回: the step may be filed again). Where the case holds no filing yet for
 * the 减员, the receipt proves one was made: it is recorded first (request) on the
 * filing date. A row's problem is reported and the next row goes on.
 *
 * Idempotent twice over: the same file again finds its own events by their keys, and
 * a case that already holds the row's answer (from another file, or by hand) is
 * reported as already recorded, without a command.
 */
export async function importReceipt(
  input: ReceiptInput,
  commands: CommandBus,
  store: EventStore,
  cases: FilingCases,
): Promise<ReceiptReport> {
  const { kind, region, template, file } = input;
  const sheet = await readSheet(file.bytes, file.fileName, input.encoding === 'utf8' ? 'utf-8' : input.encoding);
  const fields = receiptFields(template);
  const table = tableOf(sheet, fields, {}, `${kind} receipt`);
  if (!RECEIPT_IDENTIFIERS.some((f) => table.columns.has(f))) {
    const headers = fields.filter((f) => RECEIPT_IDENTIFIERS.includes(f.key as ReceiptField)).map((f) => f.zh);
    throw new FileRejectedError(
      `回执中没有可识别案件的列（${headers.join('、')}）`,
      `the receipt has no column that identifies the case (${headers.join(', ')})`,
    );
  }
  const session: ImportSession = {
    kind: `${kind}-receipt`,
    store,
    commands,
    actor: input.actor,
    fileSha256: createHash('sha256').update(file.bytes).digest('hex'),
    fileName: file.fileName,
    runId: `receipt-${input.correlationId}`,
    clock: () => input.recordedAt,
    headAtStart: await store.headPosition(),
    employees: new Map(),
    fieldOf: (domainField) => DOMAIN_FIELDS[domainField] ?? (fields.some((f) => f.key === domainField) ? domainField : undefined),
  };
  const matcher = new CaseMatcher(cases, region);
  const report: ReceiptReport = {
    kind,
    region,
    fileName: file.fileName,
    fileSha256: session.fileSha256,
    format: sheet.format,
    ...(sheet.encoding ? { encoding: sheet.encoding } : {}),
    rowsRead: table.rows.length,
    completed: 0,
    rejected: 0,
    alreadyRecorded: 0,
    errors: 0,
    ignoredColumns: table.ignored,
    rows: [],
  };
  const results = resultWords(template);
  for (const row of table.rows) {
    const reader = new RowReader(row, table, fields, sheet.date1904);
    const value = readRow(reader, table, results);
    let line: ReceiptRowView;
    if (!value || reader.problems.length > 0) line = errorLine(row.row, reader.problems, table, fields);
    else {
      const run = new RowRun(session, row.row, store);
      try {
        const caseId = await matcher.caseOf(value);
        const outcome = await applyRow(kind, value, caseId, run, store);
        line = { row: row.row, outcome, caseId };
      } catch (error) {
        if (!(error instanceof RowRejected)) throw error;
        line = errorLine(row.row, error.problems, table, fields);
      }
    }
    if (line.outcome === 'completed') report.completed++;
    else if (line.outcome === 'rejected') report.rejected++;
    else if (line.outcome === 'already_recorded') report.alreadyRecorded++;
    else report.errors++;
    report.rows.push(line);
  }
  return report;
}

/** Fields named in the deciders' refusals, as the receipt's. */
const DOMAIN_FIELDS: Record<string, ReceiptField> = {
  effectiveDate: 'processedOn',
  'data.lastPaidMonth': 'lastPaidMonth',
  'data.terminationDate': 'terminationDate',
};

function receiptFields(template: ReceiptTemplate): FieldSpec[] {
  return template.columns.map((c) => ({
    key: c.field,
    zh: c.header,
    aliases: [c.header, ...(c.aliases ?? [])],
    required: c.field === 'result',
  }));
}

function resultWords(template: ReceiptTemplate) {
  const words = new Map<string, boolean>([
    ...template.accepted.map((w) => [normalizedWord(w), true] as const),
    ...template.rejected.map((w) => [normalizedWord(w), false] as const),
  ]);
  return { accepted: [...template.accepted, ...template.rejected], lookup: (value: string) => words.get(normalizedWord(value)) };
}

function readRow(r: RowReader, table: Table, results: ReturnType<typeof resultWords>): ReceiptRow | undefined {
  const identified = RECEIPT_IDENTIFIERS.some((f) => r.has(f));
  if (!identified) {
    r.problem(
      // Reported on the receipt's first identifying column (there is one: checked before the rows).
      RECEIPT_IDENTIFIERS.find((f) => table.columns.has(f)) ?? 'idNumber',
      'MISSING_VALUE',
      () => '该行没有案件编号、工号或身份证号，无法对应到离职案件',
      () => 'the row has no case id, employee id or ID number to find its case by',
    );
  }
  const result = r.text('result');
  const accepted = result === undefined ? undefined : results.lookup(result);
  if (result !== undefined && accepted === undefined) {
    // The bureau's words are shown: they are never personal data.
    r.problem(
      'result',
      'UNKNOWN_VALUE',
      (h) => `「${h}」的值无法识别（可填：${results.accepted.join('、')}）`,
      (k) => `${k} is not one of the template's words (${results.accepted.join(', ')})`,
    );
  }
  const row: ReceiptRow = {
    caseId: r.text('caseId', { optional: true }),
    employeeId: r.text('employeeId', { optional: true }),
    idNumber: r.has('idNumber') ? r.residentId('idNumber') : undefined,
    accepted: accepted ?? false,
    reason: r.text('reason', { optional: accepted !== false }),
    processedOn: r.date('processedOn', { optional: true }),
    filedOn: r.date('filedOn', { optional: true }),
    lastPaidMonth: r.month('lastPaidMonth', { optional: true }),
    terminationDate: r.date('terminationDate', { optional: true }),
  };
  return r.problems.length === 0 ? row : undefined;
}

function errorLine(row: number, problems: Problem[], table: Table, fields: FieldSpec[]): ReceiptRowView {
  return {
    row,
    outcome: 'error',
    problems: problems.map((p) => ({ column: columnHeader(table, fields, p.field), code: p.code, zh: p.zh, en: p.en })),
  };
}

/**
 * The case of a row: by case id, else the employee's latest case, else the latest case of
 * the person with that ID number (opened from the sealed personal data, only when a row
 * needs it). The region's open cases are looked in first; its completed ones (a receipt
 * imported again after the last step) only for a row no open case matches, so that the
 * ID numbers of people who left long ago are opened only when needed.
 */
class CaseMatcher {
  private readonly tiers: Array<{ status: 'open' | 'completed'; index?: CaseIndex }> = [{ status: 'open' }, { status: 'completed' }];

  constructor(
    private readonly cases: FilingCases,
    private readonly region: string,
  ) {}

  async caseOf(row: ReceiptRow): Promise<string> {
    const field: ReceiptField = row.caseId ? 'caseId' : row.employeeId ? 'employeeId' : 'idNumber';
    for (const tier of this.tiers) {
      tier.index ??= new CaseIndex(this.cases, await this.cases.cases(this.region, [tier.status]));
      const found = row.caseId
        ? tier.index.byCase(row.caseId)
        : row.employeeId
          ? tier.index.byEmployee.get(row.employeeId)
          : (await tier.index.byIdNumber()).get(row.idNumber!);
      if (found) return found;
    }
    throw rejected(
      field,
      'CASE_NOT_FOUND',
      `${this.region} 没有与该行对应的离职案件（按${FIELD_ZH[field]}查找）`,
      `no offboarding case in ${this.region} matches the row (by ${field})`,
    );
  }
}

/** One status's cases of the region, latest opened first: the first case seen of an employee is their latest. */
class CaseIndex {
  readonly byEmployee = new Map<string, string>();
  private readonly ids: Set<string>;
  private idNumbers: Map<string, string> | null = null;

  constructor(
    private readonly cases: FilingCases,
    docs: CaseDocument[],
  ) {
    this.ids = new Set(docs.map((d) => d.caseId));
    for (const doc of docs) if (!this.byEmployee.has(doc.employeeId)) this.byEmployee.set(doc.employeeId, doc.caseId);
  }

  byCase = (caseId: string): string | undefined => (this.ids.has(caseId) ? caseId : undefined);

  async byIdNumber(): Promise<Map<string, string>> {
    if (this.idNumbers) return this.idNumbers;
    this.idNumbers = new Map();
    for (const [employeeId, caseId] of this.byEmployee) {
      const { personal } = await this.cases.employee(employeeId);
      if (personal && !this.idNumbers.has(personal.idNumber)) this.idNumbers.set(personal.idNumber, caseId);
    }
    return this.idNumbers;
  }
}

const FIELD_ZH: Record<string, string> = { caseId: '案件编号', employeeId: '工号', idNumber: '身份证号' };

/** The row's answer on its case, through PerformOffboardingStep as the step route sends it. */
async function applyRow(kind: FilingKind, row: ReceiptRow, caseId: string, run: RowRun, store: EventStore): Promise<Outcome> {
  const state = await loadState(store, offboardingStream(caseId), offboardingDecider);
  const step = FILING_STEP[kind];
  const answeredOn = row.processedOn ?? run.today();
  if (alreadyRecorded(kind, state, row, answeredOn)) return 'already_recorded';
  const perform = (
    slot: string,
    action: 'request' | 'complete' | 'reject',
    effectiveDate: IsoDate,
    extra: { note?: string; data?: object } = {},
  ) =>
    run.execute<StepPerformed>(
      { slot, effectiveDate, field: slot === 'request' ? 'filedOn' : 'processedOn' },
      (context) => new PerformOffboardingStep(caseId, step, { action, effectiveDate, ...extra }, context),
    );

  const outcome = (): Outcome => (!run.wrote ? 'already_recorded' : row.accepted ? 'completed' : 'rejected');
  if (kind === 'labor_termination') {
    if (!row.accepted) await perform('reject', 'reject', answeredOn, { note: row.reason });
    else await perform('complete', 'complete', answeredOn, row.terminationDate ? { data: { terminationDate: row.terminationDate } } : {});
    return outcome();
  }
  // The receipt answers a filing: where the case holds none (not made through the service, or made again after a 退单), it is recorded first.
  let lastContributionMonth = state.status === 'none' ? undefined : state.transferAttempts.at(-1)?.notice.lastContributionMonth;
  if (state.status === 'open' && transferStatus(state) !== 'requested' && state.done.si_transfer_out === undefined) {
    const filed = await perform('request', 'request', row.filedOn ?? answeredOn);
    lastContributionMonth = filed.notice?.lastContributionMonth ?? lastContributionMonth;
  }
  if (!row.accepted) await perform('reject', 'reject', answeredOn, { note: row.reason });
  // The bureau's last paid month when the receipt gives it, else the month its rule predicted for the filing.
  else await perform('complete', 'complete', answeredOn, { data: { lastPaidMonth: row.lastPaidMonth ?? lastContributionMonth } });
  // A row whose commands all found their events (the same file again) recorded nothing.
  return outcome();
}

/** Whether the case already holds this row's answer: the step done (accepted), or this rejection on this day. */
function alreadyRecorded(kind: FilingKind, state: OffboardingState, row: ReceiptRow, answeredOn: IsoDate): boolean {
  if (state.status === 'none') return false;
  if (row.accepted) return state.done[FILING_STEP[kind]] !== undefined;
  const reason = row.reason?.trim();
  if (kind === 'labor_termination')
    return (state.laborTerminationRejections ?? []).some((r) => r.reason === reason && r.rejectedOn === answeredOn);
  return state.transferAttempts.some((a) => a.rejectionReason === reason && a.rejectedOn === answeredOn);
}
