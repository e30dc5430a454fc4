import { CanActivate, ExecutionContext, ForbiddenException, Inject, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { JwtService } from '@nestjs/jwt';
import { decodeJwt } from 'jose';
import { Config, CONFIG } from '../config/config';
import { Role } from '../domain/shared/vocabulary';
import { Clock, CLOCK } from '../infrastructure/clock';
import { AUTH_SECRET } from './auth-secret';
import { LocalTokens, unauthorized, VerifiedToken } from './local-tokens';
import { OIDC_TOKENS, OidcTokens } from './oidc-tokens';
import { AuthenticatedRequest, Principal, PUBLIC, ROLES } from './principal';
import { tokenDigest } from './token-digest';
import { tokenLifetimeProblem } from './token-lifetime';
import { VerifiedTokens } from './verified-tokens';

interface RouteAuth {
  public: boolean;
  allowed: Role[] | undefined;
}

/**
 * Every route needs a valid bearer token unless marked @Public(): 401 without one,
 * or for a bad signature, another algorithm (including `none`), an expired token, a
 * token without `exp`, `sub` or a known role, a token living longer than
 * AUTH_MAX_TOKEN_LIFETIME_SECONDS or issued in the future (token-lifetime.ts); 403
 * when none of the caller's roles may call the route. The reason never echoes the token.
 *
 * Two kinds of token live side by side. One whose `iss` is OIDC_ISSUER is the identity
 * provider's and is verified against its keys only (oidc-tokens.ts): an HS256 token
 * claiming that issuer is refused, never tried with the local secret. Any other is a
 * local HS256 token (local-tokens.ts), accepted while a local secret is in force: with
 * an identity provider configured, only when AUTH_JWT_SECRET is set (auth.module.ts).
 */
@Injectable()
export class JwtAuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    jwt: JwtService,
    @Inject(AUTH_SECRET) secret: string | null,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(CONFIG) config: Config,
    @Inject(OIDC_TOKENS) private readonly oidc: OidcTokens | null,
  ) {
    this.maxLifetimeSeconds = config.authMaxTokenLifetimeSeconds;
    this.local = secret === null ? undefined : new LocalTokens(jwt, secret);
  }

  private readonly local: LocalTokens | undefined;
  private readonly maxLifetimeSeconds: number;
  private readonly verified = new VerifiedTokens();
  /** Per handler: its metadata never changes after start-up. */
  private readonly routes = new WeakMap<object, RouteAuth>();

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const { public: isPublic, allowed } = this.routeOf(context);
    if (isPublic) return true;
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const principal = await this.principalOf(request);
    request.principal = principal;
    if (allowed && !principal.roles.some((r) => allowed.includes(r))) {
      throw new ForbiddenException({ code: 'FORBIDDEN', message: `This needs one of the roles: ${allowed.join(', ')}` });
    }
    request.actingRole = allowed?.find((r) => principal.roles.includes(r)) ?? principal.roles[0];
    request.receivedAt = this.clock();
    return true;
  }

  private routeOf(context: ExecutionContext): RouteAuth {
    const handler = context.getHandler();
    let route = this.routes.get(handler);
    if (!route) {
      const targets = [handler, context.getClass()];
      route = {
        public: this.reflector.getAllAndOverride<boolean>(PUBLIC, targets) === true,
        allowed: this.reflector.getAllAndOverride<Role[] | undefined>(ROLES, targets),
      };
      this.routes.set(handler, route);
    }
    return route;
  }

  /** A token verified before is known by its digest; only its expiry is checked again. */
  private async principalOf(request: AuthenticatedRequest): Promise<Principal> {
    const digest = tokenDigest(request);
    const known = digest === undefined ? undefined : this.verified.get(digest);
    if (known) return known;
    const { principal, claims } = await this.authenticate(request.headers.authorization);
    if (digest !== undefined) this.verified.set(digest, principal, claims);
    return principal;
  }

  private async authenticate(header: string | undefined): Promise<{ principal: Principal; claims: Record<string, unknown> }> {
    const token = /^Bearer ([\w-]+\.[\w-]+\.[\w-]*)$/.exec(header ?? '')?.[1];
    if (!token) throw unauthorized('A bearer token is required');
    const { claims, roles, departments, issuer } = await this.verifierOf(token).verify(token);
    // The wall clock, as jsonwebtoken's and jose's exp checks and VerifiedTokens use: the application clock may be set to another day.
    const lifetime = tokenLifetimeProblem(claims, Math.floor(Date.now() / 1000), this.maxLifetimeSeconds);
    if (lifetime) throw unauthorized(lifetime);
    if (typeof claims.sub !== 'string' || claims.sub.trim() === '' || claims.sub.length > 200)
      throw unauthorized('The token has no subject (sub)');
    return { principal: { id: claims.sub, roles, departments, ...(issuer ? { issuer } : {}) }, claims };
  }

  /** By the unverified `iss` only to choose the verifier: each then checks everything, `iss` included. */
  private verifierOf(token: string): { verify(token: string): Promise<VerifiedToken> } {
    let iss: unknown;
    try {
      iss = decodeJwt(token).iss;
    } catch {
      throw unauthorized('The token is not valid');
    }
    if (this.oidc && iss === this.oidc.issuer) return this.oidc;
    if (this.local) return this.local;
    throw unauthorized('Sign in through the identity provider: local tokens are off (no AUTH_JWT_SECRET)');
  }
}
