import { OffboardingState } from '../domain/offboarding/offboarding.decider';
import { ReadDocument } from '../infrastructure/read-store/read-store.port';

/**
 * One document per case: the case folded with the decider's own `evolve`, plus the fields lists filter on.
 * Written by case-view.projection.ts, summarised by case.view.ts; apart from both so neither imports the other.
 */
export interface CaseDocument extends ReadDocument {
  caseId: string;
  employeeId: string;
  status: 'open' | 'completed' | 'cancelled';
  region: string;
  category: string;
  openedAt: string;
  state: OffboardingState;
}
