import { claimAt, departmentsAt, mappedRoles } from '../../src/auth/oidc-claims';
import { Role } from '../../src/domain/shared/vocabulary';

describe('the role claim of an identity provider’s token', () => {
  const keycloak = {
    sub: 'u1',
    realm_access: { roles: ['offline_access', 'hr-managers'] },
    resource_access: { 'hr-console': { roles: ['auditors'] } },
    groups: ['/hr/specialists'],
    'https://hr.example.com/roles': ['hr-leads'],
    single: 'hr-managers',
  };

  it('follows a dotted path, a top-level name and a namespaced claim whose name holds dots', () => {
    expect(claimAt(keycloak, ['realm_access', 'roles'])).toEqual(['offline_access', 'hr-managers']);
    expect(claimAt(keycloak, ['resource_access', 'hr-console', 'roles'])).toEqual(['auditors']);
    expect(claimAt(keycloak, ['groups'])).toEqual(['/hr/specialists']);
    expect(claimAt(keycloak, 'https://hr.example.com/roles'.split('.'))).toEqual(['hr-leads']);
  });

  it('reads a single string as one name, keeps only strings, and says when there is no such claim', () => {
    expect(claimAt(keycloak, ['single'])).toEqual(['hr-managers']);
    expect(claimAt({ roles: ['a', 1, null, { x: 1 }, 'b'] }, ['roles'])).toEqual(['a', 'b']);
    expect(claimAt(keycloak, ['realm_access', 'missing'])).toBeUndefined();
    expect(claimAt(keycloak, ['groups', 'roles'])).toBeUndefined();
    expect(claimAt({ roles: 7 }, ['roles'])).toBeUndefined();
    expect(claimAt({}, ['roles'])).toBeUndefined();
  });

  it('maps names onto the service’s roles once each; names the map lacks grant nothing', () => {
    const map = new Map<string, Role[]>([
      ['hr-managers', ['hr_manager']],
      ['hr-leads', ['hr_manager', 'auditor']],
      ['/hr/specialists', ['hr_specialist']],
    ]);
    expect(mappedRoles(['offline_access', 'hr-managers', 'hr-leads'], map)).toEqual(['hr_manager', 'auditor']);
    expect(mappedRoles(['/hr/specialists'], map)).toEqual(['hr_specialist']);
    // The service's own role names are not roles of the IdP's unless mapped.
    expect(mappedRoles(['admin', 'hr_manager'], map)).toEqual([]);
  });

  it('takes department keys from a path, ignoring what is not one', () => {
    expect(departmentsAt({ org: { departments: ['hr', 'IT', 'finance', 'hr', 3] } }, ['org', 'departments'])).toEqual(['hr', 'finance']);
    expect(departmentsAt({}, ['departments'])).toEqual([]);
  });
});
