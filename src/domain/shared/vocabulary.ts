/** The words the domain is written in, as closed lists (docs/API.md). */

export const EMPLOYEE_CATEGORIES = [
  'enterprise_regular',
  'enterprise_contract',
  'school_establishment',
  'school_non_establishment',
] as const;
/** 编制内 (school_establishment) and 编制外 (school_non_establishment) staff of schools; regular and contract staff of companies. */
export type EmployeeCategory = (typeof EMPLOYEE_CATEGORIES)[number];
export const isSchool = (category: EmployeeCategory) => category.startsWith('school_');

export const INSURANCE_TYPES = ['pension', 'medical', 'unemployment', 'work_injury', 'maternity'] as const;
export type InsuranceType = (typeof INSURANCE_TYPES)[number];

export const SEPARATION_REASONS = ['resignation', 'dismissal', 'contract_expiry', 'mutual_agreement', 'retirement'] as const;
export type SeparationReason = (typeof SEPARATION_REASONS)[number];

export const CONTRACT_TYPES = ['fixed_term', 'open_ended', 'task_based'] as const;
export type ContractType = (typeof CONTRACT_TYPES)[number];

export const ROLES = ['hr_specialist', 'hr_manager', 'auditor', 'investigator', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export const STEP_KEYS = [
  'approval',
  'handover',
  'si_transfer_out',
  'housing_fund_transfer',
  'unemployment_filing',
  'labor_termination',
  'termination_certificate',
  'archive_transfer',
  'severance_payment',
  'term_settlement',
  'post_release',
  'establishment_release',
] as const;
export type StepKey = (typeof STEP_KEYS)[number];

/** Who does what (the domain's view of a token): the actor's id and the role they act in. */
export interface Actor {
  id: string;
  role: Role;
  /** Who vouched for `id` when an identity provider did: its issuer (`id` is its subject there). */
  issuer?: string;
}
