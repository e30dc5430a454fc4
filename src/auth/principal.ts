import { applyDecorators, createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { Role } from '../domain/shared/vocabulary';

/**
 * Who is calling, from a verified token: `sub` (with `issuer` for an IdP's token) is recorded as the actor of every event.
 * `departments` (the token's `departments` claim: department keys such as `hr`, `it`,
 * `finance`) says whose tasks the caller does (GET /api/worklist); empty when the token has none.
 */
export interface Principal {
  id: string;
  roles: Role[];
  departments: string[];
  /** The identity provider that vouched for `id` (its `iss`); absent for a local token. */
  issuer?: string;
}

/**
 * One caller across both kinds of token: an IdP's `sub` is unique within its issuer only, and
 * a local token may carry the same string. Keys per-caller state (Idempotency-Key scopes, open
 * event streams) so that two callers never share it.
 */
export const callerKey = (principal: Principal): string => (principal.issuer ? `${principal.issuer}#${principal.id}` : principal.id);

export type AuthenticatedRequest = FastifyRequest & {
  principal?: Principal;
  /** The role the caller acts in here: the first of the route's roles they hold. */
  actingRole?: Role;
  /** When the request arrived, by the application's clock: the recordedAt of what it writes. */
  receivedAt?: Date;
};

export const PUBLIC = 'auth:public';
export const ROLES = 'auth:roles';

/** No token needed and no rate limit (health checks and metric scrapes; http/rate-limit.guard.ts reads the same mark). */
export const Public = () => applyDecorators(SetMetadata(PUBLIC, true));
/** Any of these roles may call the handler; others get 403. */
export const Roles = (...roles: Role[]) => SetMetadata(ROLES, roles);

export const CurrentPrincipal = createParamDecorator((_: unknown, context: ExecutionContext): Principal => {
  const principal = context.switchToHttp().getRequest<AuthenticatedRequest>().principal;
  if (!principal) throw new Error('No principal: the route is public or the guard did not run');
  return principal;
});

/** Roles that may see personal data (names, ID numbers) unmasked (docs/API.md, Auth). */
const SEES_PERSONAL_DATA: ReadonlySet<Role> = new Set(['hr_specialist', 'hr_manager', 'admin']);
export const seesPersonalData = (principal: Principal) => principal.roles.some((r) => SEES_PERSONAL_DATA.has(r));
