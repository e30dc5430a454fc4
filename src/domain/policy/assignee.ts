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

/**
 * One string per assignee (`<role>@<department>`, `<role>@` without a department)
 * so that a worklist query finds a caller's tasks with one `$in` on an indexed field.
 */
export const audienceKey = ({ role, department }: Assignee): string => `${role}@${department ?? ''}`;

/**
 * The assignees whose tasks a caller does: each role they hold, without a
 * department or in one of theirs; and, for an hr_manager, every task of their
 * departments, whoever it is assigned to (they answer for the department's work).
 */
export function visibleAudienceKeys(roles: readonly Role[], departments: readonly string[]): string[] {
  const keys = new Set<string>();
  for (const role of roles) {
    keys.add(audienceKey({ role }));
    for (const department of departments) keys.add(audienceKey({ role, department }));
  }
  if (roles.includes('hr_manager')) {
    for (const role of ASSIGNABLE_ROLES) for (const department of departments) keys.add(audienceKey({ role, department }));
  }
  return [...keys].sort();
}
