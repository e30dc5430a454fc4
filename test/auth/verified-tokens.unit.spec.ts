import { VerifiedTokens } from '../../src/auth/verified-tokens';

describe('verified tokens', () => {
  let now = 1_000;
  const tokens = () => new VerifiedTokens(() => now);
  const principal = { id: 'u1', roles: ['auditor' as const], departments: [] };

  it('knows a verified token by its digest until it expires, then forgets it', () => {
    const t = tokens();
    now = 1_000;
    t.set('d1', principal, { exp: 1_010 });
    expect(t.get('d1')).toBe(principal);
    now = 1_010;
    expect(t.get('d1')).toBeUndefined();
    now = 1_000;
    expect(t.get('d1')).toBeUndefined();
  });

  it('does not serve a token before its nbf, nor keep one without exp', () => {
    const t = tokens();
    now = 1_000;
    t.set('early', principal, { exp: 2_000, nbf: 1_500 });
    expect(t.get('early')).toBeUndefined();
    t.set('no-exp', principal, {});
    expect(t.get('no-exp')).toBeUndefined();
    expect(t.get('unknown')).toBeUndefined();
  });
});
