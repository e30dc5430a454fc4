import { employeeDecider, EmployeeState } from '../domain/employee/employee.decider';
import { employeeEvents } from '../domain/employee/employee.schemas';
import { parseStream } from '../domain/shared/streams';
import { insuranceDecider, InsuranceState } from '../domain/social-insurance/insurance.decider';
import { insuranceEvents } from '../domain/social-insurance/insurance.schemas';
import { insuranceState, StoredInsurance, storedInsurance } from '../domain/social-insurance/paid-runs';
import { RecordedEvent } from '../infrastructure/event-store/event-store.port';
import { ReadDocument } from '../infrastructure/read-store/read-store.port';
import { Projection, ProjectionView } from '../projections/projection';
import { PersonalDataRef } from './profile-personal-data';

/**
 * One document per employee: the archive and the social-insurance account,
 * folded with the deciders' own `evolve` (so the read side can never disagree
 * with the rules), plus top-level copies of the fields lists filter on.
 *
 * No personal data: `employee.personalData` is always null here, and
 * `personalDataRef` says which sealed event the API opens at read time
 * (profile-personal-data.ts). The runner hands this projection the events opened
 * (in the projection worker too); they stay in memory, never in the document.
 */
export interface EmployeeProfileDocument extends ReadDocument {
  employeeId: string;
  status: EmployeeState['status'];
  orgUnit: string | null;
  region: string | null;
  category: string | null;
  employee: EmployeeState;
  /** Paid months as runs (paid-runs.ts); a generation before version 5 holds the decider's state itself: read it through insuranceState. */
  insurance: StoredInsurance | InsuranceState | null;
  /** The latest PersonalDataRecorded of the archive; null when none, or once erased. */
  personalDataRef: PersonalDataRef | null;
  updatedAt: string | null;
}

export const EMPLOYEE_PROFILES = 'employee_profiles';

const blank = (employeeId: string): EmployeeProfileDocument => ({
  id: employeeId,
  employeeId,
  status: 'none',
  orgUnit: null,
  region: null,
  category: null,
  employee: employeeDecider.initialState,
  insurance: null,
  personalDataRef: null,
  updatedAt: null,
});

export const employeeProfiles: Projection = {
  name: 'employee_profiles',
  // 2: the archive state gained personalDataErased (PersonalDataErased nulls the personal data).
  // 3: the archive state gained the wage history (wages) and payroll's monthly records (monthlyPay).
  // 4: personal data left the document for personalDataRef; the rebuild drops the generations that held it in clear.
  // 5: the account's paid months as runs (paid-runs.ts).
  version: 5,
  collections: {
    [EMPLOYEE_PROFILES]: [{ fields: ['orgUnit'] }, { fields: ['region', 'category'] }, { fields: ['status'] }],
  },
  async handle(event: RecordedEvent, view: ProjectionView): Promise<void> {
    const stream = parseStream(event.stream);
    if (stream?.kind !== 'employee' && stream?.kind !== 'insurance') return;
    const doc = (await view.get<EmployeeProfileDocument>(EMPLOYEE_PROFILES, stream.employeeId)) ?? blank(stream.employeeId);
    if (stream.kind === 'employee') {
      doc.employee = withoutPersonalData(employeeDecider.evolve(doc.employee, employeeEvents.read(event)));
      if (event.type === 'PersonalDataRecorded') doc.personalDataRef = { revision: event.revision.toString(), eventId: event.id };
      if (event.type === 'PersonalDataErased') doc.personalDataRef = null;
      if (doc.employee.status !== 'none') {
        doc.status = doc.employee.status;
        doc.orgUnit = doc.employee.orgUnit;
        doc.region = doc.employee.region;
        doc.category = doc.employee.category;
      }
    } else {
      const account = doc.insurance ? insuranceState(doc.insurance) : insuranceDecider.initialState;
      doc.insurance = storedInsurance(insuranceDecider.evolve(account, insuranceEvents.read(event)));
    }
    doc.updatedAt = typeof event.metadata.recordedAt === 'string' ? event.metadata.recordedAt : doc.updatedAt;
    view.upsert(EMPLOYEE_PROFILES, doc);
  },
};

/** Folded with the personal data (evolve's contract), stored without it. */
function withoutPersonalData(state: EmployeeState): EmployeeState {
  return state.status === 'none' ? state : { ...state, personalData: null };
}
