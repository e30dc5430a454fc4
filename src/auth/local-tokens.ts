import { UnauthorizedException } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { createSecretKey, KeyObject } from 'node:crypto';
import { Role, ROLES } from '../domain/shared/vocabulary';
import { departmentsAt } from './oidc-claims';

const KNOWN_ROLES: ReadonlySet<string> = new Set(ROLES);

/** What a verified token says, before the checks every token gets (jwt-auth.guard.ts): lifetime and subject. */
export interface VerifiedToken {
  claims: Record<string, unknown>;
  roles: Role[];
  departments: string[];
  /** The identity provider that signed it; absent for a local token. */
  issuer?: string;
}

/**
 * Local tokens: HS256 with AUTH_JWT_SECRET (or the secret generated into DATA_DIR), minted by
 * `npm run token` and the tests. Roles are the service's own names in `roles`, departments
 * in `departments`; unknown roles and entries that are not department keys are ignored.
 */
export class LocalTokens {
  private readonly key: KeyObject;

  constructor(
    private readonly jwt: JwtService,
    secret: string,
  ) {
    // A KeyObject made once: given a string, jsonwebtoken tries createPublicKey() on it and falls back
    // to createSecretKey() on every request, which bench:api measured at 13-36% of the service's thread.
    this.key = createSecretKey(Buffer.from(secret, 'utf8'));
  }

  async verify(token: string): Promise<VerifiedToken> {
    let claims: Record<string, unknown>;
    try {
      claims = await this.jwt.verifyAsync(token, { secret: this.key as unknown as string, algorithms: ['HS256'] });
    } catch (error) {
      const expired = error instanceof Error && error.name === 'TokenExpiredError';
      throw unauthorized(expired ? 'The token has expired' : 'The token is not valid');
    }
    const roles = Array.isArray(claims.roles) ? claims.roles.filter((r): r is Role => typeof r === 'string' && KNOWN_ROLES.has(r)) : [];
    if (roles.length === 0) throw unauthorized('The token carries no known role');
    return { claims, roles, departments: departmentsAt(claims, ['departments']) };
  }
}

export const unauthorized = (message: string) => new UnauthorizedException({ code: 'UNAUTHENTICATED', message });
