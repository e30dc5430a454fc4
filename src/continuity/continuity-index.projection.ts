import { firstGapMonthAfter, OpenGap, openGaps, openGapsAfter } from '../domain/continuity/continuity';
import { employeeEvents } from '../domain/employee/employee.schemas';
import { IsoMonth } from '../domain/shared/calendar';
import { InsuranceType } from '../domain/shared/vocabulary';
import { parseStream } from '../domain/shared/streams';
import { insuranceDecider, InsuranceState } from '../domain/social-insurance/insurance.decider';
import { insuranceEvents } from '../domain/social-insurance/insurance.schemas';
import { insuranceState, StoredInsurance, storedInsurance } from '../domain/social-insurance/paid-runs';
import { RecordedEvent } from '../infrastructure/event-store/event-store.port';
import { ReadDocument } from '../infrastructure/read-store/read-store.port';
import { Projection, ProjectionView } from '../projections/projection';
import { CONTINUITY_GAP_COUNTS, Counted, countedIn, GapCountsDocument, moveCount } from './gap-counts';

/**
 * One document per employee with what the continuity-gaps report filters on.
 *
 * The report asks "which employees have a gap up to `through`?" for any month.
 * `firstGapMonth` answers it with one range condition (firstGapMonth <= through)
 * and is exact: the due months up to `through` are the due months of an unbounded
 * account cut at `through`, so a gap up to `through` exists exactly when the first
 * gap month of the unbounded account lies on or before it (see firstGapMonth).
 * It is carried from event to event (firstGapMonthAfter): a contribution resumes
 * the search where the first gap stood instead of walking the person's whole
 * history again, which made every event cost more the longer the history.
 *
 * The account itself is folded here with the decider's own `evolve` (as the
 * profile does), so that a page's rows are computed from the same state the
 * filter was, whatever the other projections' progress. It is kept apart, in
 * `continuity_accounts`, which the report never reads: the index document holds
 * each type's gaps with no `through` (openGaps, carried from event to event as
 * firstGapMonth is), and a row's gaps up to `through` are these cut at it
 * (gapsUpTo). Reading the accounts (~10 kB of paid months each) and walking them
 * for every row was most of a page's time. Names are not copied: personal data
 * stays in the profile, read for the page's rows only.
 *
 * The report's total comes from `continuity_gap_counts` (gap-counts.ts), kept by
 * this projection in the same batches: counting the matching index entries read
 * every one of them, and at 100,000 employees nearly all have a gap up to the
 * month before this one (a trailing gap until the month is paid).
 */
export interface ContinuityIndexDocument extends ReadDocument {
  employeeId: string;
  orgUnit: string | null;
  region: string | null;
  category: string | null;
  firstGapMonth: IsoMonth | null;
  /** Every enrolled type's gaps, the last of an open period without end (see openGaps). */
  gaps: Partial<Record<InsuranceType, OpenGap[]>>;
}

/**
 * A document of version 1, which held the account itself and no gaps. While
 * version 2 is rebuilt, the generation of version 1 keeps answering and keeps
 * following the log with this code: its documents are read and written in that
 * shape (see handle and continuity-gaps.service.ts).
 */
export interface LegacyContinuityIndexDocument extends ReadDocument {
  employeeId: string;
  orgUnit: string | null;
  region: string | null;
  category: string | null;
  firstGapMonth: IsoMonth | null;
  /** Absent in a version-1 document until an insurance event reaches it. */
  gaps?: Partial<Record<InsuranceType, OpenGap[]>>;
  /** Version 1 only. */
  insurance?: InsuranceState;
}

/** The account the index document's values are computed from, by employee id. */
export interface ContinuityAccountDocument extends ReadDocument {
  /** Paid months as runs (paid-runs.ts); a generation before version 3 holds the decider's state itself. */
  insurance: StoredInsurance | InsuranceState;
}

export const CONTINUITY_INDEX = 'continuity_index';
export const CONTINUITY_ACCOUNTS = 'continuity_accounts';

const blank = (employeeId: string): ContinuityIndexDocument => ({
  id: employeeId,
  employeeId,
  orgUnit: null,
  region: null,
  category: null,
  firstGapMonth: null,
  gaps: {},
});

export const continuityIndex: Projection = {
  name: 'continuity_index',
  // 2: continuity_gap_counts; the account apart, the open gaps in the index.
  // 3: the account's paid months as runs (paid-runs.ts).
  version: 3,
  collections: {
    // The report's equality filters, then its range and order (firstGapMonth, id): no scan, no sort.
    [CONTINUITY_INDEX]: [
      { fields: ['firstGapMonth', 'id'] },
      { fields: ['orgUnit', 'firstGapMonth', 'id'] },
      { fields: ['region', 'firstGapMonth', 'id'] },
      { fields: ['category', 'firstGapMonth', 'id'] },
      { fields: ['region', 'category', 'firstGapMonth', 'id'] },
    ],
    // Read by id only.
    [CONTINUITY_GAP_COUNTS]: [],
    [CONTINUITY_ACCOUNTS]: [],
  },
  async handle(event: RecordedEvent, view: ProjectionView): Promise<void> {
    const stream = parseStream(event.stream);
    if (stream?.kind !== 'employee' && stream?.kind !== 'insurance') return;
    if (stream.kind === 'employee' && event.type !== 'EmployeeHired' && event.type !== 'PositionChanged') return;
    const doc: LegacyContinuityIndexDocument =
      (await view.get<LegacyContinuityIndexDocument>(CONTINUITY_INDEX, stream.employeeId)) ?? blank(stream.employeeId);
    const before = countedIn(doc);
    if (stream.kind === 'employee') {
      const archiveEvent = employeeEvents.read(event);
      if (archiveEvent.type === 'EmployeeHired') {
        const { orgUnit, region, category } = archiveEvent.data;
        Object.assign(doc, { orgUnit, region, category });
      }
      if (archiveEvent.type === 'PositionChanged') doc.orgUnit = archiveEvent.data.orgUnit;
    } else {
      const insuranceEvent = insuranceEvents.read(event);
      const account = await view.get<ContinuityAccountDocument>(CONTINUITY_ACCOUNTS, stream.employeeId);
      const folded = account ? insuranceState(account.insurance) : (doc.insurance ?? insuranceDecider.initialState);
      const insurance = insuranceDecider.evolve(folded, insuranceEvent);
      view.upsert(CONTINUITY_ACCOUNTS, { id: stream.employeeId, insurance: storedInsurance(insurance) });
      doc.firstGapMonth = firstGapMonthAfter(doc.firstGapMonth, insuranceEvent, insurance);
      doc.gaps = doc.gaps ? openGapsAfter(doc.gaps, insuranceEvent, insurance) : openGaps(insurance);
      // A version-1 document (see LegacyContinuityIndexDocument) keeps its account up to date for the reads of its generation.
      if (doc.insurance) doc.insurance = insurance;
    }
    view.upsert(CONTINUITY_INDEX, doc);
    await updateCounts(view, before, countedIn(doc));
  },
};

/** Moves the employee from the month of `before` to that of `after` in each counter document (the same documents when only the month moved). */
async function updateCounts(view: ProjectionView, before: Counted | null, after: Counted | null): Promise<void> {
  if (before?.ids === after?.ids) {
    if (before === null || after === null || before.month === after.month) return;
    for (const id of after.ids) await moveIn(view, id, before.month, after.month);
    return;
  }
  for (const id of before?.ids ?? []) await moveIn(view, id, before!.month, undefined);
  for (const id of after?.ids ?? []) await moveIn(view, id, undefined, after!.month);
}

/**
 * The counter documents a batch has written, by id, per view (one view per batch):
 * a rebuild moves every employee month after month, eight counters per event,
 * and going through the view's get and upsert for each was a quarter of it.
 */
const countersOfBatch = new WeakMap<ProjectionView, Map<string, GapCountsDocument>>();

/**
 * A counter document is got and upserted by the first event of the batch that
 * moves it; later events of the batch change that same object, which the batch
 * holds (documents are passed by reference, see ProjectionView), and it is
 * written as the last of them left it. Its write keeps the first event's
 * position: only MongoDB's replay guard reads it, and a whole batch is replayed
 * from its checkpoint anyway.
 */
async function moveIn(view: ProjectionView, id: string, from: IsoMonth | undefined, to: IsoMonth | undefined): Promise<void> {
  let written = countersOfBatch.get(view);
  if (!written) countersOfBatch.set(view, (written = new Map()));
  let counts = written.get(id);
  if (!counts) {
    counts = (await view.get<GapCountsDocument>(CONTINUITY_GAP_COUNTS, id)) ?? { id, months: {} };
    written.set(id, counts);
    view.upsert(CONTINUITY_GAP_COUNTS, counts);
  }
  moveCount(counts.months, from, to);
}
