import { Role } from '../shared/vocabulary';
import { Assignee, StepDefinition } from './policy';

/**
 * A department as policies and tokens name it: a lower-case slug (`hr`, `it`,
 * `finance`, `assets`, `academic_affairs`), so that a policy and a token from
 * the identity provider compare equal without case or spelling rules.
 */
export const DEPARTMENT = /^[a-z][a-z0-9_]{1,39}$/;
export const isDepartment = (value: unknown): value is string => typeof value === 'string' && DEPARTMENT.test(value);

/** The department a step belongs to when its policy names none: HR ran every step before assignees existed. */
export const DEFAULT_DEPARTMENT = 'hr';

/** The roles that act on steps: the others (auditor, investigator) only read. */
export const ASSIGNABLE_ROLES: readonly Role[] = ['hr_specialist', 'hr_manager', 'admin'];

/**
 * Who does a step. Policies published (and cases pinned) before assignees existed
 * have none: the role the step required (the approval: hr_manager), else an
 * hr_specialist, of HR. So every pinned policy still loads and every step has someone.
 */
export function assigneeOf(step: Pick<StepDefinition, 'assignee' | 'role'>): Assignee {
  return step.assignee ?? { role: step.role ?? 'hr_specialist', department: DEFAULT_DEPARTMENT };
}
