import { Principal } from './principal';

const MAX_TOKENS = 10_000;

interface Verified {
  principal: Principal;
  /** Seconds since the epoch, as in the claims. */
  exp: number;
  nbf?: number;
}

/**
 * Tokens whose signature and claims were checked, by the digest of their header
 * (token-digest.ts), so that a client's next request costs a map look-up instead
 * of a JSON decode and an HMAC. A signature, once valid, stays valid; what
 * changes with time, `exp` and `nbf`, is checked on every use against the same
 * wall clock jsonwebtoken uses. Bounded: emptied when full, which only costs
 * re-verifications.
 */
export class VerifiedTokens {
  private readonly tokens = new Map<string, Verified>();

  constructor(private readonly nowSeconds: () => number = () => Math.floor(Date.now() / 1000)) {}

  get(digest: string): Principal | undefined {
    const entry = this.tokens.get(digest);
    if (!entry) return undefined;
    const now = this.nowSeconds();
    if (now >= entry.exp || (entry.nbf !== undefined && now < entry.nbf)) {
      // Verified again, the token gets jsonwebtoken's own answer (expired: 401 "The token has expired").
      this.tokens.delete(digest);
      return undefined;
    }
    return entry.principal;
  }

  set(digest: string, principal: Principal, claims: Record<string, unknown>): void {
    if (typeof claims.exp !== 'number') return;
    if (this.tokens.size >= MAX_TOKENS) this.tokens.clear();
    this.tokens.set(digest, { principal, exp: claims.exp, nbf: typeof claims.nbf === 'number' ? claims.nbf : undefined });
  }
}
