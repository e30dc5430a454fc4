/** Who is signed in: the token (kept for this tab only) and what the service read from it (GET /api/session). */
export type Role = 'hr_specialist' | 'hr_manager' | 'auditor' | 'investigator' | 'admin';

export interface Session {
  token: string;
  subject: string;
  roles: Role[];
  departments: string[];
  seesPersonalData: boolean;
  /** BUSINESS_TIME_ZONE: times are shown and read in it (business-time.ts). */
  businessTimeZone: string;
}

/**
 * sessionStorage, not localStorage: the issue asks for the tab only, and a bearer token that
 * outlives the tab is one more copy of a credential on a shared office machine.
 */
const TOKEN_KEY = 'ledger.console.token';

export const storedToken = (): string | null => sessionStorage.getItem(TOKEN_KEY);
export const keepToken = (token: string): void => sessionStorage.setItem(TOKEN_KEY, token);
export const forgetToken = (): void => sessionStorage.removeItem(TOKEN_KEY);

/**
 * What the console offers to whom: the same lists as the API's routes (docs/API.md, Auth).
 * Hiding is for clarity only; the service refuses a forbidden call whatever the page shows.
 */
const MAY: Record<string, readonly Role[]> = {
  operateSteps: ['hr_specialist', 'hr_manager'],
  approve: ['hr_manager'],
  readAudit: ['auditor', 'admin'],
  readDashboard: ['hr_manager', 'auditor', 'investigator', 'admin'],
  exportEvidence: ['auditor', 'investigator', 'admin'],
};
export type Permission = keyof typeof MAY;

export const may = (session: Session, permission: Permission): boolean => session.roles.some((r) => MAY[permission].includes(r));
