import { fromMonthNumber, IsoMonth, monthNumber } from '../shared/calendar';
import { InsuranceType } from '../shared/vocabulary';
import { InsuranceState, PaidMonth } from './insurance.decider';

/**
 * The paid months of an account as runs: consecutive months of one type with the
 * same base and number of corrections. Objects, not tuples: FerretDB, which
 * stands in for MongoDB in the tests, stores no array inside an array.
 *
 * The form read models keep an account in. A month is paid for each type, month
 * after month, at a base that changes about once a year: as a map of months an
 * account is ~40 bytes a month and type (~10 KB after four years of five types),
 * as runs a few runs a type. Two projections keep a person's account (the profile
 * and the continuity index's own), and at a million events those maps were more
 * than the event log holds. Exact both ways: runsOf then paidOf gives the same
 * months with the same bases and corrections.
 */
export interface PaidRun extends PaidMonth {
  from: IsoMonth;
  /** Inclusive. */
  to: IsoMonth;
}
export type PaidRuns = Partial<Record<InsuranceType, PaidRun[]>>;

/** An account as read models store it: its paid months as runs, the rest as the decider folds it. */
export type StoredInsurance = Omit<InsuranceState, 'paid'> & { paidRuns: PaidRuns };

/**
 * The state each stored form was made from. A projection folds a person's events
 * one by one and reads back, within a batch, the very object it stored for the
 * event before: that one is not unpacked again. Sound because neither form is
 * changed once made (evolve returns new states; the stores write copies).
 */
const madeFrom = new WeakMap<StoredInsurance, InsuranceState>();

/**
 * The stored form of a state. Its runs are worked out when first read, which is
 * when the document is written: a batch folds many events of one person, and
 * only the last state of each is written (JSON.stringify and the BSON
 * serializer read the property like any other).
 */
export function storedInsurance(state: InsuranceState): StoredInsurance {
  const { paid, ...rest } = state;
  let runs: PaidRuns | undefined;
  const stored = Object.defineProperty({ ...rest }, 'paidRuns', {
    enumerable: true,
    get: () => (runs ??= runsOf(paid)),
  }) as StoredInsurance;
  madeFrom.set(stored, state);
  return stored;
}

/** The account as the decider folds it, from either form: a generation written before the runs holds the map itself. */
export function insuranceState(stored: StoredInsurance | InsuranceState): InsuranceState {
  if (!('paidRuns' in stored)) return stored;
  const known = madeFrom.get(stored);
  if (known) return known;
  const { paidRuns, ...rest } = stored;
  return { ...rest, paid: paidOf(paidRuns) };
}

export function runsOf(paid: InsuranceState['paid']): PaidRuns {
  const runs: PaidRuns = {};
  for (const [type, months] of Object.entries(paid) as Array<[InsuranceType, Record<IsoMonth, PaidMonth>]>) {
    const typeRuns: PaidRun[] = [];
    let lastNumber = NaN;
    // Months are added in order but for back-payments: sorting is nearly free.
    for (const month of Object.keys(months).sort()) {
      const { base, corrections } = months[month];
      const number = monthNumber(month);
      const last = typeRuns.at(-1);
      if (last && last.base === base && last.corrections === corrections && lastNumber + 1 === number) last.to = month;
      else typeRuns.push({ from: month, to: month, base, corrections });
      lastNumber = number;
    }
    runs[type] = typeRuns;
  }
  return runs;
}

export function paidOf(runs: PaidRuns): InsuranceState['paid'] {
  const paid: InsuranceState['paid'] = {};
  for (const [type, typeRuns] of Object.entries(runs) as Array<[InsuranceType, PaidRun[]]>) {
    const months: Record<IsoMonth, PaidMonth> = {};
    for (const { from, to, base, corrections } of typeRuns) {
      for (let n = monthNumber(from), end = monthNumber(to); n <= end; n++) months[fromMonthNumber(n)] = { base, corrections };
    }
    paid[type] = months;
  }
  return paid;
}
