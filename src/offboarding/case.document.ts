import { OffboardingState } from '../domain/offboarding/offboarding.decider';
import { ReadDocument } from '../infrastructure/read-store/read-store.port';

/** What lists filter and sort cases on, kept beside each folded case. */
export interface CaseFields {
  caseId: string;
  employeeId: string;
  status: 'open' | 'completed' | 'cancelled';
  region: string;
  category: string;
  openedAt: string;
}

/**
 * One case as its readers get it: the case folded with the decider's own `evolve`, policy
 * included, plus the fields lists filter on. Kept by case-view.projection.ts, read back
 * whole by case-documents.ts, summarised by case.view.ts; apart from all three so none imports another.
 */
export interface CaseDocument extends ReadDocument, CaseFields {
  state: OffboardingState;
}
