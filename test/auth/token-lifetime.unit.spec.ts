import { tokenLifetimeProblem } from '../../src/auth/token-lifetime';
import { ConfigError, loadConfig } from '../../src/config/config';

describe('token lifetime', () => {
  const now = 1_700_000_000;
  const day = 24 * 3600;
  const problem = (claims: { exp?: unknown; iat?: unknown }) => tokenLifetimeProblem(claims, now, day);

  it('accepts up to the maximum, with or without iat, and an iat within the clock skew', () => {
    expect(problem({ iat: now, exp: now + day })).toBeNull();
    expect(problem({ iat: now - 3600, exp: now + day - 3600 })).toBeNull();
    expect(problem({ exp: now + day })).toBeNull();
    expect(problem({ iat: now + 60, exp: now + 3600 })).toBeNull();
  });

  it('refuses a longer life, a far expiry, a future or malformed iat, a missing exp', () => {
    expect(problem({ iat: now, exp: now + day + 1 })).toMatch(/exp − iat/);
    expect(problem({ iat: now - 7200, exp: now + day - 3600 })).toMatch(/exp − iat/);
    expect(problem({ exp: Date.UTC(9999, 0, 1) / 1000 })).toMatch(/from now/);
    expect(problem({ iat: now + 61, exp: now + 3600 })).toMatch(/future/);
    expect(problem({ iat: '0', exp: now + 60 })).toMatch(/iat/);
    expect(problem({})).toMatch(/no expiry/);
  });
});

describe('AUTH_MAX_TOKEN_LIFETIME_SECONDS', () => {
  it('defaults to 24 hours and takes a positive whole number of seconds', () => {
    expect(loadConfig({}).authMaxTokenLifetimeSeconds).toBe(86_400);
    expect(loadConfig({ AUTH_MAX_TOKEN_LIFETIME_SECONDS: '3600' }).authMaxTokenLifetimeSeconds).toBe(3600);
    for (const value of ['0', '-1', '1.5', 'x']) expect(() => loadConfig({ AUTH_MAX_TOKEN_LIFETIME_SECONDS: value })).toThrow(ConfigError);
  });
});
