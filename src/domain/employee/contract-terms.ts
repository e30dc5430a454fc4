import { IsoDate, isIsoDate } from '../shared/calendar';
import { ContractType } from '../shared/vocabulary';

/**
 * The term of a labour or appointment contract. Chinese contracts name their last
 * day ("至 2023-01-05 止"), so `endDate` is inclusive: a contract ending on the 5th
 * and one starting on the 6th do not overlap; one starting on the 5th does.
 */
export interface ContractTerms {
  contractId: string;
  contractType: ContractType;
  startDate: IsoDate;
  /** Null: open-ended, or task-based with no known end (runs until the task is done). */
  endDate: IsoDate | null;
}

export interface DatesProblem {
  field: 'startDate' | 'endDate';
  message: string;
}

/** Why the dates of a new contract are wrong, or null when they are fine. */
export function contractDatesProblem(
  terms: { contractType: ContractType; startDate: IsoDate; endDate?: IsoDate },
  hireDate: IsoDate,
): DatesProblem | null {
  const { contractType, startDate, endDate } = terms;
  if (!isIsoDate(startDate)) return { field: 'startDate', message: 'startDate must be a real date (YYYY-MM-DD).' };
  // A contract cannot cover time before the employee was hired; the hire date is the first day of the relationship.
  if (startDate < hireDate) return { field: 'startDate', message: `startDate (${startDate}) is before the hire date (${hireDate}).` };
  if (endDate === undefined) {
    // Fixed-term (固定期限) contracts are defined by their end date (Labour Contract Law art. 13).
    if (contractType === 'fixed_term') return { field: 'endDate', message: 'A fixed-term contract needs an endDate.' };
    return null;
  }
  // Open-ended (无固定期限) contracts have no agreed end (art. 14): an end date would contradict the type.
  if (contractType === 'open_ended')
    return { field: 'endDate', message: 'An open-ended contract has no endDate; sign a fixed-term contract instead.' };
  if (!isIsoDate(endDate)) return { field: 'endDate', message: 'endDate must be a real date (YYYY-MM-DD).' };
  // Fixed-term and task-based (以完成一定工作任务为期限, art. 15) contracts must end after they start.
  if (endDate <= startDate) return { field: 'endDate', message: `endDate (${endDate}) must be after startDate (${startDate}).` };
  return null;
}

const FOREVER = '9999-12-31';
const lastDay = (terms: Pick<ContractTerms, 'endDate'>) => terms.endDate ?? FOREVER;

/** The first existing contract whose term shares at least one day with the new one (end dates inclusive). */
export function findOverlap(existing: ContractTerms[], candidate: Pick<ContractTerms, 'startDate' | 'endDate'>): ContractTerms | undefined {
  return existing.find((c) => c.startDate <= lastDay(candidate) && candidate.startDate <= lastDay(c));
}
