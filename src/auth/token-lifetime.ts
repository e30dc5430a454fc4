/** Clocks of the identity provider and of this service may differ by this much (seconds). */
export const CLOCK_SKEW_SECONDS = 60;
export const DEFAULT_MAX_TOKEN_LIFETIME_SECONDS = 24 * 3600;

/**
 * Why a token's times are refused, or null. A signed token cannot be revoked
 * before its `exp`, so a leaked token with `exp` in year 9999 is a key for ever:
 * its lifetime (exp − iat) may not exceed the maximum, nor may what is left of
 * it (exp − now), which also bounds a token without `iat` (accepted: the second
 * check alone keeps it short-lived, and some issuers leave iat out). An `iat`
 * in the future beyond the clock skew means a wrong clock or a forged lifetime
 * (a future iat would let exp − iat look short).
 */
export function tokenLifetimeProblem(
  claims: { exp?: unknown; iat?: unknown },
  nowSeconds: number,
  maxLifetimeSeconds: number,
): string | null {
  if (typeof claims.exp !== 'number') return 'The token has no expiry (exp)';
  const { exp, iat } = claims;
  if (iat !== undefined && (typeof iat !== 'number' || !Number.isFinite(iat))) return 'The token has an invalid issue time (iat)';
  if (typeof iat === 'number' && iat > nowSeconds + CLOCK_SKEW_SECONDS) return 'The token was issued in the future (iat)';
  if (typeof iat === 'number' && exp - iat > maxLifetimeSeconds)
    return `The token lives longer than ${maxLifetimeSeconds} seconds (exp − iat)`;
  if (exp - nowSeconds > maxLifetimeSeconds + CLOCK_SKEW_SECONDS)
    return `The token expires more than ${maxLifetimeSeconds} seconds from now (exp)`;
  return null;
}
