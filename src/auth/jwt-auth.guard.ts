import { CanActivate, ExecutionContext, ForbiddenException, Inject, Injectable, UnauthorizedException } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { createSecretKey, KeyObject } from 'node:crypto';
import { JwtService } from '@nestjs/jwt';
import { Config, CONFIG } from '../config/config';
import { isDepartment } from '../domain/policy/assignee';
import { Role, ROLES as ALL_ROLES } from '../domain/shared/vocabulary';
import { Clock, CLOCK } from '../infrastructure/clock';
import { AUTH_SECRET } from './auth-secret';
import { AuthenticatedRequest, Principal, PUBLIC, ROLES } from './principal';
import { tokenDigest } from './token-digest';
import { tokenLifetimeProblem } from './token-lifetime';
import { VerifiedTokens } from './verified-tokens';

const KNOWN_ROLES: ReadonlySet<string> = new Set(ALL_ROLES);

interface RouteAuth {
  public: boolean;
  allowed: Role[] | undefined;
}

/**
 * Every route needs a valid HS256 bearer token unless marked @Public(): 401
 * without one, or for a bad signature, another algorithm (including `none`), an
 * expired token, a token without `exp`, `sub` or a known role, a token living
 * longer than AUTH_MAX_TOKEN_LIFETIME_SECONDS or issued in the future
 * (token-lifetime.ts); 403 when none of
 * the caller's roles may call the route. The reason never echoes the token.
 */
@Injectable()
export class JwtAuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly jwt: JwtService,
    @Inject(AUTH_SECRET) secret: string,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(CONFIG) config: Config,
  ) {
    this.maxLifetimeSeconds = config.authMaxTokenLifetimeSeconds;
    // A KeyObject made once: given a string, jsonwebtoken tries createPublicKey() on it and falls back
    // to createSecretKey() on every request, which bench:api measured at 13-36% of the service's thread.
    this.key = createSecretKey(Buffer.from(secret, 'utf8'));
  }

  private readonly key: KeyObject;
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
    let claims: Record<string, unknown>;
    try {
      claims = await this.jwt.verifyAsync(token, { secret: this.key as unknown as string, algorithms: ['HS256'] });
    } catch (error) {
      const expired = error instanceof Error && error.name === 'TokenExpiredError';
      throw unauthorized(expired ? 'The token has expired' : 'The token is not valid');
    }
    // The wall clock, as jsonwebtoken's exp check and VerifiedTokens use: the application clock may be set to another day.
    const lifetime = tokenLifetimeProblem(claims, Math.floor(Date.now() / 1000), this.maxLifetimeSeconds);
    if (lifetime) throw unauthorized(lifetime);
    if (typeof claims.sub !== 'string' || claims.sub.trim() === '' || claims.sub.length > 200)
      throw unauthorized('The token has no subject (sub)');
    const roles = Array.isArray(claims.roles) ? claims.roles.filter((r): r is Role => typeof r === 'string' && KNOWN_ROLES.has(r)) : [];
    if (roles.length === 0) throw unauthorized('The token carries no known role');
    // Like unknown roles, an entry that is not a department key (`IT`, `财务`) is ignored: it matches no policy's assignee.
    const departments = Array.isArray(claims.departments) ? [...new Set(claims.departments.filter(isDepartment))] : [];
    return { principal: { id: claims.sub, roles, departments }, claims };
  }
}

const unauthorized = (message: string) => new UnauthorizedException({ code: 'UNAUTHENTICATED', message });
