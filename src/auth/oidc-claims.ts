import { isDepartment } from '../domain/policy/assignee';
import { Role } from '../domain/shared/vocabulary';

/**
 * The strings at a claim path: `groups` → claims.groups, `realm_access.roles` →
 * claims.realm_access.roles. A claim whose own name is the whole path wins, since
 * namespaced claims carry dots (`https://hr.example.com/roles`). A single string is
 * read as a list of one (some IdPs send one group so); anything else is no value.
 */
export function claimAt(claims: Record<string, unknown>, path: readonly string[]): string[] | undefined {
  let value: unknown = claims[path.join('.')];
  if (value === undefined) {
    value = claims;
    for (const segment of path) {
      if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
      value = (value as Record<string, unknown>)[segment];
    }
  }
  if (typeof value === 'string') return [value];
  if (!Array.isArray(value)) return undefined;
  return value.filter((v): v is string => typeof v === 'string');
}

/** The service's roles the IdP's names grant, in the order of the map's roles; names the map lacks grant nothing. */
export function mappedRoles(names: readonly string[], map: ReadonlyMap<string, readonly Role[]>): Role[] {
  const roles = new Set<Role>();
  for (const name of names) for (const role of map.get(name) ?? []) roles.add(role);
  return [...roles];
}

/** Department keys at the path (local and IdP tokens alike); an entry that is not one (`IT`, `财务`) is ignored: it matches no policy's assignee. */
export function departmentsAt(claims: Record<string, unknown>, path: readonly string[]): string[] {
  return [...new Set((claimAt(claims, path) ?? []).filter(isDepartment))];
}
