import { ServiceUnavailableException } from '@nestjs/common';
import { errors, jwtVerify } from 'jose';
import { OidcConfig } from '../config/oidc-settings';
import { IdentityProvider, IdentityProviderUnavailable } from './identity-provider';
import { claimAt, departmentsAt, mappedRoles } from './oidc-claims';
import { unauthorized, VerifiedToken } from './local-tokens';

/** The OIDC verifier, or null when no OIDC_ISSUER is configured. */
export const OIDC_TOKENS = Symbol('OidcTokens');

/**
 * Tokens of the identity provider (OIDC_ISSUER), verified with jose against its published keys:
 * the configured algorithms only (never HS* nor `none`, refused before any key is looked up),
 * `iss` and `aud` exactly, `exp` and `nbf` with OIDC_CLOCK_SKEW_SECONDS. The roles come from the
 * claim at OIDC_ROLES_CLAIM through OIDC_ROLE_MAP; a token whose claim is missing, or names no
 * mapped group, is 401 like a local token without a known role: the service cannot tell who
 * the caller is *here*, which is authentication, while 403 says "known, but not this route".
 */
export class OidcTokens {
  constructor(
    private readonly config: OidcConfig,
    readonly provider: IdentityProvider,
  ) {}

  get issuer(): string {
    return this.config.issuer;
  }

  async verify(token: string): Promise<VerifiedToken> {
    let claims: Record<string, unknown>;
    try {
      ({ payload: claims } = await jwtVerify(token, this.provider.key, {
        issuer: this.config.issuer,
        audience: this.config.audience,
        algorithms: this.config.algorithms,
        clockTolerance: this.config.clockSkewSeconds,
        requiredClaims: ['exp'],
      }));
    } catch (error) {
      if (error instanceof IdentityProviderUnavailable)
        throw new ServiceUnavailableException({ code: 'IDENTITY_PROVIDER_UNAVAILABLE', message: error.message });
      throw unauthorized(error instanceof errors.JWTExpired ? 'The token has expired' : 'The token is not valid');
    }
    const names = claimAt(claims, this.config.rolesClaim);
    if (names === undefined) throw unauthorized(`The token has no role claim (${this.config.rolesClaim.join('.')})`);
    const roles = mappedRoles(names, this.config.roleMap);
    if (roles.length === 0) throw unauthorized('The token carries no role or group that OIDC_ROLE_MAP maps to a role');
    return { claims, roles, departments: departmentsAt(claims, this.config.departmentsClaim), issuer: this.config.issuer };
  }
}
