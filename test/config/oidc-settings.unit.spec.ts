import { loadConfig } from '../../src/config/config';
import { configProblems as problemsOf } from './config-problems';

const base = {
  OIDC_ISSUER: 'https://sso.example.com/realms/hr',
  OIDC_AUDIENCE: 'offboarding-ledger',
  OIDC_ROLE_MAP: 'hr-specialists:hr_specialist,hr-managers:hr_manager',
};

describe('OIDC_* configuration', () => {
  it('is off by default: local tokens only', () => {
    expect(loadConfig({}).oidc).toBeUndefined();
  });

  it('reads an issuer with its defaults: discovery beside it, RS256/ES256/EdDSA, 30 s of skew and cooldown, roles in `roles`', () => {
    const oidc = loadConfig(base).oidc!;
    expect(oidc).toMatchObject({
      issuer: 'https://sso.example.com/realms/hr',
      discoveryUrl: 'https://sso.example.com/realms/hr/.well-known/openid-configuration',
      audience: 'offboarding-ledger',
      rolesClaim: ['roles'],
      departmentsClaim: ['departments'],
      algorithms: ['RS256', 'ES256', 'EdDSA'],
      clockSkewSeconds: 30,
      jwksCooldownSeconds: 30,
      scopes: 'openid profile',
    });
    expect(oidc.jwksUrl).toBeUndefined();
    expect(oidc.clientId).toBeUndefined();
    expect([...oidc.roleMap]).toEqual([
      ['hr-specialists', ['hr_specialist']],
      ['hr-managers', ['hr_manager']],
    ]);
  });

  it('takes the discovery URL for the issuer, a JWKS URL, a dotted role claim and a name granting two roles', () => {
    const oidc = loadConfig({
      ...base,
      OIDC_ISSUER: 'https://sso.example.com/realms/hr/.well-known/openid-configuration',
      OIDC_JWKS_URL: 'https://sso.example.com/realms/hr/protocol/openid-connect/certs',
      OIDC_ROLES_CLAIM: 'realm_access.roles',
      OIDC_ROLE_MAP: 'urn:group:hr-leads:hr_manager, urn:group:hr-leads:auditor',
      OIDC_CLIENT_ID: 'hr-console',
    }).oidc!;
    expect(oidc.issuer).toBe('https://sso.example.com/realms/hr');
    expect(oidc.jwksUrl).toBe('https://sso.example.com/realms/hr/protocol/openid-connect/certs');
    expect(oidc.rolesClaim).toEqual(['realm_access', 'roles']);
    expect([...oidc.roleMap]).toEqual([['urn:group:hr-leads', ['hr_manager', 'auditor']]]);
    expect(oidc.clientId).toBe('hr-console');
  });

  it.each([
    ['OIDC_ISSUER', 'not a url'],
    ['OIDC_ISSUER', 'http://sso.example.com/realms/hr'],
    ['OIDC_ISSUER', 'https://sso.example.com/realms/hr?x=1'],
    ['OIDC_JWKS_URL', 'ftp://sso.example.com/certs'],
    ['OIDC_ROLE_MAP', 'hr-specialists:hr_specialst'],
    ['OIDC_ROLE_MAP', 'hr-specialists'],
    ['OIDC_ROLE_MAP', ':admin'],
    ['OIDC_ROLES_CLAIM', 'realm_access..roles'],
    ['OIDC_ALGORITHMS', 'RS256,HS256'],
    ['OIDC_ALGORITHMS', 'none'],
    ['OIDC_CLOCK_SKEW_SECONDS', '301'],
    ['OIDC_CLOCK_SKEW_SECONDS', '-1'],
    ['OIDC_JWKS_COOLDOWN_SECONDS', '1.5'],
  ])('stops start-up naming %s for %j', (name, value) => {
    const problems = problemsOf({ ...base, [name]: value });
    expect(problems).toEqual([expect.stringMatching(new RegExp(`^${name}: `))]);
  });

  it('names the unknown role and the roles there are', () => {
    expect(problemsOf({ ...base, OIDC_ROLE_MAP: 'hr:superuser' })[0]).toMatch(
      /^OIDC_ROLE_MAP: .*superuser.*hr_specialist, hr_manager, auditor, investigator, admin/,
    );
  });

  it('accepts plain http only for an IdP on this machine', () => {
    expect(loadConfig({ ...base, OIDC_ISSUER: 'http://127.0.0.1:8080/realms/hr' }).oidc!.issuer).toBe('http://127.0.0.1:8080/realms/hr');
    expect(loadConfig({ ...base, OIDC_ISSUER: 'http://localhost:8080/realms/hr' }).oidc).toBeDefined();
  });

  it('needs the audience and the role map with an issuer, and an issuer for any other OIDC_ variable', () => {
    expect(problemsOf({ OIDC_ISSUER: base.OIDC_ISSUER })).toEqual([
      expect.stringMatching(/^OIDC_AUDIENCE: required/),
      expect.stringMatching(/^OIDC_ROLE_MAP: required/),
    ]);
    expect(problemsOf({ OIDC_AUDIENCE: 'x', OIDC_CLIENT_ID: 'hr-console' })).toEqual([
      expect.stringMatching(/^OIDC_AUDIENCE: needs OIDC_ISSUER/),
      expect.stringMatching(/^OIDC_CLIENT_ID: needs OIDC_ISSUER/),
    ]);
  });
});
